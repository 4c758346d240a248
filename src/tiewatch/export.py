"""Turn extracted models into plain records and write them as JSONL, CSV, Parquet or
PLOVER/POLECAT-style JSONL.

Record field names follow ``shared/gold/GUIDE.md`` so an export and a gold file compare
field by field. Writers take iterables of records and a binary or text sink; nothing here
reads the store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal

from tiewatch.errors import ExportError
from tiewatch.models import Annotation, Document, Event, Quantity, Quote
from tiewatch.ontology import event_scale, quad_class

ExportFormat = Literal["jsonl", "csv", "parquet", "plover"]
EXPORT_FORMATS: tuple[str, ...] = ExportFormat.__args__  # type: ignore[attr-defined]
PLOVER_CODEBOOK = "PLOVER 2.0 (tiewatch conventions, shared/gold/DECISIONS.md)"


def event_record(event: Event) -> dict[str, Any]:
    """An event in gold field names, plus its sentence, span and provenance."""
    return {
        "document_id": event.document_id,
        "sentence_index": event.sentence_index,
        "type": event.type,
        "mode": event.mode,
        "source": event.source,
        "source_name": event.source_name,
        "source_sector": event.source_sector,
        "target": event.target,
        "target_name": event.target_name,
        "target_sector": event.target_sector,
        "date": event.date,
        "date_precision": event.date_precision,
        "status": event.status,
        "reported_by": event.reported_by,
        "contexts": list(event.contexts),
        "trigger": event.trigger,
        "sentence": event.sentence,
        "span": [event.start, event.end],
        "confidence": event.confidence,
        "extractor_version": event.extractor_version,
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    return {
        "document_id": quote.document_id,
        "sentence_index": quote.sentence_index,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_actor": quote.speaker_actor,
        "date": quote.date,
        "span": [quote.start, quote.end],
    }


def quantity_record(quantity: Quantity) -> dict[str, Any]:
    return {
        "document_id": quantity.document_id,
        "sentence_index": quantity.sentence_index,
        "text": quantity.text,
        "value": quantity.value,
        "unit": quantity.unit,
        "measure": quantity.measure,
        "date": quantity.date,
        "span": [quantity.start, quantity.end],
    }


def document_record(document: Document, *, with_text: bool = False) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": document.id,
        "external_id": document.external_id,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published.isoformat() if document.published else None,
        "url": document.url,
        "source": document.source,
        "near_duplicate_of": document.near_duplicate_of,
    }
    if with_text:
        record["text"] = document.text
    return record


def annotation_to_gold(annotation: Annotation) -> dict[str, Any]:
    """One document's annotation in the gold file layout of GUIDE.md (``tiewatch annotate``)."""
    document = annotation.document
    doc = {
        "id": document.external_id or document.id,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published.isoformat() if document.published else None,
        "url": document.url,
    }
    return {
        "doc": doc,
        "events": [_drop(event_record(e), "document_id") for e in annotation.events],
        "quotes": [_drop(quote_record(q), "document_id") for q in annotation.quotes],
        "quantities": [_drop(quantity_record(q), "document_id") for q in annotation.quantities],
    }


def plover_record(event: Event, document: Document | None, *, record_id: str) -> dict[str, Any]:
    """A PLOVER/POLECAT-style record (PLOVER.md section 1): lists of actor and recipient."""
    record: dict[str, Any] = {
        "id": record_id,
        "date": event.date,
        "actor": [_entity(event.source, event.source_sector, event.source_name)],
        "recipient": [_entity(event.target, event.target_sector, event.target_name)]
        if event.target
        else [],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.contexts),
        "modality": event.status,
        "quad_code": quad_class(event.type),
        "event_scale": event_scale(event.type),
        "event_text": event.trigger,
        "text": event.sentence,
        "text_info": {
            "document_id": event.document_id,
            "sentence": event.sentence_index,
            "start": event.start,
            "end": event.end,
        },
        "coder": f"tiewatch {event.extractor_version}".strip(),
        "codebook": PLOVER_CODEBOOK,
    }
    if event.reported_by:
        record["reported_by"] = event.reported_by
    if document is not None:
        record["cite_info"] = {
            "publication": document.outlet,
            "url": document.url,
            "title": document.title,
            "published": document.published.isoformat() if document.published else None,
            "language": "en",
        }
    return record


def write_jsonl(records: Iterable[Mapping[str, Any]], sink: IO[str]) -> int:
    count = 0
    for record in records:
        sink.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[Mapping[str, Any]], sink: IO[str]) -> int:
    """CSV with the first record's keys as header; lists and dicts are JSON-encoded cells."""
    writer: csv.DictWriter[str] | None = None
    count = 0
    for record in records:
        row = {k: _csv_cell(v) for k, v in record.items()}
        if writer is None:
            writer = csv.DictWriter(sink, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
        count += 1
    return count


def write_parquet(records: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Parquet through pyarrow (the ``parquet`` extra); nested values become JSON strings."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet export needs pyarrow: pip install 'tiewatch[parquet]'") from exc
    rows = [{k: _parquet_cell(v) for k, v in record.items()} for record in records]
    table = pa.Table.from_pylist(rows)
    pq.write_table(table, path)
    return len(rows)


def plover_records(
    events: Iterable[Event], documents: Mapping[str, Document]
) -> Iterator[dict[str, Any]]:
    for number, event in enumerate(events, start=1):
        document = documents.get(event.document_id)
        record_id = f"{event.document_id}-{event.sentence_index}-{number}"
        yield plover_record(event, document, record_id=record_id)


def _entity(code: str | None, sector: str | None, name: str | None) -> dict[str, Any]:
    return {"code": code, "sector": sector, "entity_text": name}


def _drop(record: dict[str, Any], key: str) -> dict[str, Any]:
    record.pop(key, None)
    return record


# A text cell opening with one of these is run as a formula by spreadsheet programs; a
# hostile article could make an analyst's spreadsheet fetch URLs or run commands (#7).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value  # the OWASP advice: a leading apostrophe makes the cell text
    return value


def _parquet_cell(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple):
        return list(value)
    return value

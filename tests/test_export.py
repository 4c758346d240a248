"""Exports: JSONL, CSV, Parquet and PLOVER records from hand-made models."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tiewatch import export
from tiewatch.models import Annotation, Document, Event, Quantity, Quote, content_hash

TEXT = "Norway and Sweden signed a fishing accord on Monday."
DOCUMENT = Document(
    id=content_hash(TEXT), text=TEXT, title="Accord", outlet="Sample Wire",
    published=date(2025, 3, 5), external_id="sample-1",
)  # fmt: skip
EVENT = Event(
    type="SUPPORT", source="NOR", target="SWE", document_id=DOCUMENT.id, sentence_index=0,
    start=18, end=24, sentence=TEXT, date="2025-03-03", date_precision="day",
    contexts=("diplomatic", "economic"), trigger="signed", extractor_version="0.1.0",
)  # fmt: skip
QUOTE = Quote(text="a fair deal", document_id=DOCUMENT.id, start=0, end=11, sentence_index=0)
QUANTITY = Quantity(
    text="40 percent", value=40.0, unit="percent", document_id=DOCUMENT.id, start=0, end=10,
    sentence_index=0, measure="share of catch",
)  # fmt: skip


def test_annotation_to_gold_has_guide_fields() -> None:
    annotation = Annotation(DOCUMENT, events=(EVENT,), quotes=(QUOTE,), quantities=(QUANTITY,))
    record = export.annotation_to_gold(annotation)
    assert record["doc"] == {
        "id": "sample-1", "title": "Accord", "outlet": "Sample Wire",
        "published": "2025-03-05", "url": None,
    }  # fmt: skip
    event = record["events"][0]
    for name in ("type", "mode", "source", "source_name", "target", "target_name", "date",
                 "status", "reported_by", "contexts", "sentence", "span"):  # fmt: skip
        assert name in event
    assert TEXT[slice(*event["span"])] == "signed"
    assert record["quotes"][0]["speaker"] is None
    assert record["quantities"][0]["unit"] == "percent"
    json.dumps(record)


def test_jsonl_and_csv_round_trip() -> None:
    records = [export.event_record(EVENT)]
    sink = io.StringIO()
    assert export.write_jsonl(records, sink) == 1
    assert json.loads(sink.getvalue())["contexts"] == ["diplomatic", "economic"]
    sink = io.StringIO()
    export.write_csv(records, sink)
    row = next(csv.DictReader(io.StringIO(sink.getvalue())))
    assert row["type"] == "SUPPORT" and json.loads(row["contexts"]) == ["diplomatic", "economic"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 200", "'+1 200"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("Plain words = fine", "Plain words = fine"),
        ("", ""),
    ],
)
def test_csv_text_cells_never_start_a_formula(value: str, cell: str) -> None:
    sink = io.StringIO()
    export.write_csv([{"sentence": value, "value": -5.0}], sink)
    row = next(csv.DictReader(io.StringIO(sink.getvalue())))
    assert row == {"sentence": cell, "value": "-5.0"}  # numbers stay numbers


def test_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert export.write_parquet([export.event_record(EVENT)], path) == 1
    rows = pq.read_table(path).to_pylist()
    assert rows[0]["source"] == "NOR" and rows[0]["span"] == [18, 24]


def test_plover_record_follows_polecat_layout() -> None:
    (record,) = export.plover_records([EVENT], {DOCUMENT.id: DOCUMENT})
    assert record["event"] == ["SUPPORT"]
    assert record["actor"] == [{"code": "NOR", "sector": None, "entity_text": None}]
    assert record["recipient"][0]["code"] == "SWE"
    assert record["quad_code"] == 1 and record["event_scale"] == 5.0
    assert record["cite_info"]["publication"] == "Sample Wire"
    assert record["text_info"] == {"document_id": DOCUMENT.id, "sentence": 0, "start": 18,
                                   "end": 24}  # fmt: skip

"""Pydantic models of the JSON API (#5): what each endpoint accepts and returns, so that
the OpenAPI schema says it precisely. Built from the frozen dataclasses of the store and
the analyses by the ``*_out`` functions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

from tiewatch.analyze.claims import Claim, ClaimSide
from tiewatch.analyze.dyads import DyadRow
from tiewatch.analyze.indicators import Series
from tiewatch.analyze.storylines import Storyline
from tiewatch.export import event_record, quantity_record, quote_record
from tiewatch.models import Correction, Event, EventType, Quantity, Quote, Sentence, Status
from tiewatch.store.queries import DocumentSummary
from tiewatch.web.views import StoryEntry


def clean_text(value: str) -> str:
    """Refuse what no database can store: NUL characters and lone surrogates."""
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text is not valid Unicode (lone surrogate)") from exc
    return value


CleanText = Annotated[str, AfterValidator(clean_text)]


class PageMeta(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int


class DocumentOut(BaseModel):
    id: str
    external_id: str | None
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None
    status: str
    near_duplicate_of: str | None


class DocumentPage(PageMeta):
    items: list[DocumentOut]


class SentenceOut(BaseModel):
    index: int
    start: int
    end: int
    text: str


class Provenance(BaseModel):
    """The document an item comes from (in lists)."""

    title: str | None = None
    outlet: str | None = None
    published: date | None = None


class EventOut(Provenance):
    key: str = Field(description="Stable across re-processing: document:start-end:TYPE:SRC:TGT")
    corrected: bool
    document_id: str
    sentence_index: int
    type: str
    mode: str | None
    source: str | None
    source_name: str | None
    source_sector: str | None
    target: str | None
    target_name: str | None
    target_sector: str | None
    date: str | None
    date_precision: str | None
    status: str
    reported_by: str | None
    contexts: list[str]
    trigger: str | None
    sentence: str
    start: int
    end: int
    confidence: float
    extractor_version: str


class EventPage(PageMeta):
    items: list[EventOut]


class QuoteOut(Provenance):
    document_id: str
    sentence_index: int
    text: str
    speaker: str | None
    speaker_actor: str | None
    date: str | None
    start: int
    end: int


class QuotePage(PageMeta):
    items: list[QuoteOut]


class QuantityOut(Provenance):
    document_id: str
    sentence_index: int
    text: str
    value: float
    unit: str
    measure: str | None
    date: str | None
    start: int
    end: int


class QuantityPage(PageMeta):
    items: list[QuantityOut]


class CorrectionOut(BaseModel):
    id: int | None
    event_key: str
    document_id: str
    action: str
    type: str | None
    source: str | None
    target: str | None
    date: str | None
    status: str | None
    note: str | None
    author: str | None
    created_at: datetime | None
    matched: bool | None = Field(
        default=None,
        description="In lists: false when re-processing no longer finds the corrected event",
    )


class CorrectionIn(BaseModel):
    """Mark an event wrong (``delete``) or fix it (``edit``: the fields to change)."""

    event_key: CleanText = Field(max_length=400)
    action: Literal["delete", "edit"]
    type: EventType | None = None
    source: CleanText | None = Field(default=None, max_length=32)
    target: CleanText | None = Field(default=None, max_length=32)
    date: CleanText | None = Field(default=None, max_length=10, description="YYYY[-MM[-DD]]")
    status: Status | None = None
    note: CleanText | None = Field(default=None, max_length=2000)
    author: CleanText | None = Field(default=None, max_length=200)


class DocumentIn(BaseModel):
    """A document to store (processed later by ``tiewatch process``)."""

    text: CleanText
    title: CleanText | None = Field(default=None, max_length=2000)
    published: CleanText | None = Field(default=None, max_length=40, description="ISO date")
    outlet: CleanText | None = Field(default=None, max_length=500)
    url: CleanText | None = Field(default=None, max_length=4000)


class IngestOut(BaseModel):
    id: str
    created: bool = Field(description="False when the same text was already stored")
    near_duplicate_of: str | None


class DocumentDetail(DocumentOut):
    text: str
    sentences: list[SentenceOut]
    events: list[EventOut]
    quotes: list[QuoteOut]
    quantities: list[QuantityOut]
    corrections: list[CorrectionOut]


class StoryPointOut(BaseModel):
    month: str
    count: int


class StorylineOut(BaseModel):
    id: str
    title: str
    terms: list[str]
    actors: list[str]
    size: int
    first_month: str
    last_month: str
    timeline: list[StoryPointOut]


class StoryEntryOut(Provenance):
    month: str
    document_id: str
    sentence_index: int
    text: str
    events: list[EventOut]
    quotes: list[QuoteOut]
    quantities: list[QuantityOut]


class StorylineDetail(StorylineOut):
    entries: list[StoryEntryOut]


class ClaimSideOut(BaseModel):
    document_id: str
    sentence_index: int
    text: str
    date: str | None
    month: str | None
    reported_by: str | None
    outlet: str | None


class ResponseOut(BaseModel):
    kind: str
    actor: str | None
    side: ClaimSideOut


class ClaimOut(BaseModel):
    accuser: str | None
    accused: str
    type: str
    contexts: list[str]
    claim: ClaimSideOut
    responses: list[ResponseOut]


class IndicatorPointOut(BaseModel):
    value: float
    unit: str
    text: str
    measure: str | None
    date: str | None
    document_id: str
    sentence_index: int
    outlet: str | None


class SeriesOut(BaseModel):
    id: str
    unit: str
    label: str
    terms: list[str]
    points: list[IndicatorPointOut]


class DyadOut(BaseModel):
    actor_a: str
    actor_b: str
    direction: str = Field(description="a->b, b->a, or both")
    month: str
    total: int
    by_type: dict[str, int]
    by_quad: dict[str, int]
    net_index: float | None
    mean_scale: float | None


# Conversions from the dataclasses (records shared with `tiewatch export`).


def event_out(event: Event, **provenance: Any) -> dict[str, Any]:
    record = event_record(event)
    start, end = record.pop("span")
    return {**record, **provenance, "key": event.key, "corrected": event.corrected,
            "start": start, "end": end}  # fmt: skip


def quote_out(quote: Quote, **provenance: Any) -> dict[str, Any]:
    record = quote_record(quote)
    start, end = record.pop("span")
    return {**record, **provenance, "start": start, "end": end}


def quantity_out(quantity: Quantity, **provenance: Any) -> dict[str, Any]:
    record = quantity_record(quantity)
    start, end = record.pop("span")
    return {**record, **provenance, "start": start, "end": end}


def document_out(document: DocumentSummary) -> dict[str, Any]:
    return {name: getattr(document, name) for name in DocumentOut.model_fields}


def sentence_out(sentence: Sentence) -> dict[str, Any]:
    return {"index": sentence.index, "start": sentence.start, "end": sentence.end,
            "text": sentence.text}  # fmt: skip


def correction_out(correction: Correction) -> dict[str, Any]:
    fields = {name: getattr(correction, name, None) for name in CorrectionOut.model_fields}
    return {**fields, "event_key": correction.event_key}


def storyline_out(story: Storyline) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "terms": list(story.terms),
        "actors": list(story.actors),
        "size": len(story.members),
        "first_month": story.first_month,
        "last_month": story.last_month,
        "timeline": [{"month": p.month, "count": p.count} for p in story.timeline],
    }


def entry_out(entry: StoryEntry) -> dict[str, Any]:
    return {
        "month": entry.month,
        "document_id": entry.document_id,
        "sentence_index": entry.sentence_index,
        "text": entry.text,
        "title": entry.title,
        "outlet": entry.outlet,
        "published": entry.published,
        "events": [event_out(e) for e in entry.events],
        "quotes": [quote_out(q) for q in entry.quotes],
        "quantities": [quantity_out(q) for q in entry.quantities],
    }


def side_out(side: ClaimSide) -> dict[str, Any]:
    return {name: getattr(side, name) for name in ClaimSideOut.model_fields}


def claim_out(claim: Claim) -> dict[str, Any]:
    return {
        "accuser": claim.accuser,
        "accused": claim.accused,
        "type": claim.type,
        "contexts": list(claim.contexts),
        "claim": side_out(claim.side),
        "responses": [
            {"kind": r.kind, "actor": r.actor, "side": side_out(r.side)} for r in claim.responses
        ],
    }


def series_out(series: Series) -> dict[str, Any]:
    return {
        "id": series.id,
        "unit": series.unit,
        "label": series.label,
        "terms": list(series.terms),
        "points": [
            {name: getattr(p, name) for name in IndicatorPointOut.model_fields}
            for p in series.points
        ],
    }


def dyad_out(row: DyadRow) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in DyadOut.model_fields}
    return {**values, "by_type": dict(row.by_type), "by_quad": dict(row.by_quad)}

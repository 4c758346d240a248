"""Frozen dataclasses shared by every stage. No I/O here.

Field names follow ``shared/gold/GUIDE.md`` so that an export and a gold file
can be compared field by field.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
Status = Literal["occurred", "planned", "alleged", "denied"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
Precision = Literal["day", "month", "year"]

_WS = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """The document id: SHA-256 of the text with whitespace folded (hex, 32 chars).

    Folding whitespace makes the same article saved with different line wrapping
    the same document, which is what a re-ingest should find.
    """
    folded = _WS.sub(" ", text).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year ("2025-05-08", "2025-05", "2025")."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raises ValueError otherwise."""
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"not a partial ISO date: {text!r}")
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            date(*numbers)  # validates the day
        elif len(numbers) == 2 and not 1 <= numbers[1] <= 12:
            raise ValueError(f"month out of range: {text!r}")
        return cls(*numbers)

    def first_day(self) -> date:
        """The earliest day this date can mean ("2025-05" -> 2025-05-01)."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The latest day this date can mean ("2025-02" -> 2025-02-28, "2025" -> 2025-12-31)."""
        if self.day is not None:
            return self.first_day()
        if self.month is None:
            return date(self.year, 12, 31)
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True)
class Document:
    """One article or statement. ``id`` is the content hash of ``text``."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    ingested_at: datetime | None = None
    source: str | None = None  # where it came from: a path, a URL, "path.jsonl:12"
    external_id: str | None = None  # the record's own id, e.g. "wh-000001"
    near_duplicate_of: str | None = None

    @property
    def undated(self) -> bool:
        return self.published is None


@dataclass(frozen=True)
class Sentence:
    document_id: str
    index: int
    start: int  # character offsets into Document.text
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A resolved actor mention: who, for which state or body, in which sector."""

    code: str  # ISO alpha-3 for states, short name for bodies ("EU", "NATO")
    name: str | None = None  # the named person or body, canonical form ("Wang Yi")
    sector: str | None = None  # GOV, MIL, BUS, MED, INT, SPC, OTH
    text: str | None = None  # the words in the sentence
    start: int | None = None  # character offsets into Document.text
    end: int | None = None


@dataclass(frozen=True)
class Event:
    """One PLOVER interaction stated by one sentence."""

    type: str
    source: str | None
    target: str | None
    document_id: str
    sentence_index: int
    start: int  # span of the trigger or clause, into Document.text
    end: int
    sentence: str
    mode: str | None = None
    source_name: str | None = None
    source_sector: str | None = None
    target_name: str | None = None
    target_sector: str | None = None
    date: str | None = None  # ISO partial date, as precise as the text allows
    date_precision: Precision | None = None
    status: str = "occurred"
    reported_by: str | None = None
    contexts: tuple[str, ...] = ()
    trigger: str | None = None
    confidence: float = 0.5
    extractor_version: str = ""
    # Set on an event an analyst corrected: the key of the extracted event it replaces (#5).
    # Not stored in the events table; the store applies corrections when reading.
    corrected_from: str | None = None

    @property
    def key(self) -> str:
        """A stable id across re-processing: document, span, and the extracted type and
        actors (not the row id, which changes whenever the document is re-annotated)."""
        if self.corrected_from is not None:
            return self.corrected_from
        return event_key(
            self.document_id, self.start, self.end, self.type, self.source, self.target
        )

    @property
    def corrected(self) -> bool:
        return self.corrected_from is not None


def event_key(
    document_id: str, start: int, end: int, type_: str, source: str | None, target: str | None
) -> str:
    """``document:start-end:TYPE:SOURCE:TARGET`` (an absent actor is empty)."""
    return f"{document_id}:{start}-{end}:{type_}:{source or ''}:{target or ''}"


CorrectionAction = Literal["delete", "edit"]
CORRECTION_ACTIONS: tuple[str, ...] = CorrectionAction.__args__  # type: ignore[attr-defined]
CORRECTABLE_FIELDS = ("type", "source", "target", "date", "status")


@dataclass(frozen=True)
class Correction:
    """An analyst's override of one extracted event, kept apart from the extraction so
    that it survives re-processing (#5). The latest correction of an event wins.

    The event is named by its key parts as extracted; for ``"edit"`` the new values
    (``None``: unchanged) replace the extracted ones.
    """

    document_id: str
    start: int
    end: int
    event_type: str  # as extracted
    event_source: str | None
    event_target: str | None
    action: CorrectionAction
    type: str | None = None
    source: str | None = None
    target: str | None = None
    date: str | None = None
    status: str | None = None
    note: str | None = None
    author: str | None = None
    created_at: datetime | None = None
    id: int | None = None

    @property
    def event_key(self) -> str:
        return event_key(
            self.document_id,
            self.start,
            self.end,
            self.event_type,
            self.event_source,
            self.event_target,
        )

    @classmethod
    def for_event(
        cls, event: Event, *, action: CorrectionAction, **values: str | None
    ) -> Correction:
        """A correction of ``event`` (extracted or already corrected) with ``values``."""
        original = parse_event_key(event.key)
        return cls(*original, action=action, **values)  # type: ignore[arg-type]


def parse_event_key(key: str) -> tuple[str, int, int, str, str | None, str | None]:
    """The parts of an ``event_key``: (document_id, start, end, type, source, target).

    Raises ValueError on a malformed key. The document id may itself hold colons.
    """
    document_id, span, type_, source, target = key.rsplit(":", 4)
    start, _, end = span.partition("-")
    if not (document_id and type_ and start.isdigit() and end.isdigit()):
        raise ValueError(f"not an event key: {key!r}")
    return document_id, int(start), int(end), type_, source or None, target or None


@dataclass(frozen=True)
class Quote:
    text: str
    document_id: str
    start: int  # span of the quoted words (without the marks), into Document.text
    end: int
    sentence_index: int
    speaker: str | None = None
    speaker_actor: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Quantity:
    text: str
    value: float
    unit: str
    document_id: str
    start: int
    end: int
    sentence_index: int
    measure: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Annotation:
    """Everything extracted from one document."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    extractor_version: str = ""


@dataclass(frozen=True)
class Failure:
    """An input that could not be ingested or processed, and why."""

    input: str
    stage: Literal["ingest", "process"]
    reason: str
    document_id: str | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Stats:
    documents: int = 0
    processed: int = 0
    undated: int = 0
    near_duplicates: int = 0
    sentences: int = 0
    events: int = 0
    quotes: int = 0
    quantities: int = 0
    failures: int = 0
    events_by_type: dict[str, int] = field(default_factory=dict)
    failures_by_stage: dict[str, int] = field(default_factory=dict)

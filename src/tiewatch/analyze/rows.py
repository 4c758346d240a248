"""Sentence rows: one stored sentence with the events, quotes and figures it carries.

Every analysis and the brief work on these rows, built from plain iterables of models (the
CLI reads them from the store; tests construct them by hand).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tiewatch.models import Document, Event, Quantity, Quote, Sentence

logger = logging.getLogger(__name__)

SentenceKey = tuple[str, int]  # (document id, sentence index)


@dataclass(frozen=True)
class SentenceRow:
    document_id: str
    index: int
    text: str
    month: str | None  # the reporting month (the document's), YYYY-MM
    published: date | None
    outlet: str | None
    paragraph: int = 0  # the paragraph's number in the document (blank-line or newline split)
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()

    @property
    def key(self) -> SentenceKey:
        return (self.document_id, self.index)

    @property
    def actors(self) -> frozenset[str]:
        codes = {e.source for e in self.events} | {e.target for e in self.events}
        codes |= {q.speaker_actor for q in self.quotes}
        return frozenset(code for code in codes if code)


def month_of(value: date | str | None) -> str | None:
    """``YYYY-MM`` of a date or an ISO partial date; None when the month is unknown."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else value
    return text[:7] if len(text) >= 7 else None


def shift_month(month: str, delta: int) -> str:
    year, number = int(month[:4]), int(month[5:7])
    total = year * 12 + (number - 1) + delta
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def event_month(event: Event, published: date | None) -> str | None:
    """The month an event belongs to in trends: its own date when it is an occurred act dated
    to the month no later than the report, else the reporting month."""
    own = month_of(event.date)
    reported = month_of(published)
    if own and event.status == "occurred" and (reported is None or own <= reported):
        return own
    return reported or own


def build_sentence_rows(
    documents: Iterable[Document],
    sentences: Iterable[Sentence],
    *,
    events: Iterable[Event] = (),
    quotes: Iterable[Quote] = (),
    quantities: Iterable[Quantity] = (),
    skip_near_duplicates: bool = True,
) -> list[SentenceRow]:
    """Join sentences with their document and annotations, in document then sentence order."""
    docs = {d.id: d for d in documents if not (skip_near_duplicates and d.near_duplicate_of)}
    by_key: dict[str, dict[SentenceKey, list[object]]] = {
        "events": defaultdict(list),
        "quotes": defaultdict(list),
        "quantities": defaultdict(list),
    }
    for name, items in (("events", events), ("quotes", quotes), ("quantities", quantities)):
        for item in items:
            if item.document_id in docs:
                by_key[name][(item.document_id, item.sentence_index)].append(item)
    breaks = {doc_id: _line_breaks(d.text) for doc_id, d in docs.items()}
    rows = [
        _make_row(docs[s.document_id], s, by_key, bisect.bisect(breaks[s.document_id], s.start))
        for s in sentences
        if s.document_id in docs
    ]
    order = {doc_id: n for n, doc_id in enumerate(_document_order(docs.values()))}
    return sorted(rows, key=lambda row: (order[row.document_id], row.index))


def _line_breaks(text: str) -> list[int]:
    return [match.start() for match in re.finditer(r"\n", text)]


def _make_row(
    document: Document,
    sentence: Sentence,
    by_key: dict[str, dict[SentenceKey, list[object]]],
    paragraph: int,
) -> SentenceRow:
    key = (sentence.document_id, sentence.index)
    return SentenceRow(
        document_id=sentence.document_id,
        index=sentence.index,
        text=sentence.text,
        month=month_of(document.published),
        published=document.published,
        outlet=document.outlet,
        paragraph=paragraph,
        events=tuple(by_key["events"].get(key, ())),  # type: ignore[arg-type]
        quotes=tuple(by_key["quotes"].get(key, ())),  # type: ignore[arg-type]
        quantities=tuple(by_key["quantities"].get(key, ())),  # type: ignore[arg-type]
    )


def _document_order(documents: Iterable[Document]) -> list[str]:
    return [d.id for d in sorted(documents, key=lambda d: (d.published or date.max, d.id))]


def rows_in_month(rows: Iterable[SentenceRow], month: str) -> list[SentenceRow]:
    return [row for row in rows if row.month == month]

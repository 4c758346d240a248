"""One reporting window read in a few set-based queries: the processed documents published
in a range of months with their sentences, corrected events, quotes and figures (#4, #5).

What the brief and the dashboard's analyses start from; one query per table, each joined to
the window's documents, instead of one query per document or a scan of every event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa

from tiewatch.corrections import apply_corrections
from tiewatch.errors import QueryError
from tiewatch.models import Correction, Document, Event, PartialDate, Quantity, Quote, Sentence
from tiewatch.store import rows
from tiewatch.store.schema import corrections, documents, events, quantities, quotes, sentences

T = TypeVar("T")


@dataclass(frozen=True)
class Window:
    """What the store holds for the documents published from ``first_month`` to
    ``last_month`` (inclusive, ``YYYY-MM``); events have corrections applied."""

    first_month: str
    last_month: str
    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    corrections: tuple[Correction, ...] = ()


def month_range(first_month: str, last_month: str) -> tuple[PartialDate, PartialDate]:
    """The two months parsed; raises QueryError unless both are ``YYYY-MM`` in order."""
    try:
        first, last = PartialDate.parse(first_month), PartialDate.parse(last_month)
        # Both ends must be representable days (years 1 to 9999).
        in_order = first.first_day() <= last.last_day()
    except (ValueError, OverflowError) as exc:
        raise QueryError(f"months are YYYY-MM between 0001-01 and 9999-11: {exc}") from exc
    # PartialDate.parse also takes "1-1"; month arithmetic (shift_month) needs "0001-01".
    pairs = ((first, first_month), (last, last_month))
    if any(d.precision != "month" or d.isoformat() != text for d, text in pairs):
        raise QueryError(f"months are YYYY-MM: {first_month!r}, {last_month!r}")
    if not in_order:
        raise QueryError(f"{first_month} is after {last_month}")
    return first, last


def load_window(conn: sa.Connection, first_month: str, last_month: str) -> Window:
    first, last = month_range(first_month, last_month)
    in_window = sa.and_(
        documents.c.status == "processed",
        documents.c.published >= first.first_day(),
        documents.c.published <= last.last_day(),
    )
    ids = sa.select(documents.c.id).where(in_window).scalar_subquery()
    found_documents = _read(
        conn,
        sa.select(documents).where(in_window).order_by(documents.c.published, documents.c.id),
        rows.document_from_row,
    )

    def of_window(table: sa.Table, *order: sa.ColumnElement[Any]) -> sa.Select[Any]:
        return sa.select(table).where(table.c.document_id.in_(ids)).order_by(*order)

    found_corrections = _read(
        conn, of_window(corrections, corrections.c.id), rows.correction_from_row
    )
    found_events = _read(conn, of_window(events, events.c.id), rows.event_from_row)
    return Window(
        first_month=first.isoformat(),
        last_month=last.isoformat(),
        documents=found_documents,
        sentences=_read(
            conn,
            of_window(sentences, sentences.c.document_id, sentences.c.index),
            rows.sentence_from_row,
        ),
        events=tuple(apply_corrections(found_events, found_corrections)),
        quotes=_read(conn, of_window(quotes, quotes.c.id), rows.quote_from_row),
        quantities=_read(conn, of_window(quantities, quantities.c.id), rows.quantity_from_row),
        corrections=found_corrections,
    )


@dataclass(frozen=True)
class DocumentBundle:
    """One document with its status and everything stored about it (events corrected)."""

    document: Document
    status: str
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    corrections: tuple[Correction, ...]


def load_document(conn: sa.Connection, document_id: str) -> DocumentBundle | None:
    row = conn.execute(sa.select(documents).where(documents.c.id == document_id)).mappings().first()
    if row is None:
        return None

    def of_document(table: sa.Table, *order: sa.ColumnElement[Any]) -> sa.Select[Any]:
        return sa.select(table).where(table.c.document_id == document_id).order_by(*order)

    found_corrections = _read(
        conn, of_document(corrections, corrections.c.id), rows.correction_from_row
    )
    found_events = _read(conn, of_document(events, events.c.id), rows.event_from_row)
    return DocumentBundle(
        document=rows.document_from_row(row),
        status=row["status"],
        sentences=_read(conn, of_document(sentences, sentences.c.index), rows.sentence_from_row),
        events=tuple(apply_corrections(found_events, found_corrections)),
        quotes=_read(conn, of_document(quotes, quotes.c.id), rows.quote_from_row),
        quantities=_read(conn, of_document(quantities, quantities.c.id), rows.quantity_from_row),
        corrections=found_corrections,
    )


def _read(
    conn: sa.Connection, query: sa.Select[Any], convert: Callable[[sa.RowMapping], T]
) -> tuple[T, ...]:
    return tuple(convert(row) for row in conn.execute(query).mappings())

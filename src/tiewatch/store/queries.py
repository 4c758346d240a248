"""Filtered, sorted, paginated reads for the dashboard and the API (#5).

Every value reaches the database as a bound parameter (SQLAlchemy expressions; ``LIKE``
patterns escape ``%`` and ``_``), and sort keys come from a whitelist. Event queries see
events through analysts' corrections (``store/corrections.py``). Results are the same on
SQLite and PostgreSQL (tests run both), except that SQLite's ``lower()`` folds ASCII only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from math import ceil
from typing import Any, Generic, Literal, TypeVar

import sqlalchemy as sa

from tiewatch.errors import QueryError
from tiewatch.models import Event, Quantity, Quote
from tiewatch.store import rows
from tiewatch.store.corrections import corrected_event_from_row, corrected_events
from tiewatch.store.schema import documents, quantities, quotes

T = TypeVar("T")

MAX_PER_PAGE = 500
MAX_PAGE = 1_000_000  # keeps OFFSET far from 64-bit overflow
EVENT_SORTS = ("date", "type", "source", "target", "outlet", "confidence")
DOCUMENT_SORTS = ("published", "title", "outlet")
Order = Literal["asc", "desc"]


MAX_FILTER_CHARS = 500


def check_text_filters(filters: object) -> None:
    """Refuse NUL characters (PostgreSQL cannot bind them; SQLite ends the string there)
    and overlong values in any text filter."""
    for item in fields(filters):  # type: ignore[arg-type]
        value = getattr(filters, item.name)
        if isinstance(value, str) and ("\x00" in value or len(value) > MAX_FILTER_CHARS):
            raise QueryError(f"{item.name}: no NUL characters and at most {MAX_FILTER_CHARS}")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list query: ``items`` out of ``total`` matches."""

    items: tuple[T, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return ceil(self.total / self.per_page) if self.total else 0


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = 50

    def __post_init__(self) -> None:
        if not 1 <= self.page <= MAX_PAGE:
            raise QueryError(f"page must be between 1 and {MAX_PAGE}")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")


@dataclass(frozen=True)
class EventFilters:
    """Filters of the event list. ``actor`` is a code or a name, as source or target;
    ``dyad`` is two codes ("CHN-RUS"), either direction; ``q`` searches sentence and title."""

    date_from: date | None = None
    date_to: date | None = None
    actor: str | None = None
    dyad: str | None = None
    type: str | None = None
    status: str | None = None
    outlet: str | None = None
    document_id: str | None = None
    q: str | None = None
    sort: str = "date"
    order: Order = "desc"

    def __post_init__(self) -> None:
        check_text_filters(self)
        if self.sort not in EVENT_SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; expected one of {EVENT_SORTS}")
        if self.order not in ("asc", "desc"):
            raise QueryError("order must be asc or desc")
        if self.dyad is not None:
            dyad_codes(self.dyad)


@dataclass(frozen=True)
class DocumentFilters:
    date_from: date | None = None
    date_to: date | None = None
    outlet: str | None = None
    q: str | None = None  # over title and text
    sort: str = "published"
    order: Order = "desc"

    def __post_init__(self) -> None:
        check_text_filters(self)
        if self.sort not in DOCUMENT_SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; expected one of {DOCUMENT_SORTS}")
        if self.order not in ("asc", "desc"):
            raise QueryError("order must be asc or desc")


@dataclass(frozen=True)
class MentionFilters:
    """Filters of the quote and figure lists; ``actor`` is a quote's speaker (code or
    name), ``unit`` a figure's unit; ``q`` searches the quote or figure text."""

    date_from: date | None = None
    date_to: date | None = None
    outlet: str | None = None
    document_id: str | None = None
    actor: str | None = None
    unit: str | None = None
    q: str | None = None

    def __post_init__(self) -> None:
        check_text_filters(self)


@dataclass(frozen=True)
class EventHit:
    """An event (corrected) with what the list shows of its document."""

    event: Event
    title: str | None
    outlet: str | None
    published: date | None


@dataclass(frozen=True)
class DocumentSummary:
    """A document without its text, for lists."""

    id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None
    external_id: str | None
    status: str
    near_duplicate_of: str | None


@dataclass(frozen=True)
class MentionHit(Generic[T]):
    item: T
    title: str | None
    outlet: str | None
    published: date | None


def dyad_codes(dyad: str) -> tuple[str, str]:
    """``("CHN", "RUS")`` from ``"CHN-RUS"``; raises QueryError otherwise."""
    first, sep, second = dyad.strip().upper().partition("-")
    if not (sep and first.strip() and second.strip()) or "-" in second:
        raise QueryError(f"a dyad is two actor codes joined by '-', e.g. CHN-RUS: {dyad!r}")
    return first.strip(), second.strip()


def contains(column: sa.ColumnElement[Any], text: str) -> sa.ColumnElement[bool]:
    """Case-insensitive substring match with ``%`` and ``_`` escaped."""
    return sa.func.lower(column).contains(text.lower(), autoescape=True)


def search_terms(q: str | None) -> list[str]:
    return [term for term in (q or "").split() if term][:20]


def date_overlaps(
    column: sa.ColumnElement[Any], date_from: date | None, date_to: date | None
) -> list[sa.ColumnElement[bool]]:
    """Conditions for an ISO partial date string overlapping [date_from, date_to]: "2025-05"
    matches from 2025-05-10, since the month may hold that day."""
    found: list[sa.ColumnElement[bool]] = []
    if date_from is not None:
        prefix = sa.func.substr(sa.literal(date_from.isoformat()), 1, sa.func.length(column))
        found.append(column >= prefix)
    if date_to is not None:
        found.append(column <= date_to.isoformat())
    return found


def published_between(date_from: date | None, date_to: date | None) -> list[sa.ColumnElement[bool]]:
    found: list[sa.ColumnElement[bool]] = []
    if date_from is not None:
        found.append(documents.c.published >= date_from)
    if date_to is not None:
        found.append(documents.c.published <= date_to)
    return found


def query_events(conn: sa.Connection, filters: EventFilters, paging: Paging) -> Page[EventHit]:
    sub = corrected_events().subquery("corrected")
    query = (
        sa.select(sub, documents.c.title, documents.c.outlet, documents.c.published)
        .select_from(sub.join(documents, documents.c.id == sub.c.document_id))
        .where(*_event_conditions(sub, filters))
    )
    sort_keys = _event_sort(sub, filters)
    return _page(conn, query, sort_keys, paging, _event_hit)


def _event_conditions(sub: sa.Subquery, filters: EventFilters) -> list[sa.ColumnElement[bool]]:
    found: list[sa.ColumnElement[bool]] = []
    effective_date = sa.func.coalesce(sub.c.date, sa.cast(documents.c.published, sa.String))
    found += date_overlaps(effective_date, filters.date_from, filters.date_to)
    if filters.actor:
        actor = filters.actor.strip()
        found.append(
            sa.or_(
                sub.c.source == actor.upper(),
                sub.c.target == actor.upper(),
                contains(sub.c.source_name, actor),
                contains(sub.c.target_name, actor),
            )
        )
    if filters.dyad:
        a, b = dyad_codes(filters.dyad)
        found.append(
            sa.or_(
                sa.and_(sub.c.source == a, sub.c.target == b),
                sa.and_(sub.c.source == b, sub.c.target == a),
            )
        )
    if filters.type:
        found.append(sub.c.type == filters.type.strip().upper())
    if filters.status:
        found.append(sub.c.status == filters.status.strip().lower())
    if filters.outlet:
        found.append(sa.func.lower(documents.c.outlet) == filters.outlet.strip().lower())
    if filters.document_id:
        found.append(sub.c.document_id == filters.document_id)
    for term in search_terms(filters.q):
        found.append(sa.or_(contains(sub.c.sentence, term), contains(documents.c.title, term)))
    return found


def _event_sort(sub: sa.Subquery, filters: EventFilters) -> list[sa.ColumnElement[Any]]:
    keys: Mapping[str, sa.ColumnElement[Any]] = {
        "date": sa.func.coalesce(sub.c.date, sa.cast(documents.c.published, sa.String)),
        "type": sub.c.type,
        "source": sub.c.source,
        "target": sub.c.target,
        "outlet": documents.c.outlet,
        "confidence": sub.c.confidence,
    }
    return [_ordered(keys[filters.sort], filters.order), _ordered(sub.c.id, filters.order)]


def _ordered(column: sa.ColumnElement[Any], order: Order) -> sa.ColumnElement[Any]:
    directed = column.desc() if order == "desc" else column.asc()
    return directed.nulls_last()


def _event_hit(row: sa.RowMapping) -> EventHit:
    return EventHit(
        event=corrected_event_from_row(row),
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
    )


def query_documents(
    conn: sa.Connection, filters: DocumentFilters, paging: Paging
) -> Page[DocumentSummary]:
    listed = [c for c in documents.c if c.name != "text"]
    query = sa.select(*listed).where(*published_between(filters.date_from, filters.date_to))
    if filters.outlet:
        query = query.where(sa.func.lower(documents.c.outlet) == filters.outlet.strip().lower())
    for term in search_terms(filters.q):
        query = query.where(
            sa.or_(contains(documents.c.title, term), contains(documents.c.text, term))
        )
    keys = [_ordered(documents.c[filters.sort], filters.order), documents.c.id.asc()]
    return _page(conn, query, keys, paging, _document_summary)


def _document_summary(row: sa.RowMapping) -> DocumentSummary:
    return rows.build_model(DocumentSummary, row)


def query_quotes(
    conn: sa.Connection, filters: MentionFilters, paging: Paging
) -> Page[MentionHit[Quote]]:
    conditions = _mention_conditions(quotes, filters)
    if filters.actor:
        actor = filters.actor.strip()
        conditions.append(
            sa.or_(quotes.c.speaker_actor == actor.upper(), contains(quotes.c.speaker, actor))
        )
    return _mentions(conn, quotes, conditions, paging, rows.quote_from_row)


def query_quantities(
    conn: sa.Connection, filters: MentionFilters, paging: Paging
) -> Page[MentionHit[Quantity]]:
    conditions = _mention_conditions(quantities, filters)
    if filters.unit:
        conditions.append(quantities.c.unit == filters.unit.strip())
    return _mentions(conn, quantities, conditions, paging, rows.quantity_from_row)


def _mention_conditions(table: sa.Table, filters: MentionFilters) -> list[sa.ColumnElement[bool]]:
    effective_date = sa.func.coalesce(table.c.date, sa.cast(documents.c.published, sa.String))
    found = date_overlaps(effective_date, filters.date_from, filters.date_to)
    if filters.outlet:
        found.append(sa.func.lower(documents.c.outlet) == filters.outlet.strip().lower())
    if filters.document_id:
        found.append(table.c.document_id == filters.document_id)
    for term in search_terms(filters.q):
        found.append(contains(table.c.text, term))
    return found


def _mentions(
    conn: sa.Connection,
    table: sa.Table,
    conditions: Sequence[sa.ColumnElement[bool]],
    paging: Paging,
    convert: Callable[[sa.RowMapping], T],
) -> Page[MentionHit[T]]:
    query = (
        sa.select(table, documents.c.title, documents.c.outlet, documents.c.published)
        .select_from(table.join(documents, documents.c.id == table.c.document_id))
        .where(*conditions)
    )
    effective_date = sa.func.coalesce(table.c.date, sa.cast(documents.c.published, sa.String))
    keys = [_ordered(effective_date, "desc"), table.c.id.desc()]

    def hit(row: sa.RowMapping) -> MentionHit[T]:
        return MentionHit(convert(row), row["title"], row["outlet"], row["published"])

    return _page(conn, query, keys, paging, hit)


def _page(
    conn: sa.Connection,
    query: sa.Select[Any],
    sort_keys: Sequence[sa.ColumnElement[Any]],
    paging: Paging,
    convert: Callable[[sa.RowMapping], T],
) -> Page[T]:
    total = conn.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    offset = (paging.page - 1) * paging.per_page
    found = conn.execute(
        query.order_by(*sort_keys).limit(paging.per_page).offset(offset)
    ).mappings()
    return Page(tuple(convert(row) for row in found), int(total), paging.page, paging.per_page)

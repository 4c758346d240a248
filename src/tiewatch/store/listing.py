"""The dashboard's and the API's reads, as ``Store`` methods (#5): filtered pages of
documents, events, quotes and figures (``queries.py``), and one reporting window for the
analyses and the brief (``window.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TypeVar

import sqlalchemy as sa

from tiewatch.models import Quantity, Quote
from tiewatch.store import queries
from tiewatch.store.queries import (
    DocumentFilters,
    DocumentSummary,
    EventFilters,
    EventHit,
    MentionFilters,
    MentionHit,
    Page,
    Paging,
)
from tiewatch.store.schema import corrections, documents
from tiewatch.store.window import (
    DocumentBundle,
    Window,
    load_document,
    load_window,
    month_range,
)

T = TypeVar("T")


class ListingMixin:
    """Read methods mixed into ``Store``; they only need its ``_read`` connection."""

    _read: Callable[[str], AbstractContextManager[sa.Connection]]

    def events_page(
        self, filters: EventFilters | None = None, *, paging: Paging | None = None
    ) -> Page[EventHit]:
        """Events with corrections applied, filtered, sorted and paginated."""
        with self._read("list events") as conn:
            return queries.query_events(conn, filters or EventFilters(), paging or Paging())

    def documents_page(
        self, filters: DocumentFilters | None = None, *, paging: Paging | None = None
    ) -> Page[DocumentSummary]:
        with self._read("list documents") as conn:
            return queries.query_documents(conn, filters or DocumentFilters(), paging or Paging())

    def quotes_page(
        self, filters: MentionFilters | None = None, *, paging: Paging | None = None
    ) -> Page[MentionHit[Quote]]:
        with self._read("list quotes") as conn:
            return queries.query_quotes(conn, filters or MentionFilters(), paging or Paging())

    def quantities_page(
        self, filters: MentionFilters | None = None, *, paging: Paging | None = None
    ) -> Page[MentionHit[Quantity]]:
        with self._read("list quantities") as conn:
            return queries.query_quantities(conn, filters or MentionFilters(), paging or Paging())

    def load_window(self, first_month: str, last_month: str) -> Window:
        """The processed documents published from ``first_month`` to ``last_month``
        (``YYYY-MM``, inclusive) with their sentences, corrected events, quotes and figures,
        from one snapshot. Raises QueryError on malformed months."""
        with self._snapshot("load window") as conn:
            return load_window(conn, first_month, last_month)

    def load_document(self, document_id: str) -> DocumentBundle | None:
        """A document with its status, sentences, corrected events, quotes, figures and
        corrections, from one snapshot (never half of a re-annotation); None if unknown."""
        with self._snapshot("load document") as conn:
            return load_document(conn, document_id)

    @contextmanager
    def _snapshot(self, action: str) -> Iterator[sa.Connection]:
        """A connection whose reads all see one state of the database, while `process`
        may be writing (#7): a deferred transaction on SQLite (WAL keeps its snapshot),
        REPEATABLE READ on PostgreSQL."""
        with self._read(action) as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN")
            else:
                conn.execution_options(isolation_level="REPEATABLE READ")
            yield conn

    def latest_month(self) -> str | None:
        """``YYYY-MM`` of the most recently published processed document (None: none)."""
        query = sa.select(sa.func.max(documents.c.published)).where(
            documents.c.status == "processed"
        )
        with self._read("find latest month") as conn:
            latest = conn.scalar(query)
        return None if latest is None else f"{latest.year:04d}-{latest.month:02d}"

    def months(self) -> list[str]:
        """Every ``YYYY-MM`` with processed documents, oldest first."""
        month = sa.func.substr(sa.cast(documents.c.published, sa.String), 1, 7)
        query = (
            sa.select(month)
            .where(documents.c.status == "processed", documents.c.published.is_not(None))
            .group_by(month)
            .order_by(month)
        )
        with self._read("list months") as conn:
            return [str(value) for value in conn.scalars(query)]

    def window_token(self, first_month: str, last_month: str) -> tuple[object, ...]:
        """Changes whenever ``load_window(first_month, last_month)`` would read something
        else: a document of the window processed (again) or reset, or a correction added.
        Writes to other months leave it as it is, so caches of a window outlive them."""
        first, last = month_range(first_month, last_month)
        in_window = sa.and_(
            documents.c.status == "processed",
            documents.c.published >= first.first_day(),
            documents.c.published <= last.last_day(),
        )
        ids = sa.select(documents.c.id).where(in_window)
        of_window = corrections.c.document_id.in_(ids)
        query = sa.select(
            sa.select(sa.func.count()).select_from(documents).where(in_window).scalar_subquery(),
            sa.select(sa.func.max(documents.c.processed_at)).where(in_window).scalar_subquery(),
            sa.select(sa.func.max(corrections.c.id)).where(of_window).scalar_subquery(),
            sa.select(sa.func.count()).select_from(corrections).where(of_window).scalar_subquery(),
        )
        with self._read("read window state") as conn:
            return tuple(conn.execute(query).one())

    def state_token(self) -> tuple[object, ...]:
        """Changes whenever documents are processed or corrections added: a cache key for
        analyses computed from the store."""
        processed = documents.c.status == "processed"
        query = sa.select(
            sa.select(sa.func.count()).where(processed).scalar_subquery(),
            sa.select(sa.func.max(documents.c.processed_at)).scalar_subquery(),
            sa.select(sa.func.max(corrections.c.id)).scalar_subquery(),
            sa.select(sa.func.count()).select_from(corrections).scalar_subquery(),
        )
        with self._read("read store state") as conn:
            return tuple(conn.execute(query).one())

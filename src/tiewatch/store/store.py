"""One Store for SQLite and PostgreSQL (SQLAlchemy 2 Core).

Docs: docs/architecture.md, section "store".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, TypeVar

import sqlalchemy as sa
from alembic.util import CommandError
from sqlalchemy.dialects import postgresql, sqlite

from tiewatch.corrections import apply_corrections, validate_correction
from tiewatch.errors import CorrectionError, StoreError
from tiewatch.models import (
    Annotation,
    Correction,
    Document,
    Event,
    Failure,
    Quantity,
    Quote,
    Sentence,
    Stats,
    parse_event_key,
)
from tiewatch.store import bulk, rows
from tiewatch.store.engine import create_store_engine, display_url
from tiewatch.store.listing import ListingMixin
from tiewatch.store.migrate import upgrade_database
from tiewatch.store.schema import (
    DOCUMENT_STATUSES,
    documents,
    events,
    failures,
    quantities,
    quotes,
    sentences,
)
from tiewatch.store.schema import corrections as corrections_table

logger = logging.getLogger(__name__)

T = TypeVar("T")

PAGE_SIZE = 1000
DOCUMENT_PAGE_SIZE = 100  # documents carry their full text


class Store(ListingMixin):
    """Documents, their annotations and failures in one SQLite or PostgreSQL database.

    Open with ``Store.open(url)``; use as a context manager or call ``close()``.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to ``url`` (``sqlite:///tiewatch.db``, ``postgresql://...``) and migrate."""
        engine = create_store_engine(url)
        try:
            upgrade_database(engine)
        except sa.exc.OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open database {display_url(engine.url)}: {exc.orig}") from exc
        except (sa.exc.SQLAlchemyError, CommandError) as exc:
            # CommandError: e.g. the database was migrated by a newer tiewatch.
            engine.dispose()
            raise StoreError(f"cannot migrate database {display_url(engine.url)}: {exc}") from exc
        return cls(engine)

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return display_url(self._engine.url)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # documents

    def add_document(self, document: Document, *, fingerprint: int | None = None) -> bool:
        """Insert ``document``; ``False`` (and nothing changes) when its id is stored already.

        ``fingerprint`` is the unsigned 64-bit SimHash of the text.
        """
        row = rows.document_row(document, fingerprint=fingerprint)
        with self._write("add document") as conn:
            return self._insert_document(conn, row)

    def get_document(self, document_id: str) -> Document | None:
        query = sa.select(documents).where(documents.c.id == document_id)
        with self._read("read document") as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else rows.document_from_row(row)

    def iter_documents(self, *, status: str | None = None) -> Iterator[Document]:
        """Documents ordered by publication date (undated last), then id.

        The ids are read first, so marking documents while iterating is safe.
        """
        query = sa.select(documents.c.id).order_by(
            sa.nulls_last(documents.c.published.asc()), documents.c.id
        )
        with self._read("list documents") as conn:
            ids = list(conn.scalars(_where_status(query, status)))
        for start in range(0, len(ids), DOCUMENT_PAGE_SIZE):
            yield from self._documents_by_id(ids[start : start + DOCUMENT_PAGE_SIZE])

    def count_documents(self, *, status: str | None = None) -> int:
        query = _where_status(sa.select(sa.func.count()).select_from(documents), status)
        with self._read("count documents") as conn:
            return int(conn.scalar(query) or 0)

    def fingerprints(self) -> Iterator[tuple[str, int]]:
        """``(document id, unsigned 64-bit SimHash)`` for every fingerprinted document."""
        query = sa.select(documents.c.id, documents.c.fingerprint).where(
            documents.c.fingerprint.is_not(None)
        )
        for row in self._keyset(query, documents.c.id):
            yield row["id"], rows.to_unsigned(row["fingerprint"])

    # annotations

    def save_annotation(self, annotation: Annotation) -> None:
        """Replace the document's sentences, events, quotes and quantities; mark it processed.

        One transaction: if any row fails, the previous annotation stays as it was.
        """
        self.save_annotations([annotation])

    def save_annotations(self, annotations: Sequence[Annotation]) -> None:
        """``save_annotation`` for many documents in one transaction (bulk inserts); each
        document's claim is dropped."""
        for annotation in annotations:
            _check_document_ids(annotation)
        with self._write("save annotations") as conn:
            bulk.save_annotations(conn, annotations, now=datetime.now(UTC))

    # claims: leases that let concurrent `process` runs split the 'new' documents (#6)

    def claim_documents(self, owner: str, *, limit: int, lease: float) -> list[Document]:
        """Lease up to ``limit`` 'new' documents to ``owner``, in ``iter_documents`` order.

        A document is free when unclaimed or when its claim is older than ``lease`` seconds
        (its run died); a claim ends when the document is saved or marked failed.
        """
        now = datetime.now(UTC)
        stale_before = now - timedelta(seconds=lease)
        with self._write("claim documents") as conn:
            return bulk.claim_documents(
                conn, owner, limit=limit, now=now, stale_before=stale_before
            )

    def renew_claims(self, owner: str) -> int:
        """Restart the lease on ``owner``'s unfinished claims; how many it holds."""
        with self._write("renew claims") as conn:
            return bulk.renew_claims(conn, owner, now=datetime.now(UTC))

    def release_claims(self, owner: str) -> int:
        """Drop ``owner``'s claims so that any run can take those documents now."""
        with self._write("release claims") as conn:
            return bulk.release_claims(conn, owner)

    def claimants(self) -> list[str]:
        """The owners holding claims on 'new' documents."""
        with self._read("list claims") as conn:
            return bulk.claimants(conn)

    def reset_documents(self) -> int:
        """Mark every processed or failed document 'new' again, to be re-extracted."""
        with self._write("reset documents") as conn:
            return bulk.reset_documents(conn)

    def iter_sentences(self, document_id: str) -> Iterator[Sentence]:
        query = (
            sa.select(sentences)
            .where(sentences.c.document_id == document_id)
            .order_by(sentences.c.index)
        )
        with self._read("read sentences") as conn:
            found = conn.execute(query).mappings().all()
        yield from (rows.sentence_from_row(row) for row in found)

    def iter_events(self, *, document_id: str | None = None) -> Iterator[Event]:
        """Events in the order they were saved (per document: the extractor's order)."""
        return self._iter_annotations(events, rows.event_from_row, document_id=document_id)

    def iter_quotes(self, *, document_id: str | None = None) -> Iterator[Quote]:
        return self._iter_annotations(quotes, rows.quote_from_row, document_id=document_id)

    def iter_quantities(self, *, document_id: str | None = None) -> Iterator[Quantity]:
        return self._iter_annotations(quantities, rows.quantity_from_row, document_id=document_id)

    # corrections (#5)

    def add_correction(self, correction: Correction) -> Correction:
        """Store an analyst's correction (validated); returns it with its id and time.

        Raises CorrectionError when it is invalid or its document is not stored.
        """
        correction = validate_correction(correction)
        row = rows.correction_row(correction, now=datetime.now(UTC))
        if self.get_document(correction.document_id) is None:
            raise CorrectionError(f"no stored document {correction.document_id!r}")
        with self._write("add correction") as conn:
            new_id = conn.execute(
                sa.insert(corrections_table).values(**row).returning(corrections_table.c.id)
            ).scalar_one()
        return replace(correction, id=new_id, created_at=row["created_at"])

    def corrections(self, *, document_id: str | None = None) -> list[Correction]:
        """Every correction (of one document), oldest first, with author and time."""
        table = corrections_table
        query = sa.select(table).order_by(table.c.id)
        if document_id is not None:
            query = query.where(table.c.document_id == document_id)
        with self._read("read corrections") as conn:
            return [rows.correction_from_row(row) for row in conn.execute(query).mappings()]

    def iter_corrected_events(self, *, document_id: str | None = None) -> Iterator[Event]:
        """``iter_events`` with corrections applied: what briefs, exports and the dashboard
        show. Deleted events vanish; edited ones carry ``corrected_from``."""
        found = self.corrections(document_id=document_id)
        return apply_corrections(self.iter_events(document_id=document_id), found)

    def find_event(self, key: str, *, corrected: bool = True) -> Event | None:
        """The event with ``key`` (as extracted), corrected unless ``corrected=False``;
        ``None`` when unknown (or, corrected, deleted). Raises ValueError on a malformed key."""
        document_id = parse_event_key(key)[0]
        if corrected:
            candidates = self.iter_corrected_events(document_id=document_id)
        else:
            candidates = self.iter_events(document_id=document_id)
        return next((event for event in candidates if event.key == key), None)

    # failures

    def mark_failed(self, document_id: str, reason: str) -> None:
        """Set the document's status to failed and record a ``process`` failure."""
        with self._write("mark document failed") as conn:
            conn.execute(
                sa.update(documents)
                .where(documents.c.id == document_id)
                .values(status="failed", claimed_by=None, claimed_at=None)
            )
            source = conn.scalar(sa.select(documents.c.source).where(documents.c.id == document_id))
            failure = Failure(
                input=source or document_id,
                stage="process",
                reason=reason,
                document_id=document_id,
            )
            conn.execute(sa.insert(failures), [rows.failure_row(failure)])

    def record_failure(self, failure: Failure) -> None:
        """Store ``failure``; a missing ``at`` becomes now (UTC)."""
        with self._write("record failure") as conn:
            conn.execute(sa.insert(failures), [rows.failure_row(failure)])

    def failures(self) -> list[Failure]:
        """Every recorded failure, oldest first."""
        query = sa.select(failures).order_by(failures.c.id)
        with self._read("read failures") as conn:
            return [rows.failure_from_row(row) for row in conn.execute(query).mappings()]

    def stats(self) -> Stats:
        """Counts over the whole store."""
        with self._read("compute stats") as conn:
            return Stats(
                documents=_count(conn, documents),
                processed=_count(conn, documents, documents.c.status == "processed"),
                undated=_count(conn, documents, documents.c.published.is_(None)),
                near_duplicates=_count(conn, documents, documents.c.near_duplicate_of.is_not(None)),
                sentences=_count(conn, sentences),
                events=_count(conn, events),
                quotes=_count(conn, quotes),
                quantities=_count(conn, quantities),
                failures=_count(conn, failures),
                events_by_type=_count_by(conn, events.c.type),
                failures_by_stage=_count_by(conn, failures.c.stage),
            )

    # helpers

    @contextmanager
    def _write(self, action: str) -> Iterator[sa.Connection]:
        with _store_errors(action), self._engine.begin() as conn:
            yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[sa.Connection]:
        with _store_errors(action), self._engine.connect() as conn:
            yield conn

    def _insert_document(self, conn: sa.Connection, row: Mapping[str, Any]) -> bool:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        statement = (
            insert(documents)
            .values(**row)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(documents.c.id)
        )
        # RETURNING, not rowcount: rowcount of an INSERT is unreliable (psycopg gives -1 here).
        return conn.execute(statement).first() is not None

    def _documents_by_id(self, ids: Sequence[str]) -> Iterator[Document]:
        query = sa.select(documents).where(documents.c.id.in_(ids))
        with self._read("read documents") as conn:
            found = {row["id"]: row for row in conn.execute(query).mappings()}
        yield from (rows.document_from_row(found[i]) for i in ids if i in found)

    def _iter_annotations(
        self,
        table: sa.Table,
        convert: Callable[[sa.RowMapping], T],
        *,
        document_id: str | None,
    ) -> Iterator[T]:
        query = sa.select(table)
        if document_id is not None:
            query = query.where(table.c.document_id == document_id)
        return (convert(row) for row in self._keyset(query, table.c.id))

    def _keyset(self, query: sa.Select[Any], key: sa.Column[Any]) -> Iterator[sa.RowMapping]:
        """Rows of ``query`` in ``key`` order, a page per short read (no long-held cursor)."""
        last: Any = None
        while True:
            page = query.order_by(key).limit(PAGE_SIZE)
            if last is not None:
                page = page.where(key > last)
            with self._read("read rows") as conn:
                found = conn.execute(page).mappings().all()
            yield from found
            if len(found) < PAGE_SIZE:
                return
            last = found[-1][key.name]


@contextmanager
def _store_errors(action: str) -> Iterator[None]:
    try:
        yield
    except sa.exc.SQLAlchemyError as exc:
        detail = getattr(exc, "orig", None) or exc
        raise StoreError(f"could not {action}: {detail}") from exc


def _where_status(query: sa.Select[T], status: str | None) -> sa.Select[T]:
    if status is None:
        return query
    if status not in DOCUMENT_STATUSES:
        raise ValueError(f"unknown document status {status!r}; expected {DOCUMENT_STATUSES}")
    return query.where(documents.c.status == status)


def _check_document_ids(annotation: Annotation) -> None:
    # Rows of another document would escape the delete that makes a re-save a replace.
    document_id = annotation.document.id
    groups: tuple[Sequence[Any], ...] = (
        annotation.sentences,
        annotation.events,
        annotation.quotes,
        annotation.quantities,
    )
    strays = {item.document_id for group in groups for item in group} - {document_id}
    if strays:
        raise ValueError(f"annotation of {document_id} holds rows of {sorted(strays)}")


def _count(conn: sa.Connection, table: sa.Table, where: Any = None) -> int:
    query = sa.select(sa.func.count()).select_from(table)
    if where is not None:
        query = query.where(where)
    return int(conn.scalar(query) or 0)


def _count_by(conn: sa.Connection, column: sa.Column[Any]) -> dict[str, int]:
    query = sa.select(column, sa.func.count()).group_by(column).order_by(column)
    return {str(key): int(count) for key, count in conn.execute(query)}

"""Bulk writes and claims on one connection: many annotations per transaction, and leases on
'new' documents so that concurrent ``process`` runs split the work (#6).

``Store`` wraps these in its transactions; the functions here hold the SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tiewatch.models import Annotation, Document
from tiewatch.store import rows
from tiewatch.store.schema import documents, events, quantities, quotes, sentences

_ANNOTATION_TABLES = (sentences, events, quotes, quantities)


def save_annotations(
    conn: sa.Connection, annotations: Sequence[Annotation], *, now: datetime
) -> None:
    """Replace each document's rows with its annotation's, mark it processed, drop its claim.

    A document annotated twice in ``annotations`` keeps the last annotation.
    """
    latest = list({a.document.id: a for a in annotations}.values())
    if not latest:
        return
    ids = sorted(a.document.id for a in latest)
    insert_documents(conn, [rows.document_row(a.document, fingerprint=None) for a in latest])
    # Row locks in id order: a concurrent save of the same document waits here, so its
    # delete then sees (and removes) what this one inserts; no duplicate rows (#6).
    conn.execute(sa.select(documents.c.id).where(documents.c.id.in_(ids)).with_for_update())
    for table in _ANNOTATION_TABLES:
        conn.execute(sa.delete(table).where(table.c.document_id.in_(ids)))
    _insert_many(conn, sentences, [rows.model_row(s) for a in latest for s in a.sentences])
    _insert_many(conn, events, [rows.event_row(e) for a in latest for e in a.events])
    _insert_many(conn, quotes, [rows.model_row(q) for a in latest for q in a.quotes])
    _insert_many(conn, quantities, [rows.model_row(q) for a in latest for q in a.quantities])
    done = (
        sa.update(documents)
        .where(documents.c.id == sa.bindparam("done_id"))
        .values(
            status="processed",
            processed_at=now,
            extractor_version=sa.bindparam("done_version"),
            claimed_by=None,
            claimed_at=None,
        )
    )
    conn.execute(
        done, [{"done_id": a.document.id, "done_version": a.extractor_version} for a in latest]
    )


def insert_documents(conn: sa.Connection, values: Sequence[dict[str, Any]]) -> None:
    """Insert document rows; ids already stored are skipped."""
    if values:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        conn.execute(insert(documents).on_conflict_do_nothing(index_elements=["id"]), list(values))


def claim_documents(
    conn: sa.Connection, owner: str, *, limit: int, now: datetime, stale_before: datetime
) -> list[Document]:
    """Lease up to ``limit`` 'new' documents that nobody holds (or whose lease is stale)."""
    free = sa.or_(documents.c.claimed_by.is_(None), documents.c.claimed_at < stale_before)
    candidates = (
        sa.select(documents.c.id)
        .where(documents.c.status == "new", free)
        .order_by(sa.nulls_last(documents.c.published.asc()), documents.c.id)
        .limit(limit)
        # PostgreSQL: concurrent claimers skip each other's rows instead of waiting;
        # SQLite has one writer at a time and ignores the clause.
        .with_for_update(skip_locked=True)
    )
    statement = (
        sa.update(documents)
        .where(documents.c.id.in_(candidates.scalar_subquery()))
        .values(claimed_by=owner, claimed_at=now)
        .returning(*documents.c)
    )
    claimed = [rows.document_from_row(row) for row in conn.execute(statement).mappings()]
    return sorted(claimed, key=_reading_order)


def renew_claims(conn: sa.Connection, owner: str, *, now: datetime) -> int:
    statement = (
        sa.update(documents)
        .where(documents.c.claimed_by == owner, documents.c.status == "new")
        .values(claimed_at=now)
    )
    return conn.execute(statement).rowcount


def release_claims(conn: sa.Connection, owner: str) -> int:
    statement = (
        sa.update(documents)
        .where(documents.c.claimed_by == owner)
        .values(claimed_by=None, claimed_at=None)
    )
    return conn.execute(statement).rowcount


def claimants(conn: sa.Connection) -> list[str]:
    query = (
        sa.select(documents.c.claimed_by)
        .where(documents.c.claimed_by.is_not(None), documents.c.status == "new")
        .distinct()
        .order_by(documents.c.claimed_by)
    )
    return [str(owner) for owner in conn.scalars(query)]


def reset_documents(conn: sa.Connection) -> int:
    """Every processed or failed document back to 'new' (its rows stay until replaced)."""
    statement = (
        sa.update(documents)
        .where(documents.c.status != "new")
        .values(status="new", claimed_by=None, claimed_at=None)
    )
    return conn.execute(statement).rowcount


def _reading_order(document: Document) -> tuple[bool, date, str]:
    # The order of Store.iter_documents: by publication date, undated last, then id.
    return document.published is None, document.published or date.min, document.id


def _insert_many(conn: sa.Connection, table: sa.Table, values: list[dict[str, Any]]) -> None:
    if values:  # an empty executemany would insert one row of defaults
        conn.execute(sa.insert(table), values)

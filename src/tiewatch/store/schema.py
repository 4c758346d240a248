"""SQLAlchemy Core tables of the store (no ORM).

Keep this module and ``migrations/versions`` in sync: ``tests/store/test_migrations.py``
compares a migrated database with ``metadata`` on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

DOCUMENT_STATUSES = ("new", "processed", "failed")
FAILURE_STAGES = ("ingest", "process")
CORRECTION_ACTIONS = ("delete", "edit")

# Deterministic constraint names make later Alembic migrations (and SQLite batch mode)
# able to refer to constraints by name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no offset and PostgreSQL answers in the session time zone; normalising
    here makes both backends return the same value. Naive datetimes are taken as UTC.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


def _document_id(name: str = "document_id") -> sa.Column[str]:
    return sa.Column(
        name,
        sa.String(64),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    )


def _in_check(column: str, values: tuple[str, ...], *, name: str) -> sa.CheckConstraint:
    quoted = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({quoted})", name=name)


documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # models.content_hash
    sa.Column("external_id", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),  # NULL: undated, never the ingest date
    sa.Column("ingested_at", UTCDateTime),
    sa.Column("source", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    # Not a foreign key: the original may be deleted or never stored (#2).
    sa.Column("near_duplicate_of", sa.String(64)),
    # 64-bit SimHash shifted into the signed BIGINT range (see rows.py).
    sa.Column("fingerprint", sa.BigInteger),
    sa.Column("status", sa.String(16), nullable=False, server_default="new"),
    sa.Column("processed_at", UTCDateTime),
    sa.Column("extractor_version", sa.Text),
    # A run's lease on a 'new' document, so that concurrent `process` runs split the work
    # and a killed run's documents are taken over (#6); NULL once processed or failed.
    sa.Column("claimed_by", sa.Text),
    sa.Column("claimed_at", UTCDateTime),
    _in_check("status", DOCUMENT_STATUSES, name="status"),
    sa.Index("ix_documents_published", "published"),
    sa.Index("ix_documents_status", "status"),
    sa.Index("ix_documents_claimed_by", "claimed_by"),
)

sentences = sa.Table(
    "sentences",
    metadata,
    _document_id(),
    sa.Column("index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("document_id", "index"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_id(),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("target", sa.Text),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("mode", sa.Text),
    sa.Column("source_name", sa.Text),
    sa.Column("source_sector", sa.Text),
    sa.Column("target_name", sa.Text),
    sa.Column("target_sector", sa.Text),
    sa.Column("date", sa.String(10)),  # ISO partial date: 2025, 2025-05, 2025-05-08
    sa.Column("date_precision", sa.String(8)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("reported_by", sa.Text),
    sa.Column("contexts", sa.JSON, nullable=False),  # a JSON list of strings
    sa.Column("trigger", sa.Text),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("extractor_version", sa.Text, nullable=False),
    sa.Index("ix_events_document_id", "document_id"),
    # The dashboard's and the brief's queries: a month's events by type, and a dyad's
    # timeline (#6). Their leading columns also serve filters on date or on source alone.
    sa.Index("ix_events_date_type", "date", "type"),
    sa.Index("ix_events_source_target_date", "source", "target", "date"),
    sa.Index("ix_events_type", "type"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_id(),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("speaker", sa.Text),
    sa.Column("speaker_actor", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Index("ix_quotes_document_id", "document_id"),
)

quantities = sa.Table(
    "quantities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_id(),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("value", sa.Double, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("measure", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Index("ix_quantities_document_id", "document_id"),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("stage", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    # Not a foreign key: an ingest failure has no stored document to point at.
    sa.Column("document_id", sa.String(64)),
    sa.Column("at", UTCDateTime, nullable=False),
    _in_check("stage", FAILURE_STAGES, name="stage"),
    sa.Index("ix_failures_stage", "stage"),
)

# Analysts' overrides of extracted events (#5). Not tied to event rows, which re-processing
# replaces: an event is named by its key parts as extracted (models.event_key), and every
# correction is kept (who, when); the latest per event wins.
corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_id(),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("event_type", sa.String(32), nullable=False),
    sa.Column("event_source", sa.Text),
    sa.Column("event_target", sa.Text),
    sa.Column("action", sa.String(8), nullable=False),
    sa.Column("type", sa.String(32)),
    sa.Column("source", sa.Text),
    sa.Column("target", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("status", sa.String(16)),
    sa.Column("note", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    _in_check("action", CORRECTION_ACTIONS, name="action"),
    sa.Index("ix_corrections_document_id_start", "document_id", "start"),
)

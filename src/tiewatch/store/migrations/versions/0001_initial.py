"""Initial tables: documents, sentences, events, quotes, quantities, failures (#2).

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out by hand, not imported from schema.py, so that this revision keeps describing
the first schema when schema.py moves on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def _fk_name(table: str) -> str:
    return f"fk_{table}_document_id_documents"


def _create_documents() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("external_id", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("ingested_at", _TIMESTAMP),
        sa.Column("source", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("near_duplicate_of", sa.String(64)),
        sa.Column("fingerprint", sa.BigInteger),
        sa.Column("status", sa.String(16), nullable=False, server_default="new"),
        sa.Column("processed_at", _TIMESTAMP),
        sa.Column("extractor_version", sa.Text),
        sa.CheckConstraint("status IN ('new', 'processed', 'failed')", name="ck_documents_status"),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_status", "documents", ["status"])


def _create_sentences() -> None:
    op.create_table(
        "sentences",
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("index", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("document_id", "index", name="pk_sentences"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=_fk_name("sentences"), ondelete="CASCADE"
        ),
    )


def _span_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    ]


def _span_constraints(table: str) -> list[sa.Constraint]:
    return [
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=_fk_name(table), ondelete="CASCADE"
        ),
    ]


def _create_events() -> None:
    op.create_table(
        "events",
        *_span_columns(),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("target", sa.Text),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("mode", sa.Text),
        sa.Column("source_name", sa.Text),
        sa.Column("source_sector", sa.Text),
        sa.Column("target_name", sa.Text),
        sa.Column("target_sector", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reported_by", sa.Text),
        sa.Column("contexts", sa.JSON, nullable=False),
        sa.Column("trigger", sa.Text),
        sa.Column("confidence", sa.Double, nullable=False),
        sa.Column("extractor_version", sa.Text, nullable=False),
        *_span_constraints("events"),
    )
    op.create_index("ix_events_document_id", "events", ["document_id"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_source_target", "events", ["source", "target"])
    op.create_index("ix_events_type", "events", ["type"])


def _create_quotes() -> None:
    op.create_table(
        "quotes",
        *_span_columns(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_actor", sa.Text),
        sa.Column("date", sa.String(10)),
        *_span_constraints("quotes"),
    )
    op.create_index("ix_quotes_document_id", "quotes", ["document_id"])


def _create_quantities() -> None:
    op.create_table(
        "quantities",
        *_span_columns(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", sa.Double, nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("measure", sa.Text),
        sa.Column("date", sa.String(10)),
        *_span_constraints("quantities"),
    )
    op.create_index("ix_quantities_document_id", "quantities", ["document_id"])


def _create_failures() -> None:
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("document_id", sa.String(64)),
        sa.Column("at", _TIMESTAMP, nullable=False),
        sa.CheckConstraint("stage IN ('ingest', 'process')", name="ck_failures_stage"),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
    )
    op.create_index("ix_failures_stage", "failures", ["stage"])


def upgrade() -> None:
    _create_documents()
    _create_sentences()
    _create_events()
    _create_quotes()
    _create_quantities()
    _create_failures()


def downgrade() -> None:
    for table in ("failures", "quantities", "quotes", "events", "sentences", "documents"):
        op.drop_table(table)

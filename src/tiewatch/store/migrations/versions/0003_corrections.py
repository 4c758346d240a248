"""Analysts' corrections of extracted events, kept apart so they survive re-processing (#5).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

Written out by hand, like 0001, so that it keeps describing this step when schema.py
moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=True),
        sa.Column("document_id", sa.String(64), nullable=False),
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
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("action IN ('delete', 'edit')", name="ck_corrections_action"),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_corrections_document_id_documents",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_corrections_document_id_start", "corrections", ["document_id", "start"])


def downgrade() -> None:
    op.drop_index("ix_corrections_document_id_start", table_name="corrections")
    op.drop_table("corrections")

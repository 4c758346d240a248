"""Claims for concurrent `process` runs; indexes for the dashboard and brief queries (#6).

Revision ID: 0002
Revises: 0001
Create Date: 2025-07-01

Written out by hand, like 0001, so that it keeps describing this step when schema.py
moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE, not batch mode, on SQLite too (3.35+ drops columns natively): a
    # batch copy-and-move would drop `documents`, and with foreign keys on that cascades.
    op.add_column("documents", sa.Column("claimed_by", sa.Text))
    op.add_column("documents", sa.Column("claimed_at", sa.DateTime(timezone=True)))
    op.create_index("ix_documents_claimed_by", "documents", ["claimed_by"])
    # The wider indexes replace the ones they start with.
    op.create_index("ix_events_date_type", "events", ["date", "type"])
    op.create_index("ix_events_source_target_date", "events", ["source", "target", "date"])
    op.drop_index("ix_events_date", table_name="events")
    op.drop_index("ix_events_source_target", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_source_target", "events", ["source", "target"])
    op.create_index("ix_events_date", "events", ["date"])
    op.drop_index("ix_events_source_target_date", table_name="events")
    op.drop_index("ix_events_date_type", table_name="events")
    op.drop_index("ix_documents_claimed_by", table_name="documents")
    op.drop_column("documents", "claimed_at")
    op.drop_column("documents", "claimed_by")

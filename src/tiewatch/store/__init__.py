"""store stage: one ``Store`` for SQLite and PostgreSQL, migrated by Alembic.

Docs: docs/architecture.md, section "store".
"""

from tiewatch.store.store import Store

__all__ = ["Store"]

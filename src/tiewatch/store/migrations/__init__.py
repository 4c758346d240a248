"""Alembic migrations of the store, run by ``tiewatch.store.migrate``; no alembic.ini."""

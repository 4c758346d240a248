"""Engines for the two supported backends: SQLite (default) and PostgreSQL via psycopg 3."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url

from tiewatch.errors import StoreError

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 10
_PG_ALIASES = ("postgresql", "postgres")


def parse_database_url(url: str) -> URL:
    """Parse ``url``; plain ``postgresql://`` (or ``postgres://``) URLs get the psycopg driver."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.drivername in _PG_ALIASES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"unsupported database {parsed.get_backend_name()!r}: use sqlite:///PATH "
            "or postgresql://USER@HOST/DB"
        )
    return parsed


def display_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def create_store_engine(url: str) -> sa.Engine:
    """An engine for ``url`` (nothing connects yet); raises StoreError for a missing driver."""
    parsed = parse_database_url(url)
    try:
        engine = sa.create_engine(parsed, **_engine_options(parsed))
    except ImportError as exc:
        raise StoreError(
            f"the driver for {display_url(parsed)} is not installed ({exc}); "
            "PostgreSQL needs psycopg 3: pip install 'tiewatch[postgres]'"
        ) from exc
    except sa.exc.NoSuchModuleError as exc:
        raise StoreError(f"unsupported database driver in {display_url(parsed)}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    return engine


def _engine_options(url: URL) -> dict[str, Any]:
    if url.get_backend_name() != "postgresql":
        return {}
    options: dict[str, Any] = {"pool_pre_ping": True}
    if "connect_timeout" not in url.query:
        # Fail fast on an unreachable server instead of waiting for the OS timeout.
        options["connect_args"] = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    return options


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the web app read while `tiewatch process` writes; foreign keys are off by
    # default in SQLite and the cascades in schema.py rely on them.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()

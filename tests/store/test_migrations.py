"""The packaged Alembic migrations build exactly the tables of schema.py, on both backends."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tiewatch.errors import StoreError
from tiewatch.store import Store
from tiewatch.store.engine import create_store_engine
from tiewatch.store.migrate import alembic_config, current_revision, head_revision
from tiewatch.store.schema import metadata


def _diffs(connection: sa.Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    diffs: list[object] = compare_metadata(context, metadata)
    return diffs


def test_migrated_database_matches_schema(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.connect() as conn:
        assert _diffs(conn) == []


def test_open_records_the_head_revision(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.connect() as conn:
        assert current_revision(conn) == head_revision() == "0003"


def test_every_table_is_created(store_url: str) -> None:
    with Store.open(store_url) as store:
        tables = set(sa.inspect(store.engine).get_table_names())
    assert set(metadata.tables) <= tables


def test_downgrade_then_upgrade(store_url: str) -> None:
    Store.open(store_url).close()
    engine = create_store_engine(store_url)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        with engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    with Store.open(store_url) as store, store.engine.connect() as conn:
        assert _diffs(conn) == []


def test_unknown_revision_raises_store_error(store_url: str) -> None:
    Store.open(store_url).close()
    engine = create_store_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="cannot migrate"):
        Store.open(store_url)

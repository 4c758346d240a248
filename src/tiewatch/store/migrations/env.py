"""Alembic environment: runs on the connection ``migrate.upgrade_database`` passes in.

For development, ``alembic -c <ini> revision --autogenerate`` also works with an ini whose
``script_location`` is ``tiewatch.store:migrations`` and whose ``sqlalchemy.url`` is set.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from tiewatch.store.schema import metadata


def run_on_connection(connection: sa.Connection) -> None:
    # Batch mode lets later revisions alter SQLite tables (copy-and-move).
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_on_connection(connection)
        return
    engine = sa.create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as connection:
        run_on_connection(connection)
    engine.dispose()


run_migrations()

"""Run the packaged Alembic migrations programmatically (no alembic.ini at runtime)."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

logger = logging.getLogger(__name__)

SCRIPT_LOCATION = "tiewatch.store:migrations"
# Any constant: serialises concurrent `Store.open` calls migrating one PostgreSQL database.
_PG_MIGRATION_LOCK = 7_415_301_118


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic config for the packaged migrations, bound to ``connection`` if given."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    head: str | None = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return head


def current_revision(connection: sa.Connection) -> str | None:
    revision: str | None = MigrationContext.configure(connection).get_current_revision()
    return revision


def upgrade_database(engine: sa.Engine) -> None:
    """Migrate the database behind ``engine`` to the head revision, in one transaction."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        if current_revision(connection) == head_revision():
            return
        logger.info("migrating %s to %s", engine.url.render_as_string(), head_revision())
        command.upgrade(alembic_config(connection), "head")

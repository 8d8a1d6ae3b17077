"""Bring a store's schema to the head revision on open, safely when several hosts open at once.

The migrations live in `migrations/` inside the package and run through Alembic's API on a
connection this module opens: no `alembic.ini` is needed. The check and the upgrade run in
one transaction that first takes a lock (PostgreSQL: a transaction-scoped advisory lock;
SQLite: `BEGIN IMMEDIATE`), so concurrent openers wait for the first and then find the
schema at head. Both back ends run DDL inside the transaction: a failed upgrade leaves the
schema as it was.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from ._engine import WRITE
from ._errors import StoreError
from ._schema import VERSION_TABLE

__all__ = ["MIGRATION_LOCK", "head_revision", "migrate"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x6D61_696C_7761_7264  # "mailward": the PostgreSQL advisory lock's key


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    """The packaged revisions, read once per process."""
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    """The newest schema revision this version of mailwarden knows."""
    head = _scripts().get_current_head()
    assert head is not None
    return head


def _current(connection: Connection) -> tuple[str, ...]:
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return tuple(context.get_current_heads())


def _check_known(current: tuple[str, ...], where: str) -> None:
    scripts = _scripts()
    known = {revision.revision for revision in scripts.walk_revisions()}
    unknown = [revision for revision in current if revision not in known]
    if unknown:
        raise StoreError(
            f"store {where} has schema revision {', '.join(unknown)}, newer than this "
            f"mailwarden knows (head {head_revision()}): upgrade mailwarden to use it"
        )


def migrate(engine: Engine, where: str) -> None:
    """Upgrade the schema at `engine` to head; `where` names the store in errors.

    Fast when already at head (one read of the version table, no lock).
    """
    head = head_revision()
    with engine.connect() as connection:
        current = _current(connection)
        connection.rollback()
    _check_known(current, where)
    if current == (head,):
        return
    with engine.connect() as connection:
        connection.execution_options(**{WRITE: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
            current = _current(connection)
            _check_known(current, where)
            if current != (head,):
                command.upgrade(_config(connection), "head")

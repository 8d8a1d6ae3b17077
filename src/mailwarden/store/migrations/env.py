"""Alembic environment: runs on the connection `open_store` passes in, never from a file.

`open_store` opens the transaction (and, on PostgreSQL, takes the migration lock) before
calling Alembic, so every revision runs inside it and concurrent openers wait in turn.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from mailwarden.store._schema import METADATA, VERSION_TABLE

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("the store's migrations run only through mailwarden.store.open_store")

context.configure(
    connection=connection,
    target_metadata=METADATA,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

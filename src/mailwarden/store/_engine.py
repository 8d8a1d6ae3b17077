"""From one URL to a configured engine, and from any database failure to one clear line.

Two back ends are supported: `sqlite:///PATH` (embedded; the parent directory is created)
and `postgresql+psycopg://USER[:PASSWORD]@HOST[:PORT]/DB` (psycopg 3; `postgresql://` means
the same). Anything else is refused before a connection is tried.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from ._errors import StoreError

__all__ = ["WRITE", "connect_error", "failure", "make_engine", "parse_url", "safe_url"]

WRITE = "mailwarden_write"
"""Execution option marking a connection that will write (SQLite: `BEGIN IMMEDIATE`)."""

CONNECT_TIMEOUT_SECONDS = 10
SQLITE_BUSY_SECONDS = 30


def safe_url(url: URL | str) -> str:
    """The URL as it may be shown: the password, if any, replaced by `***`."""
    if isinstance(url, str):
        try:
            url = make_url(url)
        except (ArgumentError, ValueError):
            return "(unreadable store URL)"
    return url.render_as_string(hide_password=True)


def parse_url(text: str) -> URL:
    """Check the URL names a supported back end; `postgresql://` becomes psycopg's."""
    hint = "use sqlite:///PATH or postgresql+psycopg://USER@HOST/DATABASE"
    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError):
        raise StoreError(f"store URL is not a database URL ({hint})") from None
    backend, _, driver = url.drivername.partition("+")
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        url = url.set(drivername="postgresql+psycopg")
        if not url.database:
            raise StoreError(f"store URL {safe_url(url)} names no database ({hint})")
        try:
            _ = url.port
        except ValueError:
            raise StoreError(f"store URL {safe_url(url)} has a bad port ({hint})") from None
        return url
    if backend == "sqlite" and driver in ("", "pysqlite"):
        if not url.database or url.database == ":memory:" or url.host:
            raise StoreError(f"store URL {safe_url(url)} names no database file ({hint})")
        return url.set(drivername="sqlite")
    raise StoreError(f"store URL {safe_url(url)}: unsupported back end '{url.drivername}' ({hint})")


def _first_line(exc: BaseException, secret: str | None) -> str:
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    text = lines[0] if lines else type(original).__name__
    if secret:
        text = text.replace(secret, "***")
    return text.rstrip(".")


def connect_error(url: URL, exc: BaseException) -> StoreError:
    """One line for a failure to open the store at `url`."""
    return StoreError(f"cannot open store {safe_url(url)}: {_first_line(exc, url.password)}")


def failure(url: URL, exc: BaseException, doing: str) -> StoreError:
    """One line for a failure while `doing` something with an open store."""
    return StoreError(
        f"store {safe_url(url)} failed while {doing}: {_first_line(exc, url.password)}"
    )


def _sqlite_events(engine: Engine) -> None:
    """Real transactions on SQLite: the driver's own implicit ones leave DDL outside them.

    Writers begin with `BEGIN IMMEDIATE` so two writers queue on the busy timeout instead
    of failing when one upgrades a read lock; readers begin a plain (deferred) transaction
    and, in WAL mode, never wait for a writer.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: URL) -> Engine:
    """An engine for a URL `parse_url` accepted (no connection is made yet)."""
    try:
        if url.get_backend_name() == "sqlite":
            assert url.database is not None
            path = Path(url.database).expanduser()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot open store {safe_url(url)}: cannot create {path.parent}: "
                    f"{exc.strerror or exc}"
                ) from None
            engine = create_engine(
                url.set(database=str(path)), connect_args={"timeout": SQLITE_BUSY_SECONDS}
            )
            _sqlite_events(engine)
            return engine
        args: dict[str, Any] = {}
        if "connect_timeout" not in url.query:
            args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        return create_engine(url, connect_args=args, pool_pre_ping=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise connect_error(url, exc) from None


@contextlib.contextmanager
def translated(url: URL, doing: str) -> Iterator[None]:
    """Turn any database failure inside the block into a one-line `StoreError`."""
    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise failure(url, exc, doing) from None

"""Every store test runs on both back ends: SQLite in a temp dir, and a real PostgreSQL.

The PostgreSQL server is started by the tests themselves, once per session: `initdb` into a
temp dir, `postgres` on 127.0.0.1 at a free high port with trust authentication, stopped at
the end. Its binaries are looked for on PATH, then in /usr/lib/postgresql/*/bin (newest
first), then /usr/local/bin. PostgreSQL refuses to run as root, so as root the server runs
as an unprivileged system user (`mailwarden-test`, created when missing) through `runuser`.
Without the binaries the PostgreSQL half is skipped with the reason on a developer's machine,
and fails when CI is "true": CI must never skip it silently. Each test gets a fresh database.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import create_engine, text

TEST_USER = "mailwarden-test"
_PROGRAMS = ("initdb", "pg_ctl", "postgres")
_DATABASES = itertools.count(1)


@dataclass(frozen=True)
class PostgresServer:
    """A running test server: where it listens and how to stop or restart it."""

    bindir: Path
    datadir: Path
    port: int
    run_as: str | None

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def command(self, *args: str) -> list[str]:
        """`args` run as the server's user (through runuser when the tests run as root)."""
        return ["runuser", "-u", self.run_as, "--", *args] if self.run_as else list(args)


def _version(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.name) or ["0"])


def find_bindir() -> Path | None:
    """The directory holding initdb, pg_ctl and postgres, or None."""
    candidates: list[Path] = []
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)
        candidates.append(Path(found).parent)
    candidates += sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*/bin") if p.is_dir()),
        key=_version,
        reverse=True,
    )
    candidates.append(Path("/usr/local/bin"))
    for folder in candidates:
        if all(os.access(folder / name, os.X_OK) for name in _PROGRAMS):
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ensure_user() -> str:
    try:
        pwd.getpwnam(TEST_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
            check=True,
            capture_output=True,
        )
    return TEST_USER


def _run(argv: list[str], what: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr or done.stdout}")


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole session (skip or fail when it cannot start)."""
    bindir = find_bindir()
    if bindir is None:
        _unavailable(
            "initdb/pg_ctl/postgres not found on PATH, in /usr/lib/postgresql/*/bin or "
            "/usr/local/bin (install the 'postgresql' package; scripts/test does)"
        )
    run_as = _ensure_user() if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="mailwarden-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    datadir = root / "data"
    server = PostgresServer(bindir, datadir, _free_port(), run_as)
    log = root / "server.log"
    try:
        _run(
            server.command(
                str(bindir / "initdb"),
                "-D",
                str(datadir),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ),
            "initdb",
        )
        _start(server, log)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"the test server did not start: {exc}")
    try:
        yield server
    finally:
        with contextlib.suppress(RuntimeError, OSError, subprocess.SubprocessError):
            _run(
                server.command(
                    str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"
                ),
                "pg_ctl stop",
            )
        shutil.rmtree(root, ignore_errors=True)


def _start(server: PostgresServer, log: Path) -> None:
    options = (
        f"-h 127.0.0.1 -p {server.port} -k {server.datadir.parent} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    _run(
        server.command(
            str(server.bindir / "pg_ctl"),
            "-D",
            str(server.datadir),
            "-l",
            str(log),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        ),
        f"pg_ctl start (log: {log})",
    )


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the test server; dropped afterwards."""
    name = f"store_{os.getpid()}_{next(_DATABASES)}_{int(time.time() * 1000) % 100000}"
    admin = create_engine(postgres_server.admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield postgres_server.url(name)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """The back end under test."""
    return str(request.param)


@pytest.fixture
def store_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty store's URL on the back end under test (SQLite: a directory not yet made)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'state' / 'mailwarden.db'}"
    return str(request.getfixturevalue("postgres_url"))

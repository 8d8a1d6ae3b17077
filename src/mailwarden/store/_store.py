"""The store: one object over one database, with a small typed API per feature.

Why SQLAlchemy Core rather than the ORM: what the store hands out are the project's own
frozen values (`SentObservation`, `SenderHistory`), so ORM entities would be a second,
mutable copy of each row with an identity map and unit of work nobody needs; the queries are
few and set-based (a bulk insert of thousands of rows, one join read back, deletes by
address), which Core writes directly and runs at driver speed. The tables are typed
`Table` objects in `_schema.py`, shared with the Alembic migrations.

Measured on the development machine (2 cores, shared with other work, so ranges over
repeated runs), with 3 recipients per message: `record_many` of 20,000 observations into an
empty store, `record` of one more, and `history()` of a sender with 20,000 messages in the
window:

| back end | record_many 20k | record one | history() 20k |
| --- | --- | --- | --- |
| SQLite (file, WAL) | 1.3 s | 4 ms | 18-20 ms |
| PostgreSQL 15 (loopback, COPY) | 1.1-1.3 s | 6-7 ms | 18-22 ms |

`history()` reads the per-day summaries `_history_query` keeps (it took 0.27-0.3 s, up to
1.1 s on PostgreSQL, reading every row into `build_history`); keeping them costs recording
about twice what it did (0.65 s for 20k, 2-3 ms for one message).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine

from ..policy.findings import Finding
from ..recipients.history import SenderHistory, SentObservation
from ._engine import WRITE, connect_error, make_engine, parse_url, safe_url, translated
from ._errors import StoreError
from ._history_query import Tally, add, lock_writers, read_history, rebuild_days
from ._migrate import migrate
from ._schema import (
    CONFIRMATIONS,
    DAY_DOMAINS,
    DAY_PAIRS,
    DAY_RECIPIENTS,
    MESSAGES,
    OVERRIDES,
    QUARANTINE,
    RECIPIENTS,
    STORE_META,
    THREAD_RECIPIENTS,
)

__all__ = ["MAX_ADDRESS", "QUARANTINE_STATUSES", "QuarantineRecord", "Store", "open_store"]

MAX_ADDRESS = 320
"""Longest address kept, in UTF-8 bytes (local part 64 + @ + domain 255, RFC 5321 counts
octets); longer ones cannot be delivered."""
_MAX_KEY = 200
_CHUNK = 5_000  # observations per insert round trip
_COPY_FROM = 500  # PostgreSQL: batches this large go through COPY


QUARANTINE_STATUSES = ("held", "released", "deleted")
_SALT = "address_salt"


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    """A message the gateway held, as the store keeps it (no content, no plain recipient).

    `recipients` are salted hashes of the lower-cased addresses (`Store.address_hash`);
    `findings` are the `check` JSON findings with masked evidence only (rule, clause, action,
    message, fix, evidence type/where/masked).
    """

    id: int
    queue_id: str
    held_at: dt.datetime
    sender: str
    recipients: tuple[str, ...]
    reason: str
    verdict: str
    findings: tuple[dict[str, Any], ...]
    status: str
    status_by: str
    status_at: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "queue_id": self.queue_id,
            "held_at": self.held_at.isoformat(),
            "sender": self.sender,
            "recipients_hashed": list(self.recipients),
            "reason": self.reason,
            "verdict": self.verdict,
            "findings": [dict(f) for f in self.findings],
            "status": self.status,
            "status_by": self.status_by,
            "status_at": self.status_at.isoformat() if self.status_at else None,
        }


def _masked_finding(finding: Finding) -> dict[str, Any]:
    """What a quarantine record keeps of a finding: masked evidence only (house rule 5)."""
    return {
        "rule": finding.rule,
        "clause": finding.clause,
        "action": str(finding.action),
        "message": finding.message,
        "fix": finding.fix,
        "overridden": finding.overridden,
        "evidence": [
            {"where": e.where, "type": e.type, "masked": e.masked} for e in finding.evidence
        ],
    }


def _address(value: str) -> str:
    return value.strip().lower()


def _too_long(address: str) -> bool:
    return len(address) > MAX_ADDRESS or len(address.encode("utf-8", "surrogatepass")) > MAX_ADDRESS


def _utc(moment: dt.datetime, name: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment}")
    return moment.astimezone(dt.UTC)


def _key(observation: SentObservation, recipients: Sequence[tuple[str, str]]) -> str:
    """The message's key, or a fingerprint of its metadata when it has none.

    A message without a Message-ID still counts once when a folder is imported twice: the
    fingerprint is made of the sender, the time, the thread and the recipients. A key too
    long for the index is kept as its SHA-256.
    """
    key = observation.key.strip()
    if not key:
        parts = [observation.sender, observation.sent_at.isoformat(), observation.thread]
        parts += sorted(address for address, _ in recipients)
        digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
        return f"fp:{digest}"
    if len(key) > _MAX_KEY:
        return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key


@dataclass(frozen=True, slots=True)
class _Row:
    sender: str
    key: str
    sent_at: dt.datetime
    thread: str
    recipients: tuple[tuple[str, str], ...]


def _normalise(observation: SentObservation) -> _Row | None:
    sender = _address(observation.sender)
    if not sender or _too_long(sender):
        return None
    seen: dict[str, str] = {}
    for address, name in observation.recipients:
        addr = _address(address)
        if addr and addr != sender and not _too_long(addr):
            seen.setdefault(addr, name or "")
    recipients = tuple(seen.items())
    sent_at = _utc(observation.sent_at, "sent_at")
    moment = SentObservation(sender, sent_at, recipients, observation.thread, observation.key)
    return _Row(sender, _key(moment, recipients), sent_at, observation.thread, recipients)


def _recipient_rows(rows: Iterable[_Row], ids: dict[tuple[str, str], int]) -> list[dict[str, Any]]:
    """Recipient rows of the messages just inserted (`ids` maps sender and key to the id)."""
    return [
        {"message_id": ident, "address": address, "position": n, "display_name": name}
        for row in rows
        if (ident := ids.get((row.sender, row.key))) is not None
        for n, (address, name) in enumerate(row.recipients)
    ]


def _tally(rows: Iterable[_Row], ids: dict[tuple[str, str], int]) -> Tally:
    """The history summaries of the messages just inserted."""
    tally = Tally()
    for row in rows:
        ident = ids.get((row.sender, row.key))
        if ident is not None:
            tally.add(ident, row.sender, row.sent_at, row.thread, row.recipients)
    return tally


def _insert_chunk(connection: Connection, chunk: list[_Row]) -> int:
    """Insert messages (skipping stored ones), their recipients and summaries; how many were
    new."""
    values = [
        {"sender": r.sender, "message_key": r.key, "sent_at": r.sent_at, "thread": r.thread}
        for r in chunk
    ]
    inserted = connection.execute(_insert_ignoring_duplicates(connection), values).all()
    ids = {(sender, key): ident for ident, sender, key in inserted}
    recipients = _recipient_rows(chunk, ids)
    if recipients:
        connection.execute(insert(RECIPIENTS), recipients)
    add(connection, _tally(chunk, ids))
    return len(ids)


def _copy_in(connection: Connection, rows: list[_Row]) -> int:
    """PostgreSQL's bulk path: COPY into a temporary table, one INSERT ... SELECT that skips
    stored messages, then COPY of the recipients. Ten times faster than batched INSERTs."""
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS mailwarden_import_messages "
            "(sender text, message_key text, sent_at timestamptz, thread text) "
            "ON COMMIT DELETE ROWS"
        )
        with cursor.copy(
            "COPY mailwarden_import_messages (sender, message_key, sent_at, thread) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row((row.sender, row.key, row.sent_at, row.thread))
        cursor.execute(
            "INSERT INTO history_messages (sender, message_key, sent_at, thread) "
            "SELECT sender, message_key, sent_at, thread FROM mailwarden_import_messages "
            "ON CONFLICT (sender, message_key) DO NOTHING "
            "RETURNING id, sender, message_key"
        )
        ids = {(sender, key): ident for ident, sender, key in cursor.fetchall()}
        with cursor.copy(
            "COPY history_recipients (message_id, address, position, display_name) FROM STDIN"
        ) as copy:
            for item in _recipient_rows(rows, ids):
                copy.write_row(
                    (item["message_id"], item["address"], item["position"], item["display_name"])
                )
    add(connection, _tally(rows, ids))
    return len(ids)


def _insert_ignoring_duplicates(connection: Connection) -> Any:
    """`INSERT ... ON CONFLICT (sender, message_key) DO NOTHING RETURNING ...` for the back end."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(MESSAGES).on_conflict_do_nothing(
        index_elements=[MESSAGES.c.sender, MESSAGES.c.message_key]
    )
    return statement.returning(MESSAGES.c.id, MESSAGES.c.sender, MESSAGES.c.message_key)


class Store:
    """mailwarden's state in one database (SQLite or PostgreSQL). Open with `open_store`.

    Every method runs in its own transaction and turns a database failure into a one-line
    `StoreError`. Addresses are lower-cased on the way in; times must be timezone-aware and
    come back as aware UTC. Safe to share between threads (a connection pool per store).
    """

    def __init__(self, engine: Engine, url: URL) -> None:
        self._engine = engine
        self._url = url
        self._salt: bytes | None = None
        self._salt_lock = threading.Lock()

    @property
    def url(self) -> str:
        """The store's URL with any password hidden, for messages and `settings show`."""
        return safe_url(self._url)

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._engine.dialect.name

    def close(self) -> None:
        """Close every pooled connection; the store cannot be used afterwards."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _read(self, doing: str, *, snapshot: bool = False) -> Iterator[Connection]:
        """A read transaction; `snapshot`: every query in it sees the same data (PostgreSQL:
        REPEATABLE READ; SQLite's read transactions always do)."""
        with translated(self._url, doing), self._engine.connect() as connection:
            if snapshot and connection.dialect.name == "postgresql":
                connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                yield connection

    @contextlib.contextmanager
    def _write(self, doing: str) -> Iterator[Connection]:
        with translated(self._url, doing), self._engine.connect() as connection:
            connection.execution_options(**{WRITE: True})
            with connection.begin():
                yield connection

    # -- recipient history: writing -------------------------------------------------------

    def record(self, observation: SentObservation) -> bool:
        """Add one sent message to its sender's history; False when it was already there.

        A message is "already there" when its sender has one with the same key (its
        Message-ID, or a fingerprint of its metadata when it has none).
        """
        return self.record_many((observation,)) == 1

    def record_many(self, observations: Iterable[SentObservation]) -> int:
        """Add many sent messages in one transaction; returns how many were new.

        Duplicates (by sender and key) within the batch or already stored are skipped, so
        importing a folder twice changes nothing. Addresses longer than `MAX_ADDRESS` are
        dropped (an observation whose sender is such is skipped). Bulk inserts (SQLite:
        batched INSERTs; PostgreSQL: COPY from 500 messages up): 20,000 messages take
        about a second, 100,000 a few seconds (figures in the module docstring).
        """
        rows: dict[tuple[str, str], _Row] = {}
        for observation in observations:
            row = _normalise(observation)
            if row is not None:
                rows.setdefault((row.sender, row.key), row)
        if not rows:
            return 0
        pending = list(rows.values())
        with self._write("recording sent messages") as connection:
            if connection.dialect.name == "postgresql" and len(pending) >= _COPY_FROM:
                return _copy_in(connection, pending)
            return sum(
                _insert_chunk(connection, pending[start : start + _CHUNK])
                for start in range(0, len(pending), _CHUNK)
            )

    def confirm(self, sender: str, recipient: str, *, at: dt.datetime) -> None:
        """Record that `sender` confirmed `recipient` as intended (again: the time is updated)."""
        own, other, moment = _address(sender), _address(recipient), _utc(at, "at")
        with self._write("recording a confirmation") as connection:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(CONFIRMATIONS).values(
                sender=own, recipient=other, confirmed_at=moment
            )
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[CONFIRMATIONS.c.sender, CONFIRMATIONS.c.recipient],
                    set_={"confirmed_at": statement.excluded.confirmed_at},
                )
            )

    # -- recipient history: reading -------------------------------------------------------

    def history(self, sender: str, *, now: dt.datetime, retention_days: int) -> SenderHistory:
        """The sender's history as of `now`: messages and confirmations in the window.

        The window is `(now - retention_days, now]`: what is older is past retention, what
        is later had not happened yet at `now` (a check `--as-of` a past date sees the
        history of that date). Exactly what `build_history` gives for those messages, read
        from the day summaries (`_history_query`): milliseconds for a sender with 20,000.
        """
        own = _address(sender)
        end = _utc(now, "now")
        start = end - dt.timedelta(days=retention_days)
        with self._read("reading a sender's history", snapshot=True) as connection:
            return read_history(connection, own, start, end)

    def senders(self) -> list[tuple[str, int, dt.datetime]]:
        """Every sender with history: (address, messages, last sent), by address."""
        query = (
            select(MESSAGES.c.sender, func.count(), func.max(MESSAGES.c.sent_at))
            .group_by(MESSAGES.c.sender)
            .order_by(MESSAGES.c.sender)
        )
        with self._read("listing senders") as connection:
            return [(s, int(n), last) for s, n, last in connection.execute(query).all()]

    # -- recipient history: removing ------------------------------------------------------

    def forget(self, address: str) -> int:
        """Remove a person everywhere: as sender, as recipient, in confirmations, overrides
        and quarantine records (as sender, or as one of the hashed recipients).

        A message left with no recipient once the person is removed is removed too (it
        recorded only a message to them). Returns the rows removed.
        """
        person = _address(address)
        hashed = self.address_hash(person)
        with self._write("forgetting an address") as connection:
            lock_writers(connection)
            touched = (
                select(RECIPIENTS.c.message_id, MESSAGES.c.sender, MESSAGES.c.sent_at)
                .join(MESSAGES, MESSAGES.c.id == RECIPIENTS.c.message_id)
                .where(RECIPIENTS.c.address == person)
            )
            touched_ids: list[int] = []
            days: dict[str, set[dt.date]] = {}
            for ident, sender, sent_at in connection.execute(touched):
                touched_ids.append(ident)
                if sender != person:
                    days.setdefault(sender, set()).add(sent_at.date())
            removed = _count(
                connection.execute(delete(RECIPIENTS).where(RECIPIENTS.c.address == person))
            )
            removed += _delete_messages(connection, MESSAGES.c.sender == person)
            for start in range(0, len(touched_ids), _CHUNK):
                chunk = touched_ids[start : start + _CHUNK]
                still_used = (
                    select(RECIPIENTS.c.message_id)
                    .where(RECIPIENTS.c.message_id == MESSAGES.c.id)
                    .exists()
                )
                emptied = delete(MESSAGES).where(MESSAGES.c.id.in_(chunk), ~still_used)
                removed += _count(connection.execute(emptied))
            _forget_summaries(connection, person, days)
            removed += _count(
                connection.execute(
                    delete(CONFIRMATIONS).where(
                        or_(CONFIRMATIONS.c.sender == person, CONFIRMATIONS.c.recipient == person)
                    )
                )
            )
            removed += _count(
                connection.execute(delete(OVERRIDES).where(OVERRIDES.c.sender == person))
            )
            removed += _count(
                connection.execute(
                    delete(QUARANTINE).where(
                        or_(
                            QUARANTINE.c.sender == person,
                            QUARANTINE.c.recipients.contains(f'"{hashed}"'),
                        )
                    )
                )
            )
        return removed

    # -- overrides ------------------------------------------------------------------------

    def record_override(
        self,
        *,
        digest: str,
        sender: str,
        justification: str,
        client: str,
        issued_at: dt.datetime,
        expires_at: dt.datetime,
    ) -> None:
        """Keep an issued override for review: the digest (never the content), who, why, when."""
        row = {
            "digest": digest[:64],
            "sender": _address(sender),
            "client": client[:100],
            "justification": justification[:2000],
            "issued_at": _utc(issued_at, "issued_at"),
            "expires_at": _utc(expires_at, "expires_at"),
        }
        with self._write("recording an override") as connection:
            connection.execute(insert(OVERRIDES).values(**row))

    def overrides(self, *, sender: str | None = None) -> list[dict[str, Any]]:
        """Issued overrides, newest first, optionally of one sender (for an IG review)."""
        query = select(OVERRIDES).order_by(OVERRIDES.c.issued_at.desc(), OVERRIDES.c.id.desc())
        if sender is not None:
            query = query.where(OVERRIDES.c.sender == _address(sender))
        with self._read("listing overrides") as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    # -- quarantine -----------------------------------------------------------------------

    def address_hash(self, address: str) -> str:
        """HMAC-SHA256 of the lower-cased address under this store's salt (hex).

        Incident records keep header addresses only this way (DESIGN, Masks). The salt is
        random, made on first use and kept in the store: the same address gives the same
        hash within one store (so a record can be found for a known address, and forgotten),
        but not across stores, and a table of hashes of a staff directory made elsewhere
        matches nothing.
        """
        return hmac.new(self._address_salt(), _address(address).encode(), "sha256").hexdigest()

    def _address_salt(self) -> bytes:
        with self._salt_lock:
            if self._salt is None:
                with self._write("reading the address salt") as connection:
                    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
                    connection.execute(
                        dialect.insert(STORE_META)
                        .values(name=_SALT, value=secrets.token_hex(32))
                        .on_conflict_do_nothing(index_elements=[STORE_META.c.name])
                    )
                    value = connection.execute(
                        select(STORE_META.c.value).where(STORE_META.c.name == _SALT)
                    ).scalar_one()
                self._salt = bytes.fromhex(value)
            return self._salt

    def record_quarantine(
        self,
        *,
        queue_id: str,
        held_at: dt.datetime,
        sender: str,
        recipients: Iterable[str],
        reason: str,
        verdict: str,
        findings: Iterable[Finding],
    ) -> int:
        """Keep a held message's record; returns its id. Recipients are hashed, and only the
        masked parts of the findings are kept."""
        hashed = sorted({self.address_hash(r) for r in recipients if r.strip()})
        row = {
            "queue_id": queue_id[:40],
            "held_at": _utc(held_at, "held_at"),
            "sender": _address(sender)[:MAX_ADDRESS],
            "recipients": json.dumps(hashed),
            "reason": reason[:500],
            "verdict": verdict[:20],
            "findings": json.dumps([_masked_finding(f) for f in findings], ensure_ascii=False),
            "status": "held",
        }
        with self._write("recording a held message") as connection:
            inserted = connection.execute(
                insert(QUARANTINE).values(**row).returning(QUARANTINE.c.id)
            )
            return int(inserted.scalar_one())

    def quarantined(
        self, queue_ids: Iterable[str] | None = None, *, status: str | None = None
    ) -> list[QuarantineRecord]:
        """Held-message records, oldest first: of these queue IDs, and/or with this status."""
        query = select(QUARANTINE).order_by(QUARANTINE.c.held_at, QUARANTINE.c.id)
        if queue_ids is not None:
            query = query.where(QUARANTINE.c.queue_id.in_(sorted(set(queue_ids))))
        if status is not None:
            query = query.where(QUARANTINE.c.status == status)
        with self._read("listing held messages") as connection:
            rows = connection.execute(query).all()
        return [
            QuarantineRecord(
                id=int(r.id),
                queue_id=r.queue_id,
                held_at=r.held_at,
                sender=r.sender,
                recipients=tuple(json.loads(r.recipients)),
                reason=r.reason,
                verdict=r.verdict,
                findings=tuple(json.loads(r.findings)),
                status=r.status,
                status_by=r.status_by,
                status_at=r.status_at,
            )
            for r in rows
        ]

    def set_quarantine_status(
        self, queue_id: str, status: str, *, by: str, at: dt.datetime
    ) -> bool:
        """Mark the newest record of `queue_id` still held as released or deleted; False when
        no held record has that queue ID (held before the store was configured)."""
        if status not in QUARANTINE_STATUSES[1:]:
            raise ValueError(f"status must be released or deleted, not {status!r}")
        with self._write("updating a held message") as connection:
            newest = connection.execute(
                select(QUARANTINE.c.id)
                .where(QUARANTINE.c.queue_id == queue_id, QUARANTINE.c.status == "held")
                .order_by(QUARANTINE.c.held_at.desc(), QUARANTINE.c.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            if newest is None:
                return False
            connection.execute(
                update(QUARANTINE)
                .where(QUARANTINE.c.id == newest)
                .values(status=status, status_by=by[:200], status_at=_utc(at, "at"))
            )
        return True

    def prune(self, *, now: dt.datetime, retention_days: int) -> int:
        """Remove what is past retention at `now`; returns the rows removed.

        Messages sent, and confirmations given, at or before `now - retention_days` go,
        with the messages' recipient rows.
        """
        cutoff = _utc(now, "now") - dt.timedelta(days=retention_days)
        with self._write("pruning history past retention") as connection:
            lock_writers(connection)
            removed = _delete_messages(connection, MESSAGES.c.sent_at <= cutoff)
            _prune_summaries(connection, cutoff)
            removed += _count(
                connection.execute(
                    delete(CONFIRMATIONS).where(CONFIRMATIONS.c.confirmed_at <= cutoff)
                )
            )
        return removed


def _count(result: Any) -> int:
    return max(int(result.rowcount), 0)


def _forget_summaries(connection: Connection, person: str, days: dict[str, set[dt.date]]) -> None:
    """The history summaries without `person`: theirs gone, the days they were written to
    recomputed. Other recipients' thread rows are unchanged (a message goes only when the
    person was its only recipient)."""
    for table in (DAY_RECIPIENTS, DAY_PAIRS, DAY_DOMAINS, THREAD_RECIPIENTS):
        connection.execute(delete(table).where(table.c.sender == person))
    connection.execute(delete(THREAD_RECIPIENTS).where(THREAD_RECIPIENTS.c.address == person))
    rebuild_days(connection, days)


def _prune_summaries(connection: Connection, cutoff: dt.datetime) -> None:
    """The history summaries after the messages at or before `cutoff` went: earlier days
    dropped, the cutoff's own day recomputed, threads whose last message went dropped."""
    day = cutoff.date()
    senders = connection.execute(
        select(DAY_RECIPIENTS.c.sender).where(DAY_RECIPIENTS.c.day == day).distinct()
    ).scalars()
    rebuild_days(connection, dict.fromkeys(senders, (day,)))
    for table in (DAY_RECIPIENTS, DAY_PAIRS, DAY_DOMAINS):
        connection.execute(delete(table).where(table.c.day < day))
    connection.execute(delete(THREAD_RECIPIENTS).where(THREAD_RECIPIENTS.c.last_at <= cutoff))


def _delete_messages(connection: Connection, condition: Any) -> int:
    """Delete the messages matching `condition` and their recipients; rows removed."""
    ids = select(MESSAGES.c.id).where(condition)
    removed = _count(connection.execute(delete(RECIPIENTS).where(RECIPIENTS.c.message_id.in_(ids))))
    return removed + _count(connection.execute(delete(MESSAGES).where(condition)))


def open_store(url: str) -> Store:
    """Open the store at `url`, creating it or migrating its schema to head as needed.

    `sqlite:///PATH` (the file and its directory are created) or
    `postgresql+psycopg://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (the database must exist).
    A bad URL, an unreachable or dead database, or a schema newer than this version of
    mailwarden raises `StoreError` with one line (passwords hidden).
    """
    parsed = parse_url(url)
    engine = make_engine(parsed)
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            migrate(engine, safe_url(parsed))
            break
        except StoreError:
            engine.dispose()
            raise
        except Exception as exc:
            if _sqlite_locked(exc) and attempt + 1 < _OPEN_ATTEMPTS:
                time.sleep(0.1 * (attempt + 1))  # a new file's first opener is still setting it up
                continue
            engine.dispose()
            raise connect_error(parsed, exc) from None
    return Store(engine, parsed)


_OPEN_ATTEMPTS = 6


def _sqlite_locked(exc: Exception) -> bool:
    """SQLite's immediate "database is locked" (switching a new file to WAL, not the busy wait)."""
    return "database is locked" in str(exc)

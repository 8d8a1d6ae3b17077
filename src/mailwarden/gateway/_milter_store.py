"""What the milter keeps in, and reads from, the store, without ever holding up mail.

Three things, each off the milter's reply path or bounded on it:

- **History read** (`HistoryCache`): the sender's recipient history for `decide(history=...)`,
  cached per sender for `ttl` seconds (bounded to `max_senders`, least recently used out).
  Concurrent misses for one sender share one read. A reply waits for a read at most
  `wait_seconds`; a slower read goes on in the background and fills the cache for the next
  message. A store error is logged once per outage and the message is judged without
  history; reads are then skipped for `retry_seconds` (a dead PostgreSQL costs one connect
  attempt per interval, not one per message).
- **Learning** and **quarantine records** (`StoreWriter`): handed to one background thread
  through a bounded queue. Learning records are batched (`record_many`); when the queue is
  full, or the store stays down past the retry window, a record is dropped and counted.
  Mail is never dropped or delayed for them.
- **Opening** (`LazyStore`): the store is opened on first use and again after a failure, so
  a milter started while its database is down still starts and serves mail.
"""

from __future__ import annotations

import collections
import concurrent.futures
import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..message.model import Address, Envelope
from ..message.reader import parse_message_bytes
from ..policy.findings import Finding
from ..recipients.history import SenderHistory, SentObservation, observe
from ..store import Store, StoreError, open_store

__all__ = [
    "HistoryCache",
    "LazyStore",
    "StoreCounters",
    "StoreWriter",
    "observation_of",
]

log = logging.getLogger("mailwarden.milter")


@dataclass(slots=True)
class StoreCounters:
    """What the store side did (logged at shutdown; read by tests and the fault benchmark)."""

    history_hits: int = 0
    history_reads: int = 0
    history_slow: int = 0
    history_errors: int = 0
    learned: int = 0
    held_recorded: int = 0
    dropped_full: int = 0
    dropped_error: int = 0
    write_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, n: int = 1) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + n)

    def summary(self) -> str:
        with self.lock:
            return (
                f"history hits={self.history_hits} reads={self.history_reads} "
                f"slow={self.history_slow} errors={self.history_errors}; learned={self.learned} "
                f"held_recorded={self.held_recorded} dropped_full={self.dropped_full} "
                f"dropped_error={self.dropped_error} write_errors={self.write_errors}"
            )


class _Outage:
    """One log line when the store fails, one when it is back; a pause before trying again."""

    def __init__(self, retry_seconds: float) -> None:
        self._retry = retry_seconds
        self._until = 0.0
        self._down = False
        self._lock = threading.Lock()

    def open(self) -> bool:
        """True when the store may be tried now."""
        with self._lock:
            return time.monotonic() >= self._until

    def failed(self, doing: str, exc: BaseException) -> None:
        with self._lock:
            self._until = time.monotonic() + self._retry
            first = not self._down
            self._down = True
        if first:
            log.warning("store unavailable while %s: %s (mail goes on without it)", doing, exc)

    def worked(self) -> None:
        with self._lock:
            was_down, self._down = self._down, False
        if was_down:
            log.warning("store available again")


class LazyStore:
    """The store at `url`, opened on first use and reopened after a failure to open it."""

    def __init__(
        self, url: str, *, retry_seconds: float = 15.0, opener: Callable[[str], Store] = open_store
    ) -> None:
        self.url = url
        self.outage = _Outage(retry_seconds)
        self._opener = opener
        self._store: Store | None = None
        self._lock = threading.Lock()

    def get(self, doing: str) -> Store | None:
        """The open store, or None while it is unavailable (tried again after a pause)."""
        if self._store is not None:
            return self._store
        if not self.outage.open():
            return None
        with self._lock:
            if self._store is None:
                try:
                    self._store = self._opener(self.url)
                except StoreError as exc:
                    self.outage.failed(doing, exc)
                    return None
                except Exception as exc:  # never let the store take mail down with it
                    self.outage.failed(doing, exc)
                    return None
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


@dataclass(frozen=True, slots=True)
class _Entry:
    history: SenderHistory
    read_at: float


class HistoryCache:
    """Per-sender history, read through the store at most once per `ttl` seconds."""

    def __init__(
        self,
        store: LazyStore,
        *,
        retention_days: int,
        ttl: float = 60.0,
        max_senders: int = 5000,
        wait_seconds: float = 2.0,
        readers: int = 2,
        counters: StoreCounters | None = None,
    ) -> None:
        self._store = store
        self._retention_days = retention_days
        self._ttl = ttl
        self._max = max(1, max_senders)
        self._wait = wait_seconds
        self.counters = counters or StoreCounters()
        self._entries: collections.OrderedDict[str, _Entry] = collections.OrderedDict()
        self._reading: dict[str, concurrent.futures.Future[SenderHistory | None]] = {}
        self._lock = threading.Lock()
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(1, readers), thread_name_prefix="mailwarden-history"
        )

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def get(self, sender: str, now: dt.datetime) -> SenderHistory | None:
        """The sender's history (cached, or read within the wait budget), else None."""
        key = sender.strip().lower()
        if not key:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and time.monotonic() - entry.read_at < self._ttl:
                self._entries.move_to_end(key)
                self.counters.add("history_hits")
                return entry.history
            future = self._reading.get(key)
            if future is None:
                if not self._store.outage.open():
                    return None
                if len(self._reading) >= 4 * self._max:  # pathological: reads pile up
                    return None
                future = self._pool.submit(self._read, key, now)
                self._reading[key] = future
        try:
            return future.result(timeout=self._wait)
        except concurrent.futures.TimeoutError:
            self.counters.add("history_slow")
            return None
        except Exception:  # _read catches store errors; anything else: judge without
            return None

    def _read(self, key: str, now: dt.datetime) -> SenderHistory | None:
        try:
            store = self._store.get("reading a sender's history")
            if store is None:
                self.counters.add("history_errors")
                return None
            try:
                history = store.history(key, now=now, retention_days=self._retention_days)
            except Exception as exc:  # StoreError, or a fault: mail goes on without history
                self.counters.add("history_errors")
                self._store.outage.failed("reading a sender's history", exc)
                return None
            self._store.outage.worked()
            self.counters.add("history_reads")
            with self._lock:
                self._entries[key] = _Entry(history, time.monotonic())
                self._entries.move_to_end(key)
                while len(self._entries) > self._max:
                    self._entries.popitem(last=False)
            return history
        finally:
            with self._lock:
                self._reading.pop(key, None)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def observation_of(
    header_block: bytes, sender: str, recipients: Sequence[str], sent_at: dt.datetime
) -> SentObservation | None:
    """What an accepted outgoing message teaches: its envelope recipients (with the display
    names its header gives them), its thread and its Message-ID. None for a machine's mail
    (automatic reply, rule forward) or a message with no recipient."""
    wanted = {r.strip().strip("<>").lower() for r in recipients if "@" in r}
    own = sender.strip().lower()
    try:
        message = parse_message_bytes(header_block + b"\r\n")
    except Exception:  # unreadable header: the envelope alone still says who it went to
        kept = tuple((r, "") for r in sorted(wanted - {own}))
        return SentObservation(own, sent_at, kept) if kept else None
    if message.auto.is_auto_reply or message.auto.is_auto_forward:
        return None

    def address(text: str) -> Address:
        local, _, domain = text.rpartition("@")
        return Address("", local, domain)

    envelope = Envelope(None, tuple(address(r) for r in sorted(wanted)), from_headers=False)
    seen = observe(replace(message, envelope=envelope), own, sent_at)
    kept = tuple((a, n) for a, n in seen.recipients if a in wanted)
    if not kept:
        return None
    return replace(seen, recipients=kept)


@dataclass(frozen=True, slots=True)
class _Learn:
    observation: SentObservation


@dataclass(frozen=True, slots=True)
class _LearnRaw:
    """An accepted message's header block and envelope: parsed on the writer's thread."""

    head: bytes
    sender: str
    recipients: tuple[str, ...]
    sent_at: dt.datetime


@dataclass(frozen=True, slots=True)
class _Held:
    queue_id: str
    held_at: dt.datetime
    sender: str
    recipients: tuple[str, ...]
    reason: str
    verdict: str
    findings: tuple[Finding, ...]


_Task = _Learn | _LearnRaw | _Held


class StoreWriter:
    """One background thread writing learning and quarantine records, from a bounded queue.

    `learn` and `held` never block: a full queue drops the record and counts it. Learning
    records are written in batches of up to `batch`. While the store is down a batch is
    tried again every `retry_seconds` for up to `give_up_seconds`, then dropped and counted
    (the hold queue keeps held mail whatever happens to its record).
    """

    def __init__(
        self,
        store: LazyStore,
        *,
        size: int = 10_000,
        batch: int = 200,
        retry_seconds: float = 2.0,
        give_up_seconds: float = 60.0,
        counters: StoreCounters | None = None,
    ) -> None:
        self._store = store
        self._queue: queue.Queue[_Task | None] = queue.Queue(maxsize=max(1, size))
        self._batch = batch
        self._retry = retry_seconds
        self._give_up = give_up_seconds
        self.counters = counters or StoreCounters()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._run, name="mailwarden-store", daemon=True)
        self._thread.start()

    def _put(self, task: _Task) -> None:
        try:
            self._queue.put_nowait(task)
            self._idle.clear()
        except queue.Full:
            self.counters.add("dropped_full")

    def learn(self, observation: SentObservation) -> None:
        self._put(_Learn(observation))

    def learn_from(
        self, head: bytes, sender: str, recipients: Sequence[str], sent_at: dt.datetime
    ) -> None:
        """Learn from an accepted message's header block; the parse (`observation_of`) runs
        on the writer's thread, not on the milter's reply path."""
        self._put(_LearnRaw(head, sender, tuple(recipients), sent_at))

    def held(
        self,
        *,
        queue_id: str,
        held_at: dt.datetime,
        sender: str,
        recipients: Sequence[str],
        reason: str,
        verdict: str,
        findings: Sequence[Finding],
    ) -> None:
        self._put(
            _Held(queue_id, held_at, sender, tuple(recipients), reason, verdict, tuple(findings))
        )

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is written or dropped (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.empty() and self._idle.is_set():
                return True
            time.sleep(0.02)
        return False

    def close(self, timeout: float = 10.0) -> None:
        self.flush(timeout)
        try:
            self._queue.put(None, timeout=1.0)
        except queue.Full:
            return
        self._thread.join(timeout=timeout)

    def _take(self) -> list[_Task] | None:
        first = self._queue.get()
        if first is None:
            return None
        tasks: list[_Task] = [first]
        while len(tasks) < self._batch:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                self._queue.put(None)  # stop after this batch
                break
            tasks.append(item)
        return tasks

    def _run(self) -> None:
        while True:
            tasks = self._take()
            if tasks is None:
                self._idle.set()
                return
            self._write(tasks)
            if self._queue.empty():
                self._idle.set()

    def _write(self, tasks: list[_Task]) -> None:
        started = time.monotonic()
        while True:
            store = self._store.get("writing learned history and held-message records")
            if store is not None:
                try:
                    self._write_to(store, tasks)
                except Exception as exc:  # StoreError or a fault: retry, then drop
                    self.counters.add("write_errors")
                    self._store.outage.failed("writing learned history", exc)
                else:
                    self._store.outage.worked()
                    return
            if time.monotonic() - started > self._give_up:
                self.counters.add("dropped_error", len(tasks))
                return
            time.sleep(self._retry)

    def _write_to(self, store: Store, tasks: list[_Task]) -> None:
        """Write the batch; what is written leaves `tasks`, so a retry writes only the rest
        (a held record is never written twice; learning is idempotent anyway)."""
        for item in [t for t in tasks if isinstance(t, _Held)]:
            store.record_quarantine(
                queue_id=item.queue_id,
                held_at=item.held_at,
                sender=item.sender,
                recipients=item.recipients,
                reason=item.reason,
                verdict=item.verdict,
                findings=item.findings,
            )
            tasks.remove(item)
            self.counters.add("held_recorded")
        learned = [t.observation for t in tasks if isinstance(t, _Learn)]
        for raw in [t for t in tasks if isinstance(t, _LearnRaw)]:
            seen = observation_of(raw.head, raw.sender, raw.recipients, raw.sent_at)
            if seen is not None:
                learned.append(seen)
        if learned:
            store.record_many(learned)
            self.counters.add("learned", len(learned))
        tasks.clear()

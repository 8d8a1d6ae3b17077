"""The recipient history the pre-send API reads: per process, cached briefly, never learned.

`Store.history` reads every message of a sender's retention window and aggregates it: 0.2-1 s
for a heavy sender (the store's docstring has the figures), far more than the check itself.
Outlook asks on every Send, and a sender who is told about a slip usually sends again within a
minute, so the history of each sender is kept for a short time (`ttl_seconds`, 60 s by
default) in a bounded least-recently-used map (`max_senders`). What the gateway learns from
mail really sent reaches the API within that time; a confirmation made through this process
invalidates the sender's entry at once (other processes see it within the TTL).

Only reads: a draft is not mail that was sent, and learning from it would teach the store the
very mistake it should catch (issue 5). When the store cannot be read, one line is logged
(no address: a short hash), the check goes on without history (the content rules still
judge; the anomaly rules stay silent, as for a sender still learning), and the store is not
asked again for `retry_seconds`, so that a dead database does not add its connect timeout to
every Send.

Concurrent checks for one sender wait for one read rather than each reading (the first one
loads, the others find its result).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..errors import MailwardenError
from ..recipients.history import SenderHistory

__all__ = ["HistoryCache", "HistoryReader"]

log = logging.getLogger("mailwarden.api")


class HistoryReader(Protocol):
    """What the cache needs of a store: `Store.history`."""

    def history(self, sender: str, *, now: dt.datetime, retention_days: int) -> SenderHistory: ...


def _hash(address: str) -> str:
    return hashlib.sha256(address.encode("utf-8")).hexdigest()[:12]


def _detail(exc: Exception) -> str:
    """The store's own one-line message; of anything else only its type (a driver's message
    may quote the query's parameters, which are addresses)."""
    if isinstance(exc, MailwardenError):  # StoreError: one line, password hidden
        return str(exc).splitlines()[0][:300] if str(exc) else "no detail"
    return "no detail"


@dataclass(frozen=True, slots=True)
class _Entry:
    history: SenderHistory
    loaded: float  # monotonic seconds


class HistoryCache:
    """Senders' histories read from `store`, each kept `ttl_seconds`, at most `max_senders`.

    Thread-safe: checks run on a pool of worker threads. `ttl_seconds <= 0` or
    `max_senders <= 0` turns caching off (every check reads the store: for tests only).
    """

    def __init__(
        self,
        store: HistoryReader,
        *,
        retention_days: int,
        ttl_seconds: float = 60.0,
        max_senders: int = 512,
        retry_seconds: float = 5.0,
        monotonic: Callable[[], float] = time.monotonic,
        on_outcome: Callable[[str], None] | None = None,
    ) -> None:
        self._store = store
        self._retention_days = retention_days
        self._ttl = ttl_seconds
        self._size = max_senders
        self._retry = retry_seconds
        self._monotonic = monotonic
        self._on_outcome = on_outcome or (lambda _: None)
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._loading: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._invalidations = 0
        self._down_until = 0.0
        self.reads = 0
        """Reads of the store so far (for tests and metrics)."""

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _fresh(self, sender: str, moment: float) -> SenderHistory | None:
        """The cached history of `sender` if still fresh (caller holds the lock)."""
        entry = self._entries.get(sender)
        if entry is None:
            return None
        if moment - entry.loaded >= self._ttl:
            del self._entries[sender]
            return None
        self._entries.move_to_end(sender)
        return entry.history

    def get(self, sender: str, *, now: dt.datetime) -> SenderHistory | None:
        """The history of `sender` as of about `now`; None when the store cannot be read."""
        who = sender.strip().lower()
        if not who:
            return None
        with self._lock:
            found = self._fresh(who, self._monotonic())
            if found is not None:
                self._on_outcome("cached")
                return found
            loading = self._loading.setdefault(who, threading.Lock())
        with loading:  # one read per sender at a time; the others then find it cached
            try:
                with self._lock:
                    found = self._fresh(who, self._monotonic())
                    if found is not None:
                        self._on_outcome("cached")
                        return found
                    if self._monotonic() < self._down_until:
                        self._on_outcome("unavailable")
                        return None
                    started = self._invalidations
                history = self._read(who, now)
                with self._lock:
                    if history is not None and started == self._invalidations and self._cached():
                        self._entries[who] = _Entry(history, self._monotonic())
                        self._entries.move_to_end(who)
                        while len(self._entries) > self._size:
                            self._entries.popitem(last=False)
                return history
            finally:
                with self._lock:
                    if self._loading.get(who) is loading:
                        del self._loading[who]

    def _cached(self) -> bool:
        return self._ttl > 0 and self._size > 0

    def _read(self, who: str, now: dt.datetime) -> SenderHistory | None:
        started = self._monotonic()
        try:
            self.reads += 1
            history = self._store.history(who, now=now, retention_days=self._retention_days)
            self._on_outcome("read")
            return history
        except Exception as exc:  # a dead store must never fail a check
            with self._lock:
                self._down_until = self._monotonic() + self._retry
            self._on_outcome("unavailable")
            log.warning(
                "recipient history unavailable, checking without it for %.0f s "
                "(sender#=%s, %s after %.2f s: %s)",
                self._retry,
                _hash(who),
                type(exc).__name__,
                self._monotonic() - started,
                _detail(exc),
            )
            return None

    def invalidate(self, sender: str) -> None:
        """Forget `sender`'s history (after a confirmation), including a read in progress."""
        who = sender.strip().lower()
        with self._lock:
            self._entries.pop(who, None)
            self._invalidations += 1

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._invalidations += 1

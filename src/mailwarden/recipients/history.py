"""What mailwarden learns about a sender's recipients, as immutable values the engine reads.

History is metadata only, never content (issue: recipient history): who a sender writes
to, how often, since when, with whom, at which domains, in which threads. It is learned only
from mail that was really sent (the gateway after acceptance, `history import` from Sent
folders), never from drafts, which would teach it the very mistake it should catch. The
store builds a `SenderHistory` for one sender; the engine gets it through `Context.history`
and stays pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..message.model import Message

__all__ = [
    "RecipientStats",
    "SenderHistory",
    "SentObservation",
    "build_history",
    "observe",
    "thread_id",
]


@dataclass(frozen=True, slots=True)
class SentObservation:
    """One sent message as history sees it: who, to whom, when, in which thread.

    `recipients` are (lower-case address, display name) pairs: To, Cc, Bcc and envelope-only
    recipients, without repeats and without the sender.
    """

    sender: str
    sent_at: dt.datetime
    recipients: tuple[tuple[str, str], ...]
    thread: str = ""
    key: str = ""
    """Identifies the message (its Message-ID), so importing a folder twice counts it once."""


@dataclass(frozen=True, slots=True)
class RecipientStats:
    """How a sender has written to one address."""

    address: str
    count: int
    first_seen: dt.datetime
    last_seen: dt.datetime
    display_names: tuple[str, ...] = ()
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class SenderHistory:
    """A sender's recipient history, as of the time it was read from the store.

    `co_recipients[a][b]` counts the messages that went to both `a` and `b`; `domains`
    counts messages per recipient domain; `threads` maps a thread id to the addresses this
    sender has written to in it.
    """

    sender: str
    messages: int = 0
    first_seen: dt.datetime | None = None
    recipients: Mapping[str, RecipientStats] = field(default_factory=lambda: MappingProxyType({}))
    co_recipients: Mapping[str, Mapping[str, int]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    domains: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    threads: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    def count(self, address: str) -> int:
        """Messages this sender has sent to `address` (0 when never)."""
        stats = self.recipients.get(address.lower())
        return stats.count if stats else 0

    def confirmed(self, address: str) -> bool:
        """True when the sender confirmed `address` as intended (warnings suppressed)."""
        stats = self.recipients.get(address.lower())
        return bool(stats and stats.confirmed)


def _bare(message_id: str) -> str:
    return message_id.strip().strip("<>").strip().lower()


def thread_id(message: Message) -> str:
    """The thread a message belongs to: the first References id, else In-Reply-To, else its own.

    The root of References is the first message of the thread, the same for every reply, so
    replies and forwards of one conversation share an id however deep they are.
    """
    if message.references:
        return _bare(message.references[0])
    if message.in_reply_to:
        return _bare(message.in_reply_to.split()[0])
    return _bare(message.message_id)


def observe(message: Message, sender: str, sent_at: dt.datetime) -> SentObservation:
    """What a sent message teaches about `sender`'s recipients (no content)."""
    own = sender.lower()
    seen: dict[str, str] = {}
    for address in message.recipients:
        addr = address.addr_spec.lower()
        if addr and addr != own and "@" in addr:
            seen.setdefault(addr, address.display_name)
    key = _bare(message.message_id)
    return SentObservation(own, sent_at, tuple(seen.items()), thread_id(message), key)


def _stats(
    observations: list[SentObservation], confirmed: frozenset[str]
) -> dict[str, RecipientStats]:
    first: dict[str, dt.datetime] = {}
    last: dict[str, dt.datetime] = {}
    counts: dict[str, int] = {}
    names: dict[str, list[str]] = {}
    for item in observations:
        for address, name in item.recipients:
            counts[address] = counts.get(address, 0) + 1
            first[address] = min(first.get(address, item.sent_at), item.sent_at)
            last[address] = max(last.get(address, item.sent_at), item.sent_at)
            if name and name not in names.setdefault(address, []):
                names[address].append(name)
    return {
        a: RecipientStats(a, n, first[a], last[a], tuple(names.get(a, ())), a in confirmed)
        for a, n in counts.items()
    }


def build_history(
    sender: str,
    observations: list[SentObservation],
    confirmed: frozenset[str] = frozenset(),
) -> SenderHistory:
    """Aggregate one sender's observations (already within retention) into a `SenderHistory`.

    `confirmed` are recipients the sender has confirmed as intended. Messages with the same
    non-empty `key` are counted once. Recipients confirmed but never written to appear
    with a count of 0, so that the confirmation still suppresses warnings.
    """
    own = sender.lower()
    unique: dict[str, SentObservation] = {}
    for index, item in enumerate(observations):
        if item.sender.lower() == own:
            unique.setdefault(item.key or f"#{index}", item)
    kept = list(unique.values())
    pairs: dict[str, dict[str, int]] = {}
    domains: dict[str, int] = {}
    threads: dict[str, set[str]] = {}
    for item in kept:
        addresses = [a for a, _ in item.recipients]
        for address in addresses:
            for other in addresses:
                if other != address:
                    row = pairs.setdefault(address, {})
                    row[other] = row.get(other, 0) + 1
        for domain in {a.rpartition("@")[2] for a in addresses}:
            domains[domain] = domains.get(domain, 0) + 1
        if item.thread:
            threads.setdefault(item.thread, set()).update(addresses)
    stats = _stats(kept, confirmed)
    for address in confirmed - set(stats):
        moment = dt.datetime.min.replace(tzinfo=dt.UTC)
        stats[address] = RecipientStats(address, 0, moment, moment, (), True)
    return SenderHistory(
        sender=own,
        messages=len(kept),
        first_seen=min((i.sent_at for i in kept), default=None),
        recipients=MappingProxyType(stats),
        co_recipients=MappingProxyType({a: MappingProxyType(r) for a, r in pairs.items()}),
        domains=MappingProxyType(domains),
        threads=MappingProxyType({t: frozenset(m) for t, m in threads.items()}),
    )

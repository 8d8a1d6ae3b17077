"""`history import`: learn a sender's recipient history from mail that was really sent.

An adapter (house rule 1): it reads Sent folders (mbox, maildir, folders of `.eml`/`.msg`
files, `.pst`, or an IMAP folder through `_imap`), turns each message into a
`SentObservation` with `observe` and records them in the store in batches. What is learned is
metadata only: who sent, to whom, when, in which thread. Only the header block of a message is
parsed where the format allows (mbox, maildir, `.eml`), so an archive full of attachments is
read at the speed of its headers.

A message teaches nothing, and is counted as skipped with its reason, when it is not from the
sender being learned, has no usable `Date:`, has no recipient, was sent by a machine (an
automatic reply or a rule's forward), or is older than the retention period (it would be
pruned at once). Learning never happens from `check`: a draft would teach the very mistake
it should be checked for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from ..errors import InputError
from ..message.limits import Limits
from ..message.model import Message
from ..message.reader import PST_MAGIC, parse_message_bytes, sniff_format
from ..message.sources import SourceItem, _mbox_messages, read_path
from .history import SentObservation, observe

__all__ = [
    "DEFAULT_RETENTION_DAYS",
    "SKIP_REASONS",
    "ImportReport",
    "Recorder",
    "import_messages",
    "read_sent",
]

DEFAULT_RETENTION_DAYS = 396
"""Thirteen months: a year of habits plus a month's grace (issue 5: 13 months by default)."""

BATCH = 2_000
"""Observations recorded per store round trip."""

HEADER_BYTES = 1024 * 1024
"""Bytes of a message read to find its header block; a longer header block is cut there."""

SKIP_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "other-sender": "not from the sender",
        "no-sender": "no From: address",
        "no-date": "no usable Date:",
        "no-recipients": "no recipient",
        "automatic": "sent by a machine (automatic reply or rule forward)",
        "past-retention": "older than the retention period",
        "future": "dated in the future",
    }
)
"""Why a message taught nothing, by stable key (JSON) and as words (text)."""

_FUTURE_GRACE = dt.timedelta(days=1)
_HEADER_END = re.compile(rb"\r?\n\r?\n")


class Recorder(Protocol):
    """What import needs of the store: `Store.record_many` (new messages recorded)."""

    def record_many(self, observations: Iterable[SentObservation]) -> int: ...


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one import did: messages read, newly learned, already known, skipped by reason.

    `read == learned + already_known + sum(skipped.values())`; what could not be read at all
    is in `errors`, not in `read`.
    """

    read: int = 0
    learned: int = 0
    already_known: int = 0
    skipped: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    errors: tuple[str, ...] = ()
    """One line per message or path that could not be read (`source: why`)."""

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of `history import --format json`."""
        return {
            "read": self.read,
            "learned": self.learned,
            "already_known": self.already_known,
            "skipped": dict(self.skipped),
            "errors": list(self.errors),
        }


# -- reading Sent folders ------------------------------------------------------------------


def _header_block(data: bytes) -> bytes:
    """The header block of a raw message and its blank line (all of it when there is none)."""
    match = _HEADER_END.search(data)
    return data[: match.end()] if match else data


def _parse_headers(source: str, data: bytes, limits: Limits) -> SourceItem:
    try:
        return SourceItem(source, parse_message_bytes(_header_block(data), limits=limits))
    except InputError as exc:
        return SourceItem(source, error=str(exc))


def _read_head(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(HEADER_BYTES)


def _read_file(path: Path, source: str, limits: Limits) -> SourceItem:
    """One message file: only its headers when it is MIME, else the whole file (`.msg`)."""
    try:
        head = _read_head(path)
    except OSError as exc:
        return SourceItem(source, error=f"cannot read: {exc.strerror or exc}")
    if sniff_format(head) == "eml":
        return _parse_headers(source, head, limits)
    items = list(read_path(str(path), limits))
    item = items[0] if items else SourceItem(source, error="no message")
    return SourceItem(source, item.message, item.error)


def _read_mbox(path: Path, limits: Limits) -> Iterator[SourceItem]:
    with path.open("rb") as stream:
        for n, data in enumerate(_mbox_messages(stream, HEADER_BYTES), start=1):
            yield _parse_headers(f"{path}#{n}", data, limits)


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new"))


def _read_maildir(path: Path, limits: Limits) -> Iterator[SourceItem]:
    files = [f for sub in ("cur", "new") for f in (path / sub).iterdir() if f.is_file()]
    for n, file in enumerate(sorted(files, key=lambda f: f.name), start=1):
        yield _read_file(file, f"{path}#{n}", limits)


def _read_folder(path: Path, limits: Limits) -> Iterator[SourceItem]:
    """A folder of message files (an Outlook export of `.msg`, saved `.eml`), walked in name
    order; a maildir or mbox met on the way is read as one."""
    for entry in sorted(path.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        try:
            yield from _read_one_path(entry, limits)
        except OSError as exc:
            yield SourceItem(str(entry), error=f"cannot read: {exc.strerror or exc}")


def _read_one_path(path: Path, limits: Limits) -> Iterator[SourceItem]:
    if path.is_dir():
        yield from _read_maildir(path, limits) if _is_maildir(path) else _read_folder(path, limits)
        return
    with path.open("rb") as stream:
        start = stream.read(8)
    if start.startswith(PST_MAGIC):
        yield from read_path(str(path), limits)
    elif start.startswith(b"From ") or path.suffix.lower() == ".mbox":
        yield from _read_mbox(path, limits)
    else:
        yield _read_file(path, str(path), limits)


def read_sent(paths: Iterable[str], limits: Limits | None = None) -> Iterator[SourceItem]:
    """Every message of the given Sent folders and files, as `check` would name them.

    mbox, maildir and MIME files yield messages parsed from their header block only; `.msg`,
    `.emlx` and `.pst` items are read whole by the message readers. A path that cannot be
    read at all yields one item with its error.
    """
    chosen = limits or Limits()
    for path in paths:
        target = Path(path)
        try:
            if not target.exists():
                yield SourceItem(path, error="cannot read: No such file or directory")
                continue
            yield from _read_one_path(target, chosen)
        except OSError as exc:
            yield SourceItem(path, error=f"cannot read: {exc.strerror or exc}")


# -- learning --------------------------------------------------------------------------------


def _from_addresses(message: Message) -> list[str]:
    found = [a.addr_spec.lower() for a in message.from_ if "@" in a.addr_spec]
    if message.sender is not None and "@" in message.sender.addr_spec:
        found.append(message.sender.addr_spec.lower())
    return found


def _judge(
    message: Message, sender: str | None, now: dt.datetime, oldest: dt.datetime
) -> tuple[SentObservation | None, str]:
    """The observation a message gives, or None and the reason it gives none."""
    if sender:
        if sender not in _from_addresses(message):
            return None, "other-sender"
        own = sender
    else:
        senders = [a.addr_spec.lower() for a in message.from_ if "@" in a.addr_spec]
        if not senders:
            return None, "no-sender"
        own = senders[0]
    if message.auto.is_auto_reply or message.auto.is_auto_forward:
        return None, "automatic"
    sent_at = message.date
    if sent_at is None:
        return None, "no-date"
    if sent_at.tzinfo is None or sent_at.utcoffset() is None:
        sent_at = sent_at.replace(tzinfo=dt.UTC)
    if sent_at <= oldest:
        return None, "past-retention"
    if sent_at > now + _FUTURE_GRACE:
        return None, "future"
    observation = observe(message, own, sent_at)
    if not observation.recipients:
        return None, "no-recipients"
    return observation, ""


def import_messages(
    items: Iterable[SourceItem],
    store: Recorder,
    *,
    sender: str | None = None,
    now: dt.datetime,
    retention_days: int = DEFAULT_RETENTION_DAYS,
    batch: int = BATCH,
    on_error: Callable[[str], None] | None = None,
) -> ImportReport:
    """Learn from `items` (messages read from a Sent folder) into `store`.

    `sender` is the mailbox owner: messages not from that address (From: or Sender:) are
    skipped. Without it each message teaches about its own From: address. `sent_at` is the
    message's `Date:`. Observations are recorded `batch` at a time; `on_error` is told each
    unreadable item (`source: why`) as it is met.
    """
    own = sender.strip().lower() if sender else None
    oldest = now - dt.timedelta(days=retention_days)
    skipped: Counter[str] = Counter()
    errors: list[str] = []
    pending: list[SentObservation] = []
    read = observed = learned = 0
    for item in items:
        if item.message is None:
            line = f"{item.source}: {item.error}"
            errors.append(line)
            if on_error is not None:
                on_error(line)
            continue
        read += 1
        observation, reason = _judge(item.message, own, now, oldest)
        if observation is None:
            skipped[reason] += 1
            continue
        observed += 1
        pending.append(observation)
        if len(pending) >= batch:
            learned += store.record_many(pending)
            pending = []
    if pending:
        learned += store.record_many(pending)
    ordered = {key: skipped[key] for key in SKIP_REASONS if skipped[key]}
    return ImportReport(
        read=read,
        learned=learned,
        already_known=observed - learned,
        skipped=MappingProxyType(ordered),
        errors=tuple(errors),
    )

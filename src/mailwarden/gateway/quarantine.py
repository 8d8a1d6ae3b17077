"""Quarantined mail is Postfix's hold queue: list it, release it, delete it.

The milter holds a message with `SMFIR_QUARANTINE` and writes the reason into the message
itself (`X-Mailwarden-Quarantine`, since Postfix does not log a milter's reason), so the
hold queue alone says what is held, since when, from whom, to whom, and why. With a store,
the milter also keeps a quarantine record (the findings with masked evidence, the recipients
hashed) that `records_for` joins to the hold queue by queue ID, and `mark` notes a release
or deletion with who and when. This module drives Postfix's own tools (`postqueue -j`,
`postcat -h`, `postsuper -H/-d`) with `-c DIR` for a Postfix instance other than the
default one.

A release moves the message back to the active queue as it was held: the headers the
gateway added (verdict, findings, any encryption route header and subject tag) stay in it,
and the milter does not see it again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, MailwardenError
from ..store import QuarantineRecord, StoreError, open_store

__all__ = ["HeldMessage", "delete", "held_messages", "mark", "records_for", "release"]

_QUEUE_ID = re.compile(r"^[0-9A-Za-z]{5,40}$")
_HEADERS = ("x-mailwarden-quarantine", "x-mailwarden-verdict", "x-mailwarden-findings")


@dataclass(frozen=True, slots=True)
class HeldMessage:
    """One message in the hold queue, with the gateway's reason when it was the gateway's."""

    queue_id: str
    arrival: dt.datetime
    size: int
    sender: str
    recipients: tuple[str, ...]
    reason: str
    verdict: str
    findings: str

    def to_dict(self) -> dict[str, object]:
        return {
            "queue_id": self.queue_id,
            "arrival": self.arrival.isoformat(),
            "size": self.size,
            "sender": self.sender,
            "recipients": list(self.recipients),
            "reason": self.reason,
            "verdict": self.verdict,
            "findings": self.findings,
        }


def _tool(name: str) -> str:
    found = shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else ""
    )
    if not found:
        raise ConfigError(f"{name} not found: is Postfix installed on this host?")
    return found


def _run(name: str, config_dir: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    command = [_tool(name)]
    if config_dir:
        command += ["-c", config_dir]
    command += list(args)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise MailwardenError(f"{name} failed: {exc}") from None
    if done.returncode != 0:
        problem = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise MailwardenError(f"{name} failed: {problem}")
    return done


def _queue_id(value: str) -> str:
    if not _QUEUE_ID.match(value):
        raise MailwardenError(f"not a Postfix queue ID: {value!r}")
    return value


def _gateway_headers(text: str) -> dict[str, str]:
    """The gateway's own headers from `postcat -h` output (continuation lines unfolded)."""
    found: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and current:
            found[current] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        key = name.strip().lower()
        current = key if sep and key in _HEADERS and key not in found else ""
        if current:
            found[current] = value.strip()
    return found


def held_messages(config_dir: str | None = None) -> list[HeldMessage]:
    """Every message in the hold queue, oldest first."""
    listing = _run("postqueue", config_dir, "-j").stdout
    held: list[HeldMessage] = []
    for line in listing.splitlines():
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if entry.get("queue_name") != "hold":
            continue
        queue_id = str(entry.get("queue_id", ""))
        try:
            headers = _gateway_headers(_run("postcat", config_dir, "-h", "-q", queue_id).stdout)
        except MailwardenError:
            headers = {}  # released or deleted meanwhile
        held.append(
            HeldMessage(
                queue_id=queue_id,
                arrival=dt.datetime.fromtimestamp(int(entry.get("arrival_time", 0)), dt.UTC),
                size=int(entry.get("message_size", 0)),
                sender=str(entry.get("sender", "")),
                recipients=tuple(str(r.get("address", "")) for r in entry.get("recipients", [])),
                reason=headers.get("x-mailwarden-quarantine", "held (not by mailwarden)"),
                verdict=headers.get("x-mailwarden-verdict", ""),
                findings=headers.get("x-mailwarden-findings", ""),
            )
        )
    return sorted(held, key=lambda h: (h.arrival, h.queue_id))


def _require_held(queue_id: str, config_dir: str | None) -> None:
    if queue_id not in {h.queue_id for h in held_messages(config_dir)}:
        raise MailwardenError(f"{queue_id}: not in the hold queue")


def release(queue_id: str, config_dir: str | None = None) -> None:
    """Release a held message for delivery now, as it was held (headers and tag kept)."""
    _require_held(_queue_id(queue_id), config_dir)
    _run("postsuper", config_dir, "-H", queue_id)
    _run("postqueue", config_dir, "-i", queue_id)


def delete(queue_id: str, config_dir: str | None = None) -> None:
    """Delete a held message (only from the hold queue; mail elsewhere is never touched)."""
    _require_held(_queue_id(queue_id), config_dir)
    _run("postsuper", config_dir, "-d", queue_id, "hold")


def records_for(url: str, queue_ids: Iterable[str]) -> dict[str, QuarantineRecord]:
    """The store's record of each held message (the newest still marked held, else the
    newest). A store that cannot be read is one line on stderr; the hold queue is still
    listed."""
    wanted = list(queue_ids)
    if not wanted:
        return {}
    try:
        with open_store(url) as store:
            records = store.quarantined(wanted)
    except StoreError as exc:
        print(f"mailwarden: warning: {exc}; showing the hold queue alone", file=sys.stderr)
        return {}
    found: dict[str, QuarantineRecord] = {}
    for record in records:  # oldest first: a later one replaces, unless it is not held
        current = found.get(record.queue_id)
        if current is None or record.status == "held" or current.status != "held":
            found[record.queue_id] = record
    return found


def mark(url: str, queue_id: str, status: str, *, by: str, at: dt.datetime) -> bool:
    """Note in the store that a held message was released or deleted; False when the store
    has no held record of it or cannot be written (one line on stderr)."""
    try:
        with open_store(url) as store:
            return store.set_quarantine_status(queue_id, status, by=by, at=at)
    except StoreError as exc:
        print(f"mailwarden: warning: {queue_id}: {status}, not recorded: {exc}", file=sys.stderr)
        return False

"""Sender notices: a short mail to the sender of a message delivered with a `warn`.

Settings `notices` (all optional; no notice is sent unless `warn` is true):

| key | default | meaning |
| --- | --- | --- |
| `warn` | `false` | send a notice for a delivered message whose verdict is `warn` |
| `from` | (required with `warn`) | the notice's From: address, e.g. `mailwarden@council.example` |
| `relay` | `127.0.0.1:25` | the SMTP server that delivers notices (`HOST:PORT`, `[IPv6]:PORT`) |
| `subject` | `Your email was sent with a policy warning` | the notice's Subject: |
| `queue_size` | `1000` | notices waiting to be sent; more are dropped and counted |

A notice is sent off the milter's reply path (one background thread, a bounded queue). It
says which clauses warned, the explanation and the fix of each finding, and the masked
evidence (DESIGN, Masks) with the message's queue ID and time, so the sender can find it in
their Sent folder: no subject, no recipient, no content. Never for overridden findings (an
overridden `warn` is no longer the verdict), never for a machine's mail (`Auto-Submitted`),
and never to the notice address itself, so notices cannot loop through the gateway.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import smtplib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from ..errors import ConfigError
from ..policy.actions import Action
from ..policy.findings import Finding

__all__ = ["NoticeConfig", "Notifier", "compose_notice", "notice_config"]

log = logging.getLogger("mailwarden.milter")

NOTICE_HEADER = "X-Mailwarden-Notice"
_KEYS = ("warn", "from", "relay", "subject", "queue_size")
DEFAULT_SUBJECT = "Your email was sent with a policy warning"


@dataclass(frozen=True, slots=True)
class NoticeConfig:
    """Settings `notices`, checked."""

    warn: bool = False
    sender: str = ""
    relay_host: str = "127.0.0.1"
    relay_port: int = 25
    subject: str = DEFAULT_SUBJECT
    queue_size: int = 1000


def _relay(value: Any) -> tuple[str, int]:
    text = str(value).strip()
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise ConfigError(f"notices 'relay' must be HOST:PORT, like 127.0.0.1:25: {text!r}")
    return host.strip("[]"), int(port)


def notice_config(section: Mapping[str, Any]) -> NoticeConfig:
    """Check the settings' `notices` mapping (unknown keys are an error, as everywhere)."""
    unknown = sorted(set(section) - set(_KEYS))
    if unknown:
        raise ConfigError(f"unknown notices setting '{unknown[0]}' (known: {', '.join(_KEYS)})")
    warn = section.get("warn", False)
    if not isinstance(warn, bool):
        raise ConfigError("notices 'warn' must be true or false")
    sender = str(section.get("from", "") or "").strip()
    if warn and ("@" not in sender or any(c in sender for c in "\r\n<> ")):
        raise ConfigError("notices 'from' must be an address when 'warn' is true")
    host, port = _relay(section.get("relay", "127.0.0.1:25"))
    subject = " ".join(str(section.get("subject", DEFAULT_SUBJECT)).split())
    size = section.get("queue_size", 1000)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ConfigError("notices 'queue_size' must be a whole number above 0")
    return NoticeConfig(warn, sender, host, port, subject or DEFAULT_SUBJECT, size)


def compose_notice(
    config: NoticeConfig,
    to: str,
    findings: Sequence[Finding],
    *,
    queue_id: str,
    at: dt.datetime,
    organisation: str,
) -> EmailMessage:
    """The notice for one delivered message: its warn findings with masked evidence only."""
    warned = [f for f in findings if f.counts and f.action is Action.WARN]
    lines = [
        f"Your email (gateway queue ID {queue_id or 'unknown'}, sent {at:%Y-%m-%d %H:%M} UTC) "
        f"was delivered, but it did not meet {organisation}'s email policy:",
        "",
    ]
    for finding in warned:
        lines.append(f"* {finding.clause}: {finding.message}")
        lines.append(f"  What to do: {finding.fix}")
        for item in finding.evidence:
            lines.append(f"  Found: {item.type} in {item.where}: {item.masked}")
        lines.append("")
    lines += [
        "Next time, check the message before sending it, or give a reason for sending it as",
        "it is when your mail client offers to override the warning.",
        "",
        "This notice was sent automatically; please do not reply.",
    ]
    notice = EmailMessage()
    notice["From"] = config.sender
    notice["To"] = to
    clauses = ", ".join(dict.fromkeys(f.clause for f in warned))
    notice["Subject"] = f"{config.subject} ({clauses})" if clauses else config.subject
    notice["Date"] = format_datetime(at.astimezone(dt.UTC))
    notice["Message-ID"] = make_msgid(domain=config.sender.rpartition("@")[2] or None)
    notice["Auto-Submitted"] = "auto-generated"
    notice[NOTICE_HEADER] = "warn"
    notice.set_content("\n".join(lines))
    return notice


class Notifier:
    """Sends notices from a bounded queue on one background thread (never on the reply path)."""

    def __init__(self, config: NoticeConfig, *, timeout: float = 30.0) -> None:
        self.config = config
        self._timeout = timeout
        self._queue: queue.Queue[EmailMessage | None] = queue.Queue(maxsize=config.queue_size)
        self.sent = 0
        self.failed = 0
        self.dropped = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="mailwarden-notices", daemon=True)
        self._thread.start()

    def wants(self, verdict: Action | None, sender: str, automatic: bool) -> bool:
        """Whether a delivered message with this verdict and sender gets a notice."""
        return (
            self.config.warn
            and verdict is Action.WARN
            and not automatic
            and "@" in sender
            and sender.strip().lower() != self.config.sender.lower()
        )

    def send(self, notice: EmailMessage) -> None:
        try:
            self._queue.put_nowait(notice)
        except queue.Full:
            with self._lock:
                self.dropped += 1

    def _run(self) -> None:
        while True:
            notice = self._queue.get()
            if notice is None:
                return
            try:
                with smtplib.SMTP(
                    self.config.relay_host, self.config.relay_port, timeout=self._timeout
                ) as smtp:
                    smtp.send_message(notice)
            except (OSError, smtplib.SMTPException) as exc:
                with self._lock:
                    self.failed += 1
                log.warning("notice not sent to the relay: %s", type(exc).__name__)
            else:
                with self._lock:
                    self.sent += 1

    def close(self, timeout: float = 10.0) -> None:
        try:
            self._queue.put(None, timeout=1.0)
        except queue.Full:
            return
        self._thread.join(timeout=timeout)

"""Builders for signal tests: a sender with months of normal sending, and messages to check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from mailwarden.message.model import Message
from mailwarden.message.reader import parse_message_bytes
from mailwarden.policy.loader import load_pack
from mailwarden.policy.pack import Pack
from mailwarden.recipients import SenderHistory, SentObservation, build_history

SENDER = "mark.thompson@norfolk.gov.uk"
START = dt.datetime(2025, 9, 1, 9, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)

NORFOLK: Pack = load_pack("norfolk")

USUAL: tuple[tuple[str, str], ...] = (
    ("sarah.johnson@norfolk.gov.uk", "Sarah Johnson"),
    ("duty.team@norfolk.gov.uk", ""),
    ("priya.patel@nhs.net", "Priya Patel"),
    ("tom.fletcher@gmail.com", "Tom Fletcher"),
)


def history(
    groups: Sequence[tuple[Sequence[tuple[str, str]], int]] = (),
    *,
    sender: str = SENDER,
    start: dt.datetime = START,
    confirmed: Iterable[str] = (),
    threads: Sequence[tuple[str, Sequence[str]]] = (),
) -> SenderHistory:
    """A history: each group `(recipients, times)` sent `times` times, a day apart."""
    groups = groups or [((u,), 12) for u in USUAL]
    sent: list[SentObservation] = []
    day = 0
    for recipients, times in groups:
        for _ in range(times):
            at = start + dt.timedelta(days=day % 170, hours=day // 170)
            sent.append(SentObservation(sender, at, tuple(recipients), "", f"m{len(sent)}"))
            day += 1
    for thread, recipients in threads:
        at = start + dt.timedelta(days=160)
        pairs = tuple((r, "") for r in recipients)
        sent.append(SentObservation(sender, at, pairs, thread, f"t{len(sent)}"))
    return build_history(sender, sent, frozenset(a.lower() for a in confirmed))


def message(
    to: Sequence[str],
    *,
    cc: Sequence[str] = (),
    body: str = "Please see below.\n",
    subject: str = "Update",
    headers: str = "",
    sender: str = f"Mark Thompson <{SENDER}>",
) -> Message:
    lines = [
        f"From: {sender}",
        f"To: {', '.join(to)}",
        *([f"Cc: {', '.join(cc)}"] if cc else []),
        f"Subject: {subject}",
        "Date: Mon, 02 Mar 2026 10:00:00 +0000",
        "Message-ID: <m1@norfolk.gov.uk>",
        *([headers.rstrip("\n")] if headers else []),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        body,
    ]
    return parse_message_bytes("\n".join(lines).encode())

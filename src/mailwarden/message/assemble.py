"""`RawMessage` → `Message`: the one place where every format becomes the same value.

Readers only take their format apart; addresses, dates, body sections, markings,
attachment text and calendar items are worked out here once, the same way for all.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from ..errors import InputError
from ._address import parse_addresses
from .html import html_to_text
from .limits import ParseContext
from .markings import auto_indicators, protective_markings, sensitivity
from .model import (
    Address,
    Attachment,
    Body,
    CalendarItem,
    Envelope,
    Message,
    Uninspected,
    UninspectedReason,
)
from .raw import RawMessage
from .sections import split_sections

__all__ = ["assemble"]

_ADDRESS_FIELDS = (
    "from",
    "sender",
    "reply-to",
    "to",
    "cc",
    "bcc",
    "resent-to",
    "resent-cc",
    "resent-bcc",
)
_ID_SPLIT = str.maketrans({",": " ", "\t": " ", "\r": " ", "\n": " "})


def _field_values(raw: RawMessage) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {name: [] for name in _ADDRESS_FIELDS}
    for name, value in raw.address_headers or raw.headers:
        key = name.lower()
        if key in values:
            values[key].append(value)
    return values


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _ids(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(token for token in value.translate(_ID_SPLIT).split() if token)[:500]


def _body(raw: RawMessage, ctx: ParseContext) -> tuple[Body, tuple[Uninspected, ...]]:
    text = raw.text_plain or ""
    if not text.strip() and raw.text_html:
        text = html_to_text(raw.text_html)
    limit = ctx.limits.max_text_chars
    notes: tuple[Uninspected, ...] = ()
    if len(text) > limit:
        text = text[:limit]
        notes = (Uninspected(UninspectedReason.OVER_LIMIT, f"body text cut at {limit} characters"),)
    return Body(text=text, html=raw.text_html, sections=split_sections(text)), notes


def _calendar(raw: RawMessage) -> tuple[tuple[CalendarItem, ...], tuple[Uninspected, ...]]:
    if not raw.calendar_parts:
        return (), ()
    from .ics import parse_calendar  # the calendar reader imports the model; keep this lazy

    items: list[CalendarItem] = []
    notes: list[Uninspected] = []
    for part in raw.calendar_parts:
        try:
            items.extend(parse_calendar(part))
        except InputError as exc:
            notes.append(Uninspected(UninspectedReason.CORRUPT, f"calendar part: {exc}"))
    return tuple(items), tuple(notes)


def _unique(items: tuple[CalendarItem, ...]) -> tuple[CalendarItem, ...]:
    """Drop repeats: Outlook sends an invitation both as a text/calendar part and as invite.ics."""
    seen: set[tuple[object, ...]] = set()
    out: list[CalendarItem] = []
    for item in items:
        key = (item.uid, item.start, item.summary, item.description) if item.uid else (id(item),)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)


def _attachments(raw: RawMessage, ctx: ParseContext) -> tuple[Attachment, ...]:
    if not raw.parts:
        return ()
    from .extract import extract_attachments  # heavy optional parsers load only when needed

    return extract_attachments(raw.parts, ctx)


def _envelope(
    raw: RawMessage,
    from_: tuple[Address, ...],
    sender: tuple[Address, ...],
    recipients: tuple[Address, ...],
) -> Envelope:
    if raw.envelope is not None:
        return raw.envelope
    mail_from = (sender or from_ or (None,))[0]
    return Envelope(mail_from=mail_from, recipients=recipients, from_headers=True)


def assemble(raw: RawMessage, ctx: ParseContext) -> Message:
    """Build the immutable `Message` for one reader's output, within `ctx`'s limits."""
    fields = {name: parse_addresses(values) for name, values in _field_values(raw).items()}
    headers = raw.headers
    first: dict[str, str] = {}
    for name, value in headers:
        first.setdefault(name.lower(), value)
    subject = first.get("subject", "")
    body, body_notes = _body(raw, ctx)
    calendar, calendar_notes = _calendar(raw)
    attachments = _attachments(raw, ctx)
    calendar = _unique(
        calendar + tuple(item for a in attachments for m in a.walk() for item in m.calendar)
    )
    to, cc, bcc = fields["to"], fields["cc"], fields["bcc"]
    return Message(
        source_format=raw.source_format,
        envelope=_envelope(raw, fields["from"], fields["sender"], to + cc + bcc),
        headers=headers,
        from_=fields["from"],
        sender=(fields["sender"] or (None,))[0],
        reply_to=fields["reply-to"],
        resent_to=fields["resent-to"] + fields["resent-cc"] + fields["resent-bcc"],
        to=to,
        cc=cc,
        bcc=bcc,
        subject=subject,
        date=_date(first.get("date")),
        message_id=first.get("message-id", "").strip(),
        in_reply_to=first.get("in-reply-to", "").strip(),
        references=_ids(first.get("references")),
        auto=auto_indicators(headers),
        sensitivity=sensitivity(headers),
        markings=protective_markings(headers, subject, body.new_text.lstrip()[:200]),
        body=body,
        attachments=attachments,
        calendar=calendar,
        size=raw.size,
        defects=raw.defects,
        uninspected=raw.uninspected + body_notes + calendar_notes,
    )

"""A `Message` as a plain, JSON-ready structure: what `mailwarden inspect` prints.

Structure is always shown (parts, types, sizes, addresses, why something was not read);
text (subject, body, attachment text, calendar summaries) only when asked for, since it is
where third parties' personal data lives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import Address, Attachment, CalendarItem, Message, Uninspected

__all__ = ["describe"]


def _address(a: Address | None) -> dict[str, str] | None:
    if a is None:
        return None
    return {
        "name": a.display_name,
        "address": a.addr_spec,
        "registrable_domain": a.registrable_domain,
    }


def _addresses(items: tuple[Address, ...]) -> list[dict[str, str] | None]:
    return [_address(a) for a in items]


def _when(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _uninspected(u: Uninspected | None) -> dict[str, str] | None:
    return None if u is None else {"reason": str(u.reason), "detail": u.detail}


def _calendar(item: CalendarItem, show_text: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "component": item.component,
        "uid": item.uid,
        "start": _when(item.start),
        "end": _when(item.end),
        "classification": item.classification,
        "private": item.is_private,
        "method": item.method,
        "organizer": _address(item.organizer),
        "attendees": _addresses(item.attendees),
        "attachments": list(item.attachment_names),
        "tolerant": item.tolerant,
    }
    if show_text:
        out |= {"summary": item.summary, "location": item.location, "description": item.description}
    return out


def _attachment(a: Attachment, show_text: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "filename": a.filename,
        "path": a.path,
        "declared_type": a.declared_type,
        "sniffed_type": a.sniffed_type,
        "size": a.size,
        "inline": a.inline,
        "sha256": a.sha256,
        "text_chars": len(a.text),
        "uninspected": _uninspected(a.uninspected),
        "members": [_attachment(m, show_text) for m in a.members],
        "messages": [describe(m, show_text=show_text) for m in a.messages],
        "calendar": [_calendar(c, show_text) for c in a.calendar],
    }
    if show_text:
        out["text"] = a.text
    return out


def describe(message: Message, *, show_text: bool = False) -> dict[str, Any]:
    """The parsed structure of `message`; text fields only with `show_text`."""
    body = message.body
    out: dict[str, Any] = {
        "format": message.source_format,
        "size": message.size,
        "envelope": {
            "mail_from": _address(message.envelope.mail_from),
            "recipients": _addresses(message.envelope.recipients),
            "from_headers": message.envelope.from_headers,
        },
        "from": _addresses(message.from_),
        "sender": _address(message.sender),
        "reply_to": _addresses(message.reply_to),
        "to": _addresses(message.to),
        "cc": _addresses(message.cc),
        "bcc": _addresses(message.bcc),
        "date": _when(message.date),
        "message_id": message.message_id,
        "in_reply_to": message.in_reply_to,
        "references": list(message.references),
        "header_count": len(message.headers),
        "auto": {
            "auto_submitted": message.auto.auto_submitted,
            "auto_response_suppress": message.auto.auto_response_suppress,
            "inbox_rules_loop": message.auto.inbox_rules_loop,
            "resent": message.auto.resent,
            "is_auto_reply": message.auto.is_auto_reply,
            "is_auto_forward": message.auto.is_auto_forward,
        },
        "sensitivity": message.sensitivity,
        "markings": list(message.markings),
        "subject_chars": len(message.subject),
        "body": {
            "chars": len(body.text),
            "html": body.html is not None,
            "sections": [
                {"kind": str(s.kind), "start": s.start, "end": s.end} for s in body.sections
            ],
        },
        "attachments": [_attachment(a, show_text) for a in message.attachments],
        "calendar": [_calendar(c, show_text) for c in message.calendar],
        "defects": list(message.defects),
        "uninspected": [_uninspected(u) for u in message.uninspected],
    }
    if show_text:
        out["subject"] = message.subject
        out["body"]["text"] = body.text
    return out

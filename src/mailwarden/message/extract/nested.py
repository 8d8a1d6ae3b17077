"""Containers of mail: attached messages (.eml, message/rfc822, .msg), calendars (.ics)
and TNEF (`winmail.dat`).

The readers for these formats live beside this package and are imported when first
needed, so that extraction does not depend on their import order (they call back into
`extract_attachments` for the attachments of a nested message). An `InputError` from a
reader means the bytes are not what they claim: the attachment is reported `corrupt`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..html import html_to_text
from ..limits import ParseContext
from ..model import Attachment, CalendarItem, Uninspected, UninspectedReason
from ..raw import RawMessage, RawPart
from .archive import ExtractFn, member_path
from .outcome import Extracted, Source, TextSink, Unreadable
from .sniff import OCTET

__all__ = ["extract_calendar", "extract_message", "extract_tnef"]


def _reader(module: str, name: str) -> Callable[..., Any]:
    """A reader function from a sibling module, or `unsupported` when it is not installed."""
    try:
        found: Callable[..., Any] = getattr(
            importlib.import_module(f"mailwarden.message.{module}"), name
        )
    except (ImportError, AttributeError):
        raise Unreadable(
            UninspectedReason.UNSUPPORTED, f"no reader for this format ({module})"
        ) from None
    return found


def extract_message(source: Source, ctx: ParseContext) -> Extracted:
    """An attached message, parsed one level deeper (its own attachments included)."""
    parse_nested = _reader("reader", "parse_nested")
    return Extracted(messages=(parse_nested(source.data, source.filename, ctx.child()),))


def extract_calendar(source: Source) -> Extracted:
    """An .ics file: its events go to `calendar`, not to the text."""
    parse_calendar = _reader("ics", "parse_calendar")
    return Extracted(calendar=tuple(parse_calendar(source.data)))


def extract_tnef(
    source: Source, ctx: ParseContext, sink: TextSink, extract: ExtractFn
) -> Extracted:
    """A winmail.dat: the Outlook body as text, and the files it wraps as members."""
    unpack_tnef = _reader("tnef", "unpack_tnef")
    raw: RawMessage = unpack_tnef(source.data)
    body = raw.text_plain or (html_to_text(raw.text_html) if raw.text_html else "")
    sink.add(body)
    child = ctx.child()
    members = tuple(_tnef_member(part, source.path, ctx, child, extract) for part in raw.parts)
    calendar = _tnef_calendar(raw.calendar_parts)
    return Extracted(members=members, calendar=calendar)


def _tnef_member(
    part: RawPart, parent: str, ctx: ParseContext, child: ParseContext, extract: ExtractFn
) -> Attachment:
    path = member_path(parent, part.filename)
    problem = part.uninspected
    if problem is None and not ctx.take_member():
        problem = Uninspected(
            UninspectedReason.OVER_LIMIT, f"member limit of {ctx.limits.max_members} reached"
        )
    if problem is not None:
        return Attachment(
            filename=part.filename,
            declared_type=part.declared_type,
            sniffed_type=OCTET,
            size=len(part.data),
            path=path,
            uninspected=problem,
        )
    source = Source(part.filename, part.declared_type, part.data, part.inline, path)
    return extract(source, child)


def _tnef_calendar(parts: tuple[bytes, ...]) -> tuple[CalendarItem, ...]:
    """Meeting requests sent as TNEF carry their own calendar body; unreadable ones are skipped."""
    if not parts:
        return ()
    parse_calendar = _reader("ics", "parse_calendar")
    items: list[CalendarItem] = []
    for data in parts:
        try:
            items.extend(parse_calendar(data))
        except Exception:  # the TNEF's text and members are still worth having
            continue
    return tuple(items)

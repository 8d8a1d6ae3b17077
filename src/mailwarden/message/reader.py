"""One message's bytes → `Message`, whatever the format: the dispatcher every source uses.

Formats are told apart by their bytes, not their file names (a `.eml` that is really an
Outlook file, a `winmail.dat` renamed), because attachments and stdin have no trusted name.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .assemble import assemble
from .limits import Limits, ParseContext
from .mime import mime_to_raw
from .model import Envelope, Message

__all__ = [
    "OLE_MAGIC",
    "PST_MAGIC",
    "TNEF_MAGIC",
    "parse_message_bytes",
    "parse_nested",
    "sniff_format",
]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"
PST_MAGIC = b"!BDN"
_EMLX_COUNT = re.compile(rb"\s*(\d{1,12})[ \t]*\r?\n")


def sniff_format(data: bytes) -> str:
    """`msg`, `tnef`, `pst`, `ics`, `emlx` or `eml` (the default: tolerant MIME)."""
    if data.startswith(OLE_MAGIC):
        return "msg"
    if data.startswith(TNEF_MAGIC):
        return "tnef"
    if data.startswith(PST_MAGIC):
        return "pst"
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if _EMLX_COUNT.match(data[:16]):
        return "emlx"
    return "eml"


def _emlx_payload(data: bytes) -> bytes:
    """Apple Mail `.emlx`: a byte count line, the message, then a property list."""
    match = _EMLX_COUNT.match(data)
    if match is None:
        return data
    count = int(match.group(1))
    return data[match.end() : match.end() + count]


def _calendar_message(data: bytes) -> Message:
    from .ics import parse_calendar

    return Message(
        source_format="ics",
        envelope=Envelope(None, ()),
        calendar=parse_calendar(data),
        size=len(data),
    )


def parse_message_bytes(
    data: bytes, ctx: ParseContext | None = None, limits: Limits | None = None
) -> Message:
    """Parse one message (or one calendar file). Raises `InputError` only when unreadable."""
    context = ctx or ParseContext.start(limits)
    if not data:
        raise InputError("empty input")
    kind = sniff_format(data)
    if kind == "msg":
        from .msg import read_msg

        return read_msg(data, context)
    if kind == "tnef":
        from .tnef import read_tnef

        return read_tnef(data, context)
    if kind == "pst":
        raise InputError("a .pst store holds many messages: read it from a file path")
    if kind == "ics":
        return _calendar_message(data)
    if kind == "emlx":
        return assemble(mime_to_raw(_emlx_payload(data), context, "emlx"), context)
    return assemble(mime_to_raw(data, context), context)


def parse_nested(data: bytes, filename: str, ctx: ParseContext) -> Message:
    """A message carried inside another (message/rfc822, an attached .eml or .msg).

    `ctx` is the parent's child context, so depth, time and byte budget are shared.
    """
    del filename  # the bytes decide the format; the name is only a hint we do not trust
    return parse_message_bytes(data, ctx)

"""TNEF (`winmail.dat`, `application/ms-tnef`) → `RawMessage`.

Outlook wraps the body, the MAPI properties and the attached files of a message in TNEF
when it sends "rich text". tnefparse decodes the MAPI property lists, but its `TNEF` class
trusts the counts written in the file: a property list claiming 873 million values (Apache
POI's `oom.tnef`, 53 bytes) makes it loop for hours and fill memory, and a missing code-page
attribute or an attachment attribute out of order makes it raise. So this module walks the
attribute stream itself (a 9-byte header and a checksum per attribute), checks every count
and length in a property list against the bytes actually present, and only then hands the
list to tnefparse's `decode_mapi`. Whatever fails a check is dropped and named in `defects`;
what passes is still read.
"""

from __future__ import annotations

import codecs
import logging
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

import compressed_rtf  # type: ignore[import-untyped]
from tnefparse.mapi import decode_mapi
from tnefparse.util import typtime

from ..errors import InputError
from ._mapi import (
    Headers,
    Party,
    clean,
    declared_type,
    decode_header_block,
    decode_html,
    headers_from_properties,
    merge_headers,
    rtf_bodies,
    short_reason,
)
from ._mapi_calendar import Appointment, appointment_ics
from .assemble import assemble
from .limits import Limits, ParseContext
from .model import Message
from .raw import RawMessage, RawPart

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer is 3.12+

__all__ = ["read_tnef", "unpack_tnef"]

logging.getLogger("tnefparse").setLevel(logging.CRITICAL + 1)  # it logs property values

SIGNATURE = 0x223E9F78
TNEF_TYPE = "application/vnd.ms-tnef"

# TNEF attribute ids (MS-OXTNEF 2.1.3).
_ATT_FROM, _ATT_SUBJECT, _ATT_DATE_SENT, _ATT_CLASS = 0x8000, 0x8004, 0x8005, 0x8008
_ATT_BODY, _ATT_DATA, _ATT_TITLE = 0x800C, 0x800F, 0x8010
_ATT_REND, _ATT_PROPS, _ATT_RECIPIENTS, _ATT_ATTACHMENT = 0x9002, 0x9003, 0x9004, 0x9005
_ATT_CODEPAGE = 0x9007
_LEVEL_MESSAGE, _LEVEL_ATTACHMENT = 1, 2

# MAPI property types: fixed value sizes, and the variable-length ones (count + lengths).
_FIXED = {
    0x0001: 0,
    0x0002: 2,
    0x000B: 2,
    0x0003: 4,
    0x0004: 4,
    0x000A: 4,
    0x0005: 8,
    0x0006: 8,
    0x0007: 8,
    0x0014: 8,
    0x0040: 8,
    0x0048: 16,
}
_VARIABLE = frozenset({0x0000, 0x000D, 0x001E, 0x001F, 0x0102})
_IMESSAGE = bytes.fromhex("0703020000000000c000000000000046")
_PSETID_APPOINTMENT = UUID("00062002-0000-0000-c000-000000000046")
_MAX_NESTING = 8
_CALENDAR_CLASSES = ("ipm.appointment", "ipm.schedule.meeting")


@dataclass(frozen=True, slots=True)
class _Attribute:
    level: int
    name: int
    kind: int
    data: bytes


@dataclass(slots=True)
class _Attachment:
    title: str = ""
    data: bytes | None = None
    props: dict[Any, Any] = field(default_factory=dict)


def _u16(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<H", data, offset)[0])


def _u32(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<I", data, offset)[0])


def _attributes(data: bytes, defects: list[str]) -> Iterator[_Attribute]:
    """The attribute stream after the 6-byte preamble; a length past the end stops it."""
    offset = 6
    while offset + 11 <= len(data):
        level, name, kind = data[offset], _u16(data, offset + 1), _u16(data, offset + 3)
        length = _u32(data, offset + 5)
        end = offset + 9 + length
        if end + 2 > len(data):
            defects.append(f"TNEF attribute 0x{name:04x} claims {length} bytes past the end")
            return
        yield _Attribute(level, name, kind, data[offset + 9 : end])
        offset = end + 2


def _skip_name(data: bytes, offset: int) -> int | None:
    """Past a named property's GUID and LID or name string (MS-OXTNEF 2.1.3.5)."""
    if offset + 20 > len(data):
        return None
    kind = _u32(data, offset + 16)
    if kind == 0:
        return offset + 24
    if offset + 24 > len(data):
        return None
    return offset + 24 + _padded(_u32(data, offset + 20))


def _padded(length: int) -> int:
    return length + (-length % 4)


def _values_end(data: bytes, offset: int, base: int, multi: bool, depth: int) -> int | None:
    """End of one property's values, or None when a count or length overruns the data.

    A count is accepted only if that many of the smallest possible values fit in what is
    left, so no loop downstream can run longer than the data is long.
    """
    if base not in _FIXED and base not in _VARIABLE:
        return None
    count = 1
    if multi or base in _VARIABLE:
        if offset + 4 > len(data):
            return None
        count, offset = _u32(data, offset), offset + 4
        smallest = _FIXED.get(base, 4) or 1
        if count > (len(data) - offset) // smallest:
            return None
    if base in _FIXED:
        end = offset + count * _FIXED[base]
        if base in (0x0002, 0x000B) and count % 2:
            end += 2
        return end if end <= len(data) else None
    for _ in range(count):
        if offset + 4 > len(data):
            return None
        length = _u32(data, offset)
        start, offset = offset + 4, offset + 4 + _padded(length)
        if offset > len(data):
            return None
        value = data[start : start + length]
        if base == 0x000D and value.startswith(_IMESSAGE) and not _stream_ok(value[16:], depth + 1):
            return None
    return offset


def property_list_end(data: bytes, offset: int = 0, depth: int = 0) -> int | None:
    """Where a MAPI property list starting at `offset` ends, if every claim in it fits the data.

    This is the check tnefparse's `decode_mapi` lacks: it loops over the claimed counts even
    when the bytes run out. Embedded messages are checked recursively, `_MAX_NESTING` deep.
    """
    if offset + 4 > len(data):
        return None
    count, offset = _u32(data, offset), offset + 4
    if count > (len(data) - offset) // 4:
        return None
    for _ in range(count):
        if offset + 4 > len(data):
            return None
        ptype, pid = _u16(data, offset), _u16(data, offset + 2)
        start: int | None = offset + 4
        if pid >= 0x8000:
            start = _skip_name(data, offset + 4)
        if start is None:
            return None
        end = _values_end(data, start, ptype & 0x0FFF, bool(ptype & 0x1000), depth)
        if end is None:
            return None
        offset = end
    return offset


def _recipient_rows_ok(data: bytes, depth: int) -> bool:
    if len(data) < 4 or _u32(data, 0) > len(data) // 4:
        return False
    offset: int | None = 4
    for _ in range(_u32(data, 0)):
        offset = property_list_end(data, offset, depth) if offset is not None else None
    return offset is not None


def _stream_ok(data: bytes, depth: int) -> bool:
    """A nested TNEF stream (an embedded message) passes the same checks, to a bounded depth."""
    if depth > _MAX_NESTING or len(data) < 6 or _u32(data, 0) != SIGNATURE:
        return False
    defects: list[str] = []
    return all(_attribute_ok(a, depth) for a in _attributes(data, defects)) and not defects


def _attribute_ok(attr: _Attribute, depth: int) -> bool:
    if attr.name in (_ATT_PROPS, _ATT_ATTACHMENT):
        return property_list_end(attr.data, 0, depth) is not None
    if attr.name == _ATT_RECIPIENTS:
        return _recipient_rows_ok(attr.data, depth)
    return True


_LENIENT = "mailwarden_lenient_"


def _lenient_codec(name: str) -> codecs.CodecInfo | None:
    """`mailwarden_lenient_<codec>`: that codec, decoding with replacement characters.

    tnefparse decodes 8-bit strings strictly and, on the first byte the code page does not
    define, abandons the rest of the property list (the body with it); a name it can pass
    on keeps one odd byte from costing the message.
    """
    if not name.startswith(_LENIENT):
        return None
    base = codecs.lookup(name[len(_LENIENT) :])

    def decode(data: Buffer, errors: str = "strict", /) -> tuple[str, int]:
        del errors  # always replace: that is the point of this codec
        return base.decode(bytes(data), "replace")

    return codecs.CodecInfo(base.encode, decode, name=name)


codecs.register(_lenient_codec)


def _properties(data: bytes, codec: str) -> dict[Any, Any]:
    """A checked property list decoded by tnefparse: property id → value (first wins)."""
    found: dict[Any, Any] = {}
    for attr in decode_mapi(data, _LENIENT + codec):
        key = attr.name if attr.name < 0x8000 else (attr.guid, attr.guid_prop)
        found.setdefault(key, attr)
    return found


def _value(props: dict[Any, Any], key: object) -> Any:
    """A property's value, strings cleaned.

    Binary values are taken before tnefparse strips every trailing NUL from them (which
    would cut a file that ends in zeros); they keep up to 3 bytes of alignment padding.
    """
    attr = props.get(key)
    if attr is None:
        return None
    if attr.attr_type in (0x0102, 0x000D, 0x0000) and attr.raw_data:
        return bytes(attr.raw_data[0])
    try:
        value = attr.data
    except Exception:  # a value of a type tnefparse cannot convert: treat as absent
        return None
    return clean(value) if isinstance(value, str) else value


@dataclass(slots=True)
class _State:
    """What the attribute stream has told so far."""

    codec: str = "cp1252"
    subject: str = ""
    sent: Any = None
    message_class: str = ""
    body: str = ""
    author: Party | None = None
    props: dict[Any, Any] = field(default_factory=dict)
    recipients: list[tuple[Party, int]] = field(default_factory=list)
    attachments: list[_Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)


def _codec(data: bytes) -> str:
    """The OEM code page attribute as a Python codec (cp1252 when unknown)."""
    number = _u32(data, 0) if len(data) >= 4 else 1252
    name = {65001: "utf-8", 20127: "cp1252", 28591: "cp1252"}.get(number, f"cp{number}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"


def _message_attribute(state: _State, attr: _Attribute) -> None:
    if attr.name == _ATT_CODEPAGE:
        state.codec = _codec(attr.data)
    elif attr.name == _ATT_SUBJECT:
        state.subject = clean(attr.data.decode(state.codec, "replace"))
    elif attr.name == _ATT_CLASS:
        state.message_class = clean(attr.data.decode(state.codec, "replace"))
    elif attr.name == _ATT_BODY:
        state.body = attr.data.decode(state.codec, "replace").replace("\x00", "")
    elif attr.name == _ATT_DATE_SENT and len(attr.data) >= 12:
        state.sent = _time(attr.data)
    elif attr.name == _ATT_FROM:
        state.author = _triple(attr.data, state.codec)
    elif attr.name == _ATT_PROPS:
        state.props.update(_properties(attr.data, state.codec))
    elif attr.name == _ATT_RECIPIENTS:
        state.recipients = _recipients(attr.data, state.codec)


def _time(data: bytes) -> Any:
    try:
        return typtime(data)
    except (ValueError, struct.error):
        return None


def _triple(data: bytes, codec: str) -> Party | None:
    """attFrom: a display name and an `ADDRTYPE:address` string (MS-OXTNEF 2.1.3.3.1)."""
    if len(data) < 8:
        return None
    name_len, addr_len = _u16(data, 4), _u16(data, 6)
    name = clean(data[8 : 8 + name_len].decode(codec, "replace"))
    kind, _, address = (
        data[8 + name_len : 8 + name_len + addr_len].decode(codec, "replace").partition(":")
    )
    return Party.from_mapi(name, "", clean(address), clean(kind))


def _recipients(data: bytes, codec: str) -> list[tuple[Party, int]]:
    rows: list[tuple[Party, int]] = []
    offset = 4
    for _ in range(_u32(data, 0)):
        offset, attrs = decode_mapi(data, _LENIENT + codec, starting_offset=offset)
        props = {a.name: a for a in attrs}
        party = _party(props, 0x3001, 0x39FE, 0x3003, 0x3002)
        if party is not None:
            rows.append((party, int(_value(props, 0x0C15) or 1) & 0xF))
    return rows


def _party(props: dict[Any, Any], name: int, smtp: int, email: int, kind: int) -> Party | None:
    def text(key: int) -> str:
        value = _value(props, key)
        return value if isinstance(value, str) else ""

    return Party.from_mapi(text(name), text(smtp), text(email), text(kind))


def _attachment_attribute(state: _State, attr: _Attribute) -> None:
    if attr.name == _ATT_REND or not state.attachments:
        state.attachments.append(_Attachment())
    current = state.attachments[-1]
    if attr.name == _ATT_TITLE:
        current.title = clean(attr.data.decode(state.codec, "replace"))
    elif attr.name == _ATT_DATA:
        current.data = attr.data
    elif attr.name == _ATT_ATTACHMENT:
        current.props.update(_properties(attr.data, state.codec))


def _read(data: bytes, limits: Limits) -> _State:
    if len(data) < 6 or _u32(data, 0) != SIGNATURE:
        raise InputError("unreadable TNEF: no TNEF signature")
    state = _State()
    readable = 0
    for attr in _attributes(data, state.defects):
        if not _attribute_ok(attr, 0):
            state.defects.append(f"TNEF attribute 0x{attr.name:04x}: counts overrun its data")
            continue
        readable += 1
        if attr.level == _LEVEL_ATTACHMENT:
            if len(state.attachments) >= limits.max_parts:
                state.defects.append("TNEF attachments beyond the part limit")
                break
            _attachment_attribute(state, attr)
        elif attr.level == _LEVEL_MESSAGE:
            _message_attribute(state, attr)
    if not readable:
        raise InputError(f"unreadable TNEF: {state.defects[0] if state.defects else 'empty'}")
    return state


def _file(att: _Attachment, index: int) -> RawPart:
    """One wrapped file, or an embedded message kept as its own TNEF stream."""
    props = att.props
    name = next(
        (
            v
            for v in (
                _value(props, 0x3707),
                _value(props, 0x3704),
                att.title,
                _value(props, 0x3001),
            )
            if isinstance(v, str) and v
        ),
        "",
    )
    inline = bool(_value(props, 0x7FFE))
    cid = _value(props, 0x3712)
    obj = _value(props, 0x3701)
    if isinstance(obj, bytes) and obj.startswith(_IMESSAGE):
        return RawPart(f"{name or f'attachment-{index}'}.dat", TNEF_TYPE, obj[16:], inline)
    data = (
        att.data
        if att.data is not None
        else (obj[16:] if _value(props, 0x3705) == 6 and isinstance(obj, bytes) else obj)
    )
    return RawPart(
        name or f"attachment-{index}",
        declared_type(_value(props, 0x370E), name),
        data if isinstance(data, bytes) else b"",
        inline,
        cid if isinstance(cid, str) else "",
    )


def _bodies(state: _State) -> tuple[str | None, str | None]:
    plain = _value(state.props, 0x1000)
    plain = plain if isinstance(plain, str) and plain else (state.body.strip() or None)
    html_value = _value(state.props, 0x1013)
    html = (
        decode_html(html_value, _value(state.props, 0x3FDE))
        if isinstance(html_value, bytes)
        else html_value
        if isinstance(html_value, str)
        else None
    ) or None
    if plain or html:
        return plain, html
    rtf = _value(state.props, 0x1009)
    if not isinstance(rtf, bytes) or len(rtf) < 16:
        return None, None
    try:
        return rtf_bodies(compressed_rtf.decompress(rtf))
    except Exception as exc:  # a damaged compressed-RTF body: the message is still read
        state.defects.append(f"RTF body unreadable: {short_reason(exc)}")
        return None, None


def _headers(state: _State, limits: Limits) -> tuple[Headers, Headers]:
    props = state.props
    transport = _value(props, 0x007D)
    block = (
        decode_header_block(transport, limits.max_headers)
        if isinstance(transport, str) and transport
        else ((), ())
    )
    subject = _value(props, 0x0037)
    return merge_headers(
        block,
        headers_from_properties(
            sender=_party(props, 0x0C1A, 0x5D01, 0x0C1F, 0x0C1E),
            representing=_party(props, 0x0042, 0x5D02, 0x0065, 0x0064) or state.author,
            recipients=state.recipients,
            subject=subject if isinstance(subject, str) and subject else state.subject,
            date=_value(props, 0x0039) or state.sent,
            message_id=_text(props, 0x1035),
            in_reply_to=_text(props, 0x1042),
            references=_text(props, 0x1039),
            sensitivity=_value(props, 0x0036),
            message_class=_text(props, 0x001A) or state.message_class,
        ),
    )


def _text(props: dict[Any, Any], key: object) -> str:
    value = _value(props, key)
    return value if isinstance(value, str) else ""


def _calendar(state: _State, headers: Headers, body: str) -> tuple[bytes, ...]:
    """A meeting request sent as TNEF keeps its times in named properties: rebuild the event."""
    message_class = (_text(state.props, 0x001A) or state.message_class).lower()
    if not message_class.startswith(_CALENDAR_CLASSES):
        return ()
    named = {
        key[1]: key
        for key in state.props
        if isinstance(key, tuple) and key[0] == _PSETID_APPOINTMENT
    }
    first = {name.lower(): value for name, value in reversed(headers)}
    return (
        appointment_ics(
            Appointment(
                summary=first.get("subject", ""),
                start=_value(state.props, named.get(0x820D)),
                end=_value(state.props, named.get(0x820E)),
                location=_text(state.props, named.get(0x8208)),
                organizer=_party(state.props, 0x0042, 0x5D02, 0x0065, 0x0064) or state.author,
                attendees=tuple(state.recipients),
                sensitivity=_value(state.props, 0x0036),
                description=body,
                method="REQUEST" if "meeting.request" in message_class else "",
            )
        ),
    )


def unpack_tnef(data: bytes, *, limits: Limits | None = None) -> RawMessage:
    """Take a TNEF stream apart: body, MAPI headers, wrapped files (long names), any meeting.

    Raises `InputError` only when the bytes are not TNEF at all; damage inside is skipped
    and listed in `defects`.
    """
    chosen = limits or Limits()
    try:
        state = _read(data, chosen)
        plain, html = _bodies(state)
        headers, address_headers = _headers(state, chosen)
        parts = tuple(_file(att, n) for n, att in enumerate(state.attachments, start=1))
        calendar = _calendar(state, headers, plain or "")
    except InputError:
        raise
    except Exception as exc:  # anything tnefparse raises past our checks
        raise InputError(f"unreadable TNEF: {short_reason(exc)}") from None
    return RawMessage(
        source_format="tnef",
        headers=headers,
        address_headers=address_headers,
        text_plain=plain,
        text_html=html,
        parts=parts,
        calendar_parts=calendar,
        size=len(data),
        defects=tuple(state.defects),
    )


def read_tnef(data: bytes, ctx: ParseContext) -> Message:
    """A standalone `winmail.dat` as a `Message` (its files extracted within `ctx`'s limits)."""
    return assemble(unpack_tnef(data, limits=ctx.limits), ctx)

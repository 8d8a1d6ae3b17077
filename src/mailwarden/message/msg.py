"""Outlook `.msg` files → `RawMessage`, through `extract-msg`.

An Outlook item is a bag of MAPI properties in an OLE compound file, not MIME. When Outlook
kept the internet headers of a received message we use them; otherwise (drafts, sent items,
appointments, contacts) the headers are written from the properties, so a rule sees the same
`From`/`To`/`Subject` whichever way the item reached us. Missing fields are completed from
the properties either way (a sent item's `Bcc` exists only there).

The MAPI-to-mail steps themselves (headers from properties, RTF bodies, code pages, one-off
addresses, an appointment as iCalendar) are shared with the TNEF and PST readers and live in
`_mapi.py` and `_mapi_calendar.py`.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Mapping
from typing import Any

import extract_msg
from extract_msg.enums import ErrorBehavior
from extract_msg.exceptions import UnrecognizedMSGTypeError, UnsupportedMSGTypeError
from extract_msg.msg_classes import MessageBase, MSGFile

from ..errors import InputError
from ._mapi import (
    Headers,
    Party,
    ansi_codec,
    clean,
    declared_type,
    decode_header_block,
    decode_html,
    field_lines,
    guess_type,
    headers_from_properties,
    merge_headers,
    one_off_parties,
    rtf_bodies,
    short_reason,
)
from ._mapi_calendar import Appointment, appointment_ics
from .assemble import assemble
from .limits import Limits, ParseContext
from .model import Message, Uninspected, UninspectedReason
from .raw import RawMessage, RawPart

__all__ = ["msg_to_raw", "read_msg"]

for _noisy in ("extract_msg", "RTFDE"):  # they log property values: never in our logs
    logging.getLogger(_noisy).setLevel(logging.CRITICAL + 1)

MSG_TYPE = "application/vnd.ms-outlook"
"""Declared type of an embedded Outlook item, so the extractor parses it as a nested message."""

_message_class: Callable[..., MSGFile] = extract_msg.Message  # its __init__ is untyped
_TOLERANT = (
    ErrorBehavior.ATTACH_SUPPRESS_ALL
    | ErrorBehavior.RTFDE
    | ErrorBehavior.STANDARDS_VIOLATION
    | ErrorBehavior.NAMED_NAME_STREAM
)
_CALENDAR_CLASSES = ("ipm.appointment", "ipm.schedule.meeting", "ipm.ole.class.{00061055")
_METHODS = (
    ("ipm.schedule.meeting.request", "REQUEST"),
    ("ipm.schedule.meeting.canceled", "CANCEL"),
    ("ipm.schedule.meeting.resp", "REPLY"),
)
_FIELD_CLASSES = ("ipm.contact", "ipm.distlist", "ipm.task", "ipm.activity", "ipm.stickynote")
_PSETID_ADDRESS = "{00062004-0000-0000-C000-000000000046}"
_PSETID_APPOINTMENT = "{00062002-0000-0000-C000-000000000046}"
_PSETID_MEETING = "{6ED8DA90-450B-101B-98DA-00AA003F1305}"
_TRUNCATED = ("incomplete OLE sector", "sector index out of range", "less than declared")
"""olefile's words for a file cut short: its content is missing, so no repair is tried."""
_SENDER = ("__substg1.0_0C1A", "__substg1.0_5D01", "__substg1.0_0C1F", "__substg1.0_0C1E")
_REPRESENTING = ("__substg1.0_0042", "__substg1.0_5D02", "__substg1.0_0065", "__substg1.0_0064")


def _open(data: bytes) -> tuple[MSGFile, tuple[str, ...]]:
    """Open from memory (never a path: olefile takes short `bytes` for a file name).

    A damaged OLE structure is retried with olefile's defect checks relaxed, and said so in
    the defects: a partly readable item is still checked. Old ANSI files often lack the
    code-page property; extract-msg then assumes ISO-8859-15 and Japanese or Cyrillic text
    comes out as mojibake, so we reopen with the code page the locale implies.
    """
    options: dict[str, Any] = {"delayAttachments": True, "errorBehavior": _TOLERANT}
    defects: tuple[str, ...] = ()
    try:
        item = _open_as_class(data, options)
    except OSError as exc:  # olefile reports structural defects as OSError subclasses
        if any(sign in str(exc) for sign in _TRUNCATED):
            raise
        options["errorBehavior"] = _TOLERANT | ErrorBehavior.OLE_DEFECT_INCORRECT
        item = _open_as_class(data, options)
        defects = (f"damaged OLE structure read in repair mode ({short_reason(exc)})",)
    try:
        codec = ansi_codec(
            unicode=bool(item.areStringsUnicode),
            codepage=_prop(item, "3FFD0003"),
            locale_id=_prop(item, "3FF10003"),
            internet_cpid=_prop(item, "3FDE0003"),
        )
    except Exception:
        item.close()
        raise
    if codec is None:
        return item, defects
    item.close()
    return _open_as_class(data, {**options, "overrideEncoding": codec}), defects


def _open_as_class(data: bytes, options: dict[str, Any]) -> MSGFile:
    """extract-msg's class for the item (appointment, contact...), or a plain message."""
    try:
        item = extract_msg.openMsg(io.BytesIO(data), strict=False, **options)
    except (UnrecognizedMSGTypeError, UnsupportedMSGTypeError):
        return _message_class(io.BytesIO(data), **options)
    if not isinstance(item, MessageBase):
        item.close()
        return _message_class(io.BytesIO(data), **options)
    return item


def _text(item: Any, stream: str) -> str:
    return clean(item.getStringStream(stream))


def _prop(item: Any, tag: str) -> Any:
    try:
        return item.getPropertyVal(tag)
    except Exception:  # a damaged property stream: the property is simply absent
        return None


def _named(item: Any, prop_id: str, guid: str) -> Any:
    try:
        return item.getNamedProp(prop_id, guid)
    except Exception:  # an unreadable named-property map: the property is absent
        return None


def _party(item: Any, streams: tuple[str, str, str, str], known: Mapping[str, str]) -> Party | None:
    """A sender-type party; an Exchange DN is resolved through the recipient table if it can."""
    name, smtp, address, kind = (_text(item, s) for s in streams)
    return Party.from_mapi(name, smtp or known.get(address.lower(), ""), address, kind)


def _recipients(item: MessageBase) -> tuple[list[tuple[Party, int, int]], dict[str, str]]:
    """(party, kind 1=To 2=Cc 3=Bcc, recipient flags) per row, and Exchange DN → SMTP seen."""
    rows = []
    known: dict[str, str] = {}
    for rcpt in item.recipients:
        smtp, address = _text(rcpt, "__substg1.0_39FE"), _text(rcpt, "__substg1.0_3003")
        if smtp and address.startswith("/"):
            known[address.lower()] = smtp
        party = Party.from_mapi(clean(rcpt.name), smtp, address, _text(rcpt, "__substg1.0_3002"))
        if party is not None:
            rows.append((party, int(rcpt.typeFlags) & 0xF, int(_prop(rcpt, "5FFD0003") or 0)))
    return rows, known


def _class(item: MSGFile) -> str:
    return clean(item.classType).lower()


def _headers(
    item: MessageBase,
    recipients: list[tuple[Party, int, int]],
    known: dict[str, str],
    limits: Limits,
) -> tuple[Headers, Headers]:
    """Transport headers where Outlook kept them, completed from the properties."""
    from_properties = headers_from_properties(
        sender=_party(item, _SENDER, known),
        representing=_party(item, _REPRESENTING, known),
        recipients=[(p, kind) for p, kind, flags in recipients if not flags & 0x2],
        subject=_text(item, "__substg1.0_0037"),
        date=_prop(item, "00390040") or _prop(item, "0E060040"),
        message_id=_text(item, "__substg1.0_1035"),
        in_reply_to=_text(item, "__substg1.0_1042"),
        references=_text(item, "__substg1.0_1039"),
        sensitivity=_prop(item, "00360003"),
        message_class=_class(item),
    )
    transport = item.getStringStream("__substg1.0_007D")
    block = decode_header_block(transport, limits.max_headers) if transport else ((), ())
    return merge_headers(block, from_properties)


def _bodies(item: MessageBase) -> tuple[str | None, str | None]:
    """Plain and HTML bodies; an RTF-only item is de-encapsulated (or stripped to text)."""
    plain = _text(item, "__substg1.0_1000") or None
    html_bytes = item.getStream("__substg1.0_10130102")
    html = (
        decode_html(html_bytes, _prop(item, "3FDE0003"))
        if html_bytes
        else _text(item, "__substg1.0_1013")
    ) or None
    if plain or html:
        return plain, html
    try:
        rtf = item.rtfBody
    except Exception:  # a corrupt compressed-RTF stream: no body, not an unreadable file
        return None, None
    return rtf_bodies(rtf) if rtf else (None, None)


def _appointment(
    item: Any, recipients: list[tuple[Party, int, int]], known: dict[str, str], body: str
) -> bytes:
    """The item as a one-event iCalendar text, so the calendar rules see it."""
    organizer = _party(item, _REPRESENTING, known) or next(
        (p for p, _, flags in recipients if flags & 0x2), None
    )
    cls = _class(item)
    return appointment_ics(
        Appointment(
            summary=_text(item, "__substg1.0_0037"),
            start=_named(item, "820D", _PSETID_APPOINTMENT) or _prop(item, "00600040"),
            end=_named(item, "820E", _PSETID_APPOINTMENT) or _prop(item, "00610040"),
            location=clean(_named(item, "8208", _PSETID_APPOINTMENT)),
            organizer=organizer,
            attendees=tuple((p, kind) for p, kind, flags in recipients if not flags & 0x2),
            sensitivity=_prop(item, "00360003"),
            description=body,
            uid=_uid(item),
            method=next((m for prefix, m in _METHODS if cls.startswith(prefix)), ""),
        )
    )


def _uid(item: Any) -> str:
    goid = _named(item, "0023", _PSETID_MEETING) or _named(item, "0003", _PSETID_MEETING)
    if isinstance(goid, bytes) and goid:
        return goid.hex().upper()
    return _text(item, "__substg1.0_1035")


def _field_text(item: Any) -> str:
    """A contact's, task's or note's fields as `Label: value` lines (extract-msg's labels)."""
    try:
        lines = field_lines(item.headerFormatProperties or {})
    except Exception:  # a property the class expects is damaged: keep what the body has
        lines = ""
    members = _named(item, "8054", _PSETID_ADDRESS)
    if isinstance(members, list):
        parties = one_off_parties(m for m in members if isinstance(m, bytes))
        lines += "".join(f"Member: {p.header_value()}\n" for p in parties)
    return lines


def _attachments(item: MSGFile, limits: Limits) -> tuple[tuple[RawPart, ...], tuple[str, ...]]:
    try:
        found = list(item.attachments)
    except Exception as exc:  # the attachment table itself: headers and body still count
        return (), (f"attachments unreadable: {short_reason(exc)}",)
    parts = tuple(_attachment(att, n) for n, att in enumerate(found[: limits.max_parts], 1))
    extra = len(found) - len(parts)
    return parts, ((f"{extra} attachments beyond the part limit",) if extra else ())


def _attachment(att: Any, index: int) -> RawPart:
    """One attachment: a file's bytes, or an embedded item re-exported as its own `.msg`."""
    name = (
        clean(getattr(att, "longFilename", None))
        or clean(getattr(att, "shortFilename", None))
        or clean(getattr(att, "name", None))
    )
    inline = bool(getattr(att, "hidden", False))
    cid = clean(getattr(att, "cid", None))
    try:
        data = att.data
    except Exception as exc:
        return RawPart(
            name or f"attachment-{index}",
            guess_type(name),
            b"",
            inline,
            cid,
            Uninspected(UninspectedReason.CORRUPT, short_reason(exc)),
        )
    if isinstance(data, MSGFile):
        return _embedded(att, data, index, inline)
    if isinstance(data, bytes):
        declared = declared_type(getattr(att, "mimetype", None), name)
        return RawPart(name or f"attachment-{index}", declared, data, inline, cid)
    kind = "reference to a file stored elsewhere" if data is None else type(data).__name__
    return RawPart(
        name or f"attachment-{index}",
        guess_type(name),
        b"",
        inline,
        cid,
        Uninspected(UninspectedReason.UNSUPPORTED, f"{type(att).__name__}: {kind}"),
    )


def _embedded(att: Any, inner: MSGFile, index: int, inline: bool) -> RawPart:
    """An attached Outlook item, exported as a standalone `.msg` for a nested parse."""
    title = clean(getattr(att, "displayName", None)) or _text(inner, "__substg1.0_0037")
    name = f"{title or f'attachment-{index}'}.msg"
    problem: Exception | None = None
    for allow_bad in (False, True):
        try:
            return RawPart(name, MSG_TYPE, inner.exportBytes(allowBadEmbed=allow_bad), inline)
        except Exception as exc:  # a non-conforming embedded item: retry in repair mode
            problem = exc
    detail = f"embedded item: {short_reason(problem)}" if problem else "embedded item"
    return RawPart(name, MSG_TYPE, b"", inline, "", Uninspected(UninspectedReason.CORRUPT, detail))


def _raw(item: MessageBase, size: int, limits: Limits, defects: tuple[str, ...]) -> RawMessage:
    recipients, known = _recipients(item)
    headers, address_headers = _headers(item, recipients, known, limits)
    plain, html = _bodies(item)
    cls = _class(item)
    if cls.startswith(_FIELD_CLASSES):
        plain = "\n".join(t for t in (_field_text(item), plain) if t) or None
    calendar: tuple[bytes, ...] = ()
    if cls.startswith(_CALENDAR_CLASSES):
        calendar = (_appointment(item, recipients, known, plain or ""),)
    parts, part_defects = _attachments(item, limits)
    return RawMessage(
        source_format="msg",
        headers=headers,
        address_headers=address_headers,
        text_plain=plain,
        text_html=html,
        parts=parts,
        calendar_parts=calendar,
        size=size,
        defects=defects + part_defects,
    )


def msg_to_raw(data: bytes, *, limits: Limits | None = None) -> RawMessage:
    """Take an Outlook `.msg` apart. Raises `InputError` when the file cannot be read at all."""
    chosen = limits or Limits()
    if len(data) > chosen.max_message_bytes:  # an OLE file cut at the limit cannot be read
        raise InputError(f"Outlook .msg larger than the {chosen.max_message_bytes}-byte limit")
    try:
        item, defects = _open(data)
    except Exception as exc:  # extract-msg and olefile raise many types on damaged files
        raise InputError(f"unreadable Outlook .msg: {short_reason(exc)}") from None
    try:
        if not isinstance(item, MessageBase):
            raise InputError("unreadable Outlook .msg: not a message item")
        return _raw(item, len(data), chosen, defects)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"unreadable Outlook .msg: {short_reason(exc)}") from None
    finally:
        item.close()


def read_msg(data: bytes, ctx: ParseContext) -> Message:
    """An Outlook `.msg` as a `Message` (attachments extracted within `ctx`'s limits)."""
    return assemble(msg_to_raw(data, limits=ctx.limits), ctx)

"""Outlook `.msg` files → `RawMessage`, through `extract-msg`.

An Outlook item is a bag of MAPI properties in an OLE compound file, not MIME. When Outlook
kept the internet headers of a received message we use them; otherwise (drafts, sent items,
appointments, contacts) the headers are written from the properties, so a rule sees the same
`From`/`To`/`Subject` whichever way the item reached us. Missing fields are completed from
the properties either way (a sent item's `Bcc` exists only there).

The MAPI-to-mail steps below the reader (headers from properties, an appointment as
iCalendar, RTF bodies, code pages, one-off addresses) are shared with the TNEF and PST
readers, which import them from here.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import logging
import mimetypes
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.parser import HeaderParser
from email.policy import compat32
from typing import Any

import extract_msg
import icalendar
import RTFDE  # type: ignore[import-untyped]
from extract_msg.encoding import lookupCodePage
from extract_msg.enums import ErrorBehavior
from extract_msg.exceptions import UnrecognizedMSGTypeError, UnsupportedMSGTypeError
from extract_msg.msg_classes import MessageBase, MSGFile
from extract_msg.utils import stripRtf
from striprtf.striprtf import rtf_to_text

from ..errors import InputError
from ._charset import decode_bytes, decode_header_value
from .assemble import assemble
from .limits import Limits, ParseContext
from .model import Message, Uninspected, UninspectedReason
from .raw import RawMessage, RawPart

__all__ = ["msg_to_raw", "read_msg"]

for _noisy in ("extract_msg", "RTFDE"):  # they log property values: never in our logs
    logging.getLogger(_noisy).setLevel(logging.CRITICAL + 1)

MSG_TYPE = "application/vnd.ms-outlook"
"""Declared type of an embedded Outlook item, so the extractor parses it as a nested message."""

Headers = tuple[tuple[str, str], ...]

# --------------------------------------------------------------------------------------------
# Shared MAPI helpers (also used by tnef.py and pst.py)
# --------------------------------------------------------------------------------------------

SENSITIVITY_LABELS = {1: "Personal", 2: "Private", 3: "Company-Confidential"}
"""PR_SENSITIVITY → the `Sensitivity:` header value Outlook writes for it (RFC 2156)."""

_ADDRESS_FIELDS = frozenset({"from", "sender", "reply-to", "to", "cc", "bcc"})
_PLAIN_ADDRESS = re.compile(r"[^\s<>()\[\]:;,\"\\@]+@[^\s<>()\[\]:;,\"\\@]+")
_AUTO_CLASSES = (
    ("ipm.note.rules.ooftemplate", "auto-replied"),
    ("ipm.note.rules.replytemplate", "auto-replied"),
    ("report.", "auto-generated"),
)
_RTFDE_LIMIT = 256 * 1024
"""RTF larger than this skips RTFDE (a full parser: about half a second per 40 KB) for striprtf."""
_strip_rtf: Callable[..., str] = rtf_to_text  # striprtf is untyped
_ONE_OFF_UID = bytes.fromhex("812B1FA4BEA310199D6E00DD010F5402")
_ANSICPG = re.compile(rb"\\ansicpg(\d{3,5})")
_MIME_TYPE = re.compile(r"[a-z0-9][\w.+-]{0,126}/[\w.+-]{1,127}")

# Windows ANSI code page of a locale's primary language (LCID & 0x3FF); 1252 otherwise.
_LANGUAGE_CODEPAGES = {
    **dict.fromkeys((0x02, 0x19, 0x22, 0x23, 0x2F, 0x3F, 0x40, 0x44, 0x50), "cp1251"),
    **dict.fromkeys((0x05, 0x0E, 0x15, 0x18, 0x1B, 0x1C, 0x24), "cp1250"),
    **dict.fromkeys((0x01, 0x20, 0x29), "cp1256"),
    **dict.fromkeys((0x25, 0x26, 0x27), "cp1257"),
    0x08: "cp1253",
    0x0D: "cp1255",
    0x11: "cp932",
    0x12: "cp949",
    0x1E: "cp874",
    0x1F: "cp1254",
    0x2A: "cp1258",
}
_CHINESE_TRADITIONAL = frozenset({0x0404, 0x0C04, 0x1404})
# Internet code pages (PR_INTERNET_CPID) whose ANSI relative stores 8-bit strings.
_CPID_ANSI = {
    50220: "cp932",
    50221: "cp932",
    50222: "cp932",
    51932: "cp932",
    932: "cp932",
    936: "gbk",
    54936: "gbk",
    52936: "gbk",
    950: "cp950",
    949: "cp949",
    51949: "cp949",
    20866: "koi8_r",
    21866: "koi8_u",
    1251: "cp1251",
    1250: "cp1250",
}


@dataclass(frozen=True, slots=True)
class Party:
    """A sender or recipient as MAPI stores one: display name and best address."""

    name: str
    address: str

    @classmethod
    def from_mapi(cls, name: str, smtp: str, email: str, kind: str) -> Party | None:
        """Prefer the SMTP address; an Exchange legacy DN is kept only when nothing better exists.

        A recipient without any address is kept by name, so recipient counts stay right.
        """
        smtp_like = kind.upper() == "SMTP" or ("@" in email and not email.startswith("/"))
        exchange = kind.upper() == "EX" or email.startswith("/")
        address = smtp or (email if smtp_like or exchange else "")
        if not address and (not name or kind.upper() == "UNKNOWN"):
            return None  # nothing, or a store's "Unknown" placeholder
        return cls(name, address)

    def header_value(self) -> str:
        """`"Name" <addr>`, quoted so a comma in a display name never splits the address."""
        addr = self.address
        if not addr and _PLAIN_ADDRESS.fullmatch(bare := self.name.strip("'\" ")):
            return bare  # a display name that is itself an address ('x@y.org')
        if addr and not _PLAIN_ADDRESS.fullmatch(addr):
            addr = _quote(addr)
        if self.name and self.name.lower() != self.address.lower():
            return f"{_quote(self.name)} <{addr}>" if addr else _quote(self.name)
        return addr


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def clean(value: object) -> str:
    """A MAPI string without the NULs some writers leave in it; '' for anything else."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else ""


def short_reason(exc: BaseException) -> str:
    """One short line for an `InputError`: the library's words, not its traceback."""
    text = " ".join(str(exc).split())
    return (f"{type(exc).__name__}: {text}" if text else type(exc).__name__)[:120]


def declared_type(tag: object, filename: str) -> str:
    """The attachment's MIME tag when it is one, else a type guessed from the extension."""
    value = clean(tag).lower()
    return value if _MIME_TYPE.fullmatch(value) else guess_type(filename)


def guess_type(filename: str) -> str:
    """A declared type for an attachment that has none, from its extension."""
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def ansi_codec(
    *, unicode: bool, codepage: object, locale_id: object, internet_cpid: object
) -> str | None:
    """The code page of an ANSI item's 8-bit strings when the item does not say (else None).

    Old Outlook files often omit PR_MESSAGE_CODEPAGE; the locale (PR_MESSAGE_LOCALE_ID) or the
    internet code page tells which Windows code page the client wrote with.
    """
    if unicode or codepage is not None:
        return None
    if isinstance(locale_id, int) and locale_id > 0:
        if locale_id & 0xFFFF in _CHINESE_TRADITIONAL:
            return "cp950"
        if locale_id & 0x3FF == 0x04:
            return "gbk"
        if (found := _LANGUAGE_CODEPAGES.get(locale_id & 0x3FF)) is not None:
            return found
    if isinstance(internet_cpid, int) and internet_cpid in _CPID_ANSI:
        return _CPID_ANSI[internet_cpid]
    return "cp1252"


def codepage_label(cpid: object) -> str | None:
    """A charset label for a Windows code-page number, or None when unknown."""
    if not isinstance(cpid, int):
        return None
    try:
        return str(lookupCodePage(cpid))
    except Exception:  # extract-msg raises its own error type for unknown numbers
        return None


def decode_html(data: bytes, cpid: object) -> str:
    """An HTML body's bytes as text: the internet code page, else the bytes decide."""
    return decode_bytes(data, codepage_label(cpid)).replace("\x00", "")


def rtf_bodies(rtf: bytes) -> tuple[str | None, str | None]:
    """(plain, html) from an RTF body: HTML or text encapsulated by Outlook, else stripped RTF."""
    end = rtf.rfind(b"}")
    if end < 0:
        return None, None
    body = rtf[: end + 1]
    if len(body) <= _RTFDE_LIMIT:
        try:
            found = RTFDE.DeEncapsulator(stripRtf(body))
            found.deencapsulate()
            content = found.html if found.content_type == "html" else found.text
            text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
            if isinstance(text, str) and text.strip():
                return (None, text) if found.content_type == "html" else (text, None)
        except Exception:  # not encapsulated, or malformed: plain stripping still reads it
            pass
    return rtf_plain(body), None


def rtf_plain(rtf: bytes) -> str | None:
    """RTF reduced to its text with striprtf, in the document's declared ANSI code page."""
    match = _ANSICPG.search(rtf[:2000])
    encoding = codepage_label(int(match.group(1))) if match else None
    try:
        text = _strip_rtf(rtf.decode("latin-1"), encoding=encoding or "cp1252", errors="replace")
    except Exception:  # striprtf on damaged input: no body rather than no message
        return None
    return text.strip() or None


def decode_header_block(text: str, max_headers: int) -> tuple[Headers, Headers]:
    """(decoded headers, raw address headers) from a stored internet header block."""
    text = text.replace("\x00", "").lstrip()
    if text.startswith("Microsoft Mail Internet Headers Version 2.0"):
        text = text.partition("\n")[2].lstrip()
    parsed = HeaderParser(policy=compat32).parsestr(text, headersonly=True)
    items = [(str(k), str(v)) for k, v in list(parsed.raw_items())[:max_headers]]
    decoded = tuple((k, decode_header_value(v)) for k, v in items)
    addresses = tuple((k, v) for k, v in items if k.lower() in _ADDRESS_FIELDS)
    return decoded, addresses


def headers_from_properties(
    *,
    sender: Party | None,
    representing: Party | None,
    recipients: Iterable[tuple[Party, int]],
    subject: str,
    date: object = None,
    message_id: str = "",
    in_reply_to: str = "",
    references: str = "",
    sensitivity: object = None,
    message_class: str = "",
) -> Headers:
    """Mail headers written from MAPI properties (recipient kind 1=To, 2=Cc, 3=Bcc).

    `representing` is the author (From); `sender` becomes `Sender` only when someone sent on
    the author's behalf.
    """
    pairs: list[tuple[str, str]] = []
    if (
        representing is not None
        and sender is not None
        and not representing.address
        and (representing.name == sender.name)
    ):
        representing = sender  # the same person, known by address only as the sender
    author = representing or sender
    if author is not None:
        pairs.append(("From", author.header_value()))
        if sender is not None and sender.address.lower() != author.address.lower():
            pairs.append(("Sender", sender.header_value()))
    listed = list(recipients)
    for kind, name in ((1, "To"), (2, "Cc"), (3, "Bcc")):
        values = [p.header_value() for p, k in listed if k == kind]
        if values:
            pairs.append((name, ", ".join(values)))
    when = as_utc(date)
    optional = (
        ("Subject", subject),
        ("Date", email.utils.format_datetime(when) if when else ""),
        ("Message-ID", message_id),
        ("In-Reply-To", in_reply_to),
        ("References", references),
        (
            "Sensitivity",
            SENSITIVITY_LABELS.get(sensitivity, "") if isinstance(sensitivity, int) else "",
        ),
        (
            "Auto-Submitted",
            next((v for c, v in _AUTO_CLASSES if message_class.lower().startswith(c)), ""),
        ),
    )
    pairs.extend((name, value) for name, value in optional if value)
    return tuple(pairs)


def merge_headers(block: tuple[Headers, Headers], extra: Headers) -> tuple[Headers, Headers]:
    """Stored headers first; a property-made field is added only where the block lacks it."""
    headers, addresses = block
    present = {name.lower() for name, _ in headers}
    added = tuple((k, v) for k, v in extra if k.lower() not in present)
    added_addresses = tuple((k, v) for k, v in added if k.lower() in _ADDRESS_FIELDS)
    return headers + added, (addresses + added_addresses if addresses else ())


def as_utc(value: object) -> dt.datetime | None:
    """MAPI times are UTC; naive ones are marked so. The 4501 'no date' sentinel is None."""
    if not isinstance(value, dt.datetime) or value.year >= 4000 or value.year < 1900:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Appointment:
    """What an Outlook calendar item says, before it is written as iCalendar."""

    summary: str = ""
    start: object = None
    end: object = None
    location: str = ""
    organizer: Party | None = None
    attendees: tuple[tuple[Party, int], ...] = ()
    sensitivity: object = None
    description: str = ""
    uid: str = ""
    method: str = ""


_ROLES = {1: "REQ-PARTICIPANT", 2: "OPT-PARTICIPANT", 3: "NON-PARTICIPANT"}


def _cal_address(party: Party, role: str = "") -> icalendar.vCalAddress:
    smtp = party.address if "@" in party.address else ""
    value = icalendar.vCalAddress(f"mailto:{smtp}")
    if party.name:
        value.params["CN"] = party.name
    if role:
        value.params["ROLE"] = role
    return value


def appointment_ics(item: Appointment) -> bytes:
    """One VEVENT in a VCALENDAR, so the shared calendar reader turns it into a CalendarItem."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//mailwarden//Outlook item//EN")
    calendar.add("version", "2.0")
    if item.method:
        calendar.add("method", item.method)
    event = icalendar.Event()
    for name, value in (
        ("uid", item.uid),
        ("summary", item.summary),
        ("dtstart", as_utc(item.start)),
        ("dtend", as_utc(item.end)),
        ("location", item.location),
        ("description", item.description),
    ):
        if value:
            event.add(name, value)
    if item.organizer is not None:
        event.add("organizer", _cal_address(item.organizer))
    for party, kind in item.attendees:
        event.add("attendee", _cal_address(party, _ROLES.get(kind, "")))
    if item.sensitivity in (2, 3):
        event.add("class", "PRIVATE")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def one_off_parties(entry_ids: Iterable[bytes]) -> list[Party]:
    """Members of a distribution list from their one-off entry IDs (MS-OXCDATA 2.2.5.1)."""
    found = []
    for blob in entry_ids:
        if len(blob) < 24 or blob[4:20] != _ONE_OFF_UID:
            continue
        unicode = bool(int.from_bytes(blob[22:24], "little") & 0x8000)
        text = blob[24:].decode("utf-16-le" if unicode else "cp1252", "replace")
        name, kind, address = ([*text.split("\x00"), "", ""])[:3]
        party = Party.from_mapi(name.strip(), "", address.strip(), kind.strip())
        if party is not None:
            found.append(party)
    return found


def field_lines(fields: Mapping[str, Any]) -> str:
    """Nested `label → value` maps as `Label: value` lines, empty values left out."""
    lines: list[str] = []
    for label, value in fields.items():
        if isinstance(value, Mapping):
            lines.append(field_lines(value))
            continue
        text = _field_value(value)
        if text:
            lines.append(f"{label}: {text.replace(chr(13), '')}\n")
    return "".join(lines)


def _field_value(value: object) -> str:
    if isinstance(value, list | tuple):
        return clean(", ".join(str(v) for v in value if v not in (None, "")))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return clean(str(value)) if value is not None else ""


# --------------------------------------------------------------------------------------------
# The .msg reader
# --------------------------------------------------------------------------------------------

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

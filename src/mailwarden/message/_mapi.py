"""MAPI properties → mail headers, bodies and addresses, shared by the .msg, TNEF and PST readers.

An Outlook item, a TNEF attachment and a PST store entry are all bags of MAPI properties, not
MIME. The steps that turn those properties into what a rule sees are the same for the three
readers, so they live here: headers written from the properties (or a stored internet header
block, completed from them), senders and recipients, one-off entry IDs of distribution-list
members, code pages of ANSI items, HTML and RTF bodies, and `Label: value` field text. An
appointment becomes iCalendar in `_mapi_calendar.py`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import mimetypes
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.parser import HeaderParser
from email.policy import compat32
from typing import Any

import RTFDE  # type: ignore[import-untyped]
from extract_msg.encoding import lookupCodePage
from extract_msg.utils import stripRtf
from striprtf.striprtf import rtf_to_text

from ._charset import decode_bytes, decode_header_value

for _noisy in ("extract_msg", "RTFDE"):  # they log property values: never in our logs
    logging.getLogger(_noisy).setLevel(logging.CRITICAL + 1)

Headers = tuple[tuple[str, str], ...]

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

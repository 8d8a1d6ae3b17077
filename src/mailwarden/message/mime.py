"""RFC 5322 / MIME bytes (.eml, mbox and maildir entries, .emlx payloads) → `RawMessage`.

The standard library's compat32 parser is the fastest tolerant MIME parser Python has, so
it does the splitting; everything it is known to get wrong on real mail is handled here:
`get_content()` raising `KeyError`/`LookupError` (we never call it), unknown charsets,
raw 8-bit headers, recursion on absurd nesting, and a part count with no upper bound.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from email import message_from_bytes
from email.message import Message as StdMessage
from email.policy import compat32

from ..errors import InputError
from ._charset import decode_bytes, decode_header_value, repair_surrogates
from .limits import ParseContext
from .model import Uninspected, UninspectedReason
from .raw import RawMessage, RawPart

__all__ = ["mime_to_raw"]

_HEADER_LINE = re.compile(rb"[\x21-\x39\x3b-\x7e]{1,200}[ \t]*:")
_ADDRESS_FIELDS = frozenset(
    {"from", "sender", "reply-to", "to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc"}
)
_BODY_TYPES = frozenset({"text/plain", "text/html"})
_MAX_DEFECTS = 50


def _check_header_block(data: bytes) -> None:
    """Refuse bytes with no header block (DESIGN: unreadable input)."""
    head = data.lstrip(b"\r\n\t \xef\xbb\xbf")[:1000]
    if not head:
        raise InputError("empty input")
    if head.startswith(b"From ") or _HEADER_LINE.match(head):
        return
    raise InputError("no header block: this is not a mail message")


def _parse(data: bytes) -> tuple[StdMessage, tuple[Uninspected, ...]]:
    try:
        return message_from_bytes(data, policy=compat32), ()
    except RecursionError:
        header_end = _header_end(data)
        note = Uninspected(UninspectedReason.OVER_LIMIT, "MIME nesting too deep to follow")
        flat = message_from_bytes(data[:header_end] + b"\n", policy=compat32)
        flat.set_payload(data[header_end:].decode("ascii", "replace"))
        del flat["content-type"]
        return flat, (note,)


def _header_end(data: bytes) -> int:
    for sep in (b"\r\n\r\n", b"\n\n"):
        index = data.find(sep)
        if index >= 0:
            return index + len(sep)
    return len(data)


def _filename(part: StdMessage) -> str:
    try:
        name = part.get_filename() or part.get_param("name") or ""
    except (LookupError, ValueError, TypeError, IndexError):
        return ""
    if isinstance(name, tuple):  # RFC 2231 value the library could not join
        name = name[2] if len(name) > 2 else ""
    return decode_header_value(str(name))


def _payload_bytes(part: StdMessage) -> tuple[bytes, Uninspected | None]:
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError, AssertionError) as exc:
        return b"", Uninspected(
            UninspectedReason.CORRUPT, f"undecodable payload ({type(exc).__name__})"
        )
    return (payload if isinstance(payload, bytes) else b""), None


def _message_bytes(part: StdMessage) -> bytes:
    """The bytes of an attached message/rfc822, or of the headers of a delivery report.

    RFC 2046 forbids encoding a message/rfc822 part, but GroupWise base64-encodes it; the
    parser then takes the base64 text for a headerless message, so it is decoded here.
    """
    data = _message_payload(part)
    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    if encoding == "base64":
        try:
            clean = re.sub(rb"[^A-Za-z0-9+/]", b"", data)
            return base64.b64decode(clean + b"=" * (-len(clean) % 4))
        except (binascii.Error, ValueError):
            return data
    if encoding == "quoted-printable":
        return quopri.decodestring(data)
    return data


def _message_payload(part: StdMessage) -> bytes:
    payload = part.get_payload()
    if isinstance(payload, list):
        chunks: list[bytes] = []
        for inner in payload:
            if not isinstance(inner, StdMessage):
                continue
            try:
                chunks.append(inner.as_bytes())
            except (ValueError, TypeError, LookupError, UnicodeError, RecursionError):
                chunks.append(str(inner).encode("utf-8", "surrogateescape"))
        return b"\n".join(chunks)
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return b""


class _Collector:
    """Walks the part tree once, iteratively, sorting leaves into body, calendar and files."""

    def __init__(self, ctx: ParseContext) -> None:
        self.ctx = ctx
        self.plain: list[str] = []
        self.html: list[str] = []
        self.calendar: list[bytes] = []
        self.parts: list[RawPart] = []
        self.defects: list[str] = []
        self.notes: list[Uninspected] = []
        self.count = 0

    def walk(self, root: StdMessage) -> None:
        stack = [root]
        skipped = 0
        while stack:
            part = stack.pop()
            self.count += 1
            if self.count > self.ctx.limits.max_parts:
                skipped += 1 + len(stack)
                break
            self._defects(part)
            ctype = part.get_content_type()
            if part.is_multipart() and not ctype.startswith("message/"):
                children = part.get_payload()
                if isinstance(children, list):
                    stack.extend(c for c in reversed(children) if isinstance(c, StdMessage))
                continue
            self._leaf(part, ctype)
        if skipped:
            self.notes.append(
                Uninspected(
                    UninspectedReason.OVER_LIMIT,
                    f"more than {self.ctx.limits.max_parts} MIME parts; the rest were not read",
                )
            )

    def _defects(self, part: StdMessage) -> None:
        for defect in getattr(part, "defects", ())[:5]:
            if len(self.defects) < _MAX_DEFECTS:
                self.defects.append(type(defect).__name__)

    def _leaf(self, part: StdMessage, ctype: str) -> None:
        filename = _filename(part)
        disposition = (part.get_content_disposition() or "").lower()
        if ctype.startswith("message/"):
            name = filename or ("forwarded.eml" if ctype == "message/rfc822" else "")
            data = _message_bytes(part)
            if ctype == "message/rfc822":
                self.parts.append(RawPart(name, ctype, data, disposition == "inline"))
            else:  # delivery-status, disposition-notification: readable header text
                self.plain.append(decode_bytes(data, "utf-8"))
            return
        data, problem = _payload_bytes(part)
        attached = bool(filename) or disposition == "attachment"
        if not attached and problem is None and ctype in _BODY_TYPES:
            text = decode_bytes(data, part.get_content_charset())
            (self.plain if ctype == "text/plain" else self.html).append(text)
        elif not attached and problem is None and ctype == "text/calendar":
            self.calendar.append(data)
        else:
            content_id = str(part.get("content-id", "") or "").strip("<> ")
            inline = disposition == "inline" or (not attached and bool(content_id))
            self.parts.append(RawPart(filename, ctype, data, inline, content_id, problem))


def _headers(
    msg: StdMessage, ctx: ParseContext
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    # raw strings: items() would turn 8-bit values into lossy Header objects
    items = list(msg.raw_items())[: ctx.limits.max_headers]
    decoded = tuple((repair_surrogates(str(k)), decode_header_value(str(v))) for k, v in items)
    addresses = tuple((str(k), str(v)) for k, v in items if str(k).lower() in _ADDRESS_FIELDS)
    return decoded, addresses


def mime_to_raw(data: bytes, ctx: ParseContext, source_format: str = "eml") -> RawMessage:
    """Take one MIME message apart. Raises `InputError` only for unreadable input."""
    _check_header_block(data)
    notes: list[Uninspected] = []
    size = len(data)
    if size > ctx.limits.max_message_bytes:
        data = data[: ctx.limits.max_message_bytes]
        notes.append(
            Uninspected(
                UninspectedReason.OVER_LIMIT,
                f"message larger than {ctx.limits.max_message_bytes} bytes; cut",
            )
        )
    msg, parse_notes = _parse(data)
    headers, address_headers = _headers(msg, ctx)
    if len(msg) > ctx.limits.max_headers:
        notes.append(
            Uninspected(
                UninspectedReason.OVER_LIMIT, f"more than {ctx.limits.max_headers} header fields"
            )
        )
    collector = _Collector(ctx)
    collector.walk(msg)
    return RawMessage(
        source_format=source_format,
        headers=headers,
        address_headers=address_headers,
        text_plain="\n\n".join(collector.plain) if collector.plain else None,
        text_html="\n".join(collector.html) if collector.html else None,
        parts=tuple(collector.parts),
        calendar_parts=tuple(collector.calendar),
        size=size,
        defects=tuple(collector.defects),
        uninspected=tuple(notes) + parse_notes + tuple(collector.notes),
    )

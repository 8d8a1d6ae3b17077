"""Outlook `.pst`/`.ost` stores → one `Message` per item, through libpff (the `pst` extra).

A store is walked depth first: each folder's items in store order, then its sub-folders.
Every item is read on its own, so one damaged item becomes an `InputError` in the stream and
the rest of the store is still read. Items are MAPI property bags like `.msg` files, and
become mail the same way (see `_mapi.py`): stored internet headers where present, else headers
written from the properties; appointments also as an iCalendar event; contacts and
distribution lists as `Label: value` text.

libpff's Python binding does not name named properties nor open embedded messages, so two
small readers here fill the gaps, each bounded by the bytes it is given: the store's
name-to-id map (MS-PST 2.4.7), and the property heap of an embedded message (MS-PST 2.3.1),
from which its inline properties (subject, sender, names, a short body) are recovered.
"""

from __future__ import annotations

import datetime as dt
import itertools
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import compressed_rtf  # type: ignore[import-untyped]

from ..errors import InputError, ProtectedInputError
from ._mapi import (
    Headers,
    Party,
    clean,
    declared_type,
    decode_header_block,
    decode_html,
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

__all__ = ["iter_pst"]

_MISSING_EXTRA = "reading .pst files needs the 'pst' extra: pip install 'mailwarden[pst]'"
_PS_MAPI = UUID("00020328-0000-0000-c000-000000000046")
_PS_PUBLIC_STRINGS = UUID("00020329-0000-0000-c000-000000000046")
_PSETID_APPOINTMENT = UUID("00062002-0000-0000-c000-000000000046")
_PSETID_ADDRESS = UUID("00062004-0000-0000-c000-000000000046")
_PSETID_MEETING = UUID("6ed8da90-450b-101b-98da-00aa003f1305")
_STRING_TYPES = frozenset({0x001E, 0x001F})
_INT_TYPES = frozenset({0x0002, 0x0003, 0x000B, 0x0014})
_SYSTEM_CLASSES = (
    "ipm.microsoft.scheduledata",
    "ipm.configuration",
    "ipm.microsoft.folderdesign",
    "ipm.extendedrule",
    "ipm.rule",
    "ipm.microsoft.fol",
    "ipc.",
)
_CALENDAR_CLASSES = ("ipm.appointment", "ipm.schedule.meeting", "ipm.ole.class.{00061055")
_CONTACT_FIELDS = (
    ("Full Name", 0x3001),
    ("First Name", 0x3A06),
    ("Middle Name", 0x3A44),
    ("Last Name", 0x3A11),
    ("Job Title", 0x3A17),
    ("Company", 0x3A16),
    ("Department", 0x3A18),
    ("Business Phone", 0x3A08),
    ("Home Phone", 0x3A09),
    ("Mobile", 0x3A1C),
    ("Business Fax", 0x3A24),
    ("Street", 0x3A29),
    ("Town", 0x3A27),
    ("Postcode", 0x3A2A),
    ("Country", 0x3A26),
    ("Home Street", 0x3A5D),
    ("Home Town", 0x3A59),
    ("Home Postcode", 0x3A5B),
    ("Birthday", 0x3A42),
)
_CONTACT_NAMED = (
    ("Email", 0x8083),
    ("Email 2", 0x8093),
    ("Email 3", 0x80A3),
    ("Home Address", 0x801A),
    ("Business Address", 0x801B),
    ("List Name", 0x8053),
)

NamedMap = dict[int, tuple[UUID, int | str]]


def _pypff() -> Any:
    """The optional libpff binding, imported only when a store is read."""
    try:
        import pypff  # an optional extra, loaded on first use
    except ImportError:
        raise InputError(_MISSING_EXTRA) from None
    return pypff


@dataclass(frozen=True, slots=True)
class _Props:
    """One item's properties by id, with named properties reachable by (set, id)."""

    values: dict[int, Any]
    named: dict[tuple[UUID, int | str], int]

    def get(self, tag: int) -> Any:
        return self.values.get(tag)

    def text(self, tag: int) -> str:
        value = self.values.get(tag)
        return clean(value) if isinstance(value, str) else ""

    def by_name(self, guid: UUID, lid: int) -> Any:
        tag = self.named.get((guid, lid))
        return self.values.get(tag) if tag is not None else None


def _entry_value(entry: Any) -> Any:
    """A record entry's value as Python: text, int, datetime or bytes (None if unreadable)."""
    kind = entry.value_type
    try:
        if kind in _STRING_TYPES:
            return entry.data_as_string
        if kind in _INT_TYPES:
            return entry.data_as_integer
        if kind == 0x0040:
            return entry.data_as_datetime
        return entry.data
    except Exception:  # a value libpff cannot convert (damaged, or an unusual type)
        return None


def _props(record_set: Any, names: NamedMap) -> _Props:
    values: dict[int, Any] = {}
    for entry in record_set.entries:
        values.setdefault(int(entry.entry_type), _entry_value(entry))
    named = {names[tag]: tag for tag in values if tag in names}
    return _Props(values, named)


def _item_props(item: Any, names: NamedMap) -> _Props:
    if item.number_of_record_sets < 1:
        return _Props({}, {})
    return _props(item.get_record_set(0), names)


def _named_map(store: Any) -> NamedMap:
    """Property tag (0x8000+) → (property set, id or name), from the store's name-to-id map."""
    try:
        item = store.get_name_to_id_map()
        entries = {int(e.entry_type): e.data for rs in item.record_sets for e in rs.entries}
    except Exception:  # no map: named properties stay unknown, everything else is read
        return {}
    guids, stream = entries.get(0x0002) or b"", entries.get(0x0003) or b""
    names: NamedMap = {}
    for offset in range(0, len(stream) - 7, 8):
        value, guid_field, index = struct.unpack_from("<IHH", stream, offset)
        guid = _named_guid(guid_field >> 1, guids)
        if guid is not None and not guid_field & 1:  # numeric names are the ones we look up
            names[0x8000 + index] = (guid, value)
    return names


def _named_guid(index: int, guids: bytes) -> UUID | None:
    if index == 1:
        return _PS_MAPI
    if index == 2:
        return _PS_PUBLIC_STRINGS
    start = (index - 3) * 16
    if index < 3 or start + 16 > len(guids):
        return None
    return UUID(bytes_le=guids[start : start + 16])


# --- one item ----------------------------------------------------------------------------


def _subject(props: _Props) -> str:
    """PR_SUBJECT as stored: a leading 0x01 and a length mark the prefix ("RE: ")."""
    value = props.get(0x0037)
    text = value if isinstance(value, str) else ""
    if text.startswith("\x01") and len(text) > 1:
        text = text[2:]
    return clean(text)


def _party(
    props: _Props, tags: tuple[int, int, int, int], known: dict[str, str] | None = None
) -> Party | None:
    """A party from four properties; an Exchange DN resolved through `known` if it can be."""
    name, smtp, email, kind = (props.text(t) for t in tags)
    return Party.from_mapi(name, smtp or (known or {}).get(email.lower(), ""), email, kind)


_SENDER = (0x0C1A, 0x5D01, 0x0C1F, 0x0C1E)
_REPRESENTING = (0x0042, 0x5D02, 0x0065, 0x0064)


Recipients = list[tuple[Party, int, int]]


def _recipients(item: Any, names: NamedMap) -> tuple[Recipients, dict[str, str]]:
    """(party, kind 1=To 2=Cc 3=Bcc, flags) per recipient row, and Exchange DN → SMTP seen."""
    table = getattr(item, "recipients", None)
    rows: Recipients = []
    known: dict[str, str] = {}
    for record_set in table.record_sets if table is not None else ():
        props = _props(record_set, names)
        if props.text(0x39FE) and props.text(0x3003).startswith("/"):
            known[props.text(0x3003).lower()] = props.text(0x39FE)
        party = _party(props, (0x3001, 0x39FE, 0x3003, 0x3002))
        if party is not None:
            kind = props.get(0x0C15)
            flags = props.get(0x5FFD)
            rows.append(
                (
                    party,
                    (kind if isinstance(kind, int) else 1) & 0xF,
                    flags if isinstance(flags, int) else 0,
                )
            )
    return rows, known


def _headers(
    props: _Props, recipients: Recipients, known: dict[str, str], cls: str, limits: Limits
) -> tuple[Headers, Headers]:
    transport = props.text(0x007D)
    block = decode_header_block(transport, limits.max_headers) if transport else ((), ())
    return merge_headers(
        block,
        headers_from_properties(
            sender=_party(props, _SENDER, known),
            representing=_party(props, _REPRESENTING, known),
            recipients=[(p, kind) for p, kind, flags in recipients if not flags & 0x2],
            subject=_subject(props),
            date=props.get(0x0039) or props.get(0x0E06),
            message_id=props.text(0x1035),
            in_reply_to=props.text(0x1042),
            references=props.text(0x1039),
            sensitivity=props.get(0x0036),
            message_class=cls,
        ),
    )


def _bodies(props: _Props) -> tuple[str | None, str | None]:
    plain = props.text(0x1000) or None
    html_value = props.get(0x1013)
    html = (
        decode_html(html_value, props.get(0x3FDE))
        if isinstance(html_value, bytes)
        else clean(html_value)
    ) or None
    if plain or html:
        return plain, html
    rtf = props.get(0x1009)
    if not isinstance(rtf, bytes) or len(rtf) < 16:
        return None, None
    try:
        return rtf_bodies(compressed_rtf.decompress(rtf))
    except Exception:  # a damaged compressed-RTF body: the item is still read
        return None, None


def _appointment(
    props: _Props, recipients: Recipients, known: dict[str, str], body: str, cls: str
) -> bytes:
    goid = props.by_name(_PSETID_MEETING, 0x0023) or props.by_name(_PSETID_MEETING, 0x0003)
    location = props.by_name(_PSETID_APPOINTMENT, 0x8208)
    return appointment_ics(
        Appointment(
            summary=_subject(props),
            start=props.by_name(_PSETID_APPOINTMENT, 0x820D) or props.get(0x0060),
            end=props.by_name(_PSETID_APPOINTMENT, 0x820E) or props.get(0x0061),
            location=clean(location),
            organizer=_party(props, _REPRESENTING, known)
            or next((p for p, _, flags in recipients if flags & 0x2), None),
            attendees=tuple((p, kind) for p, kind, flags in recipients if not flags & 0x2),
            sensitivity=props.get(0x0036),
            description=body,
            uid=goid.hex().upper() if isinstance(goid, bytes) else props.text(0x1035),
            method="REQUEST" if cls.startswith("ipm.schedule.meeting.request") else "",
        )
    )


def _multi_binary(value: object) -> list[bytes]:
    """libpff's raw multi-value binary: a count, that many offsets, then the values."""
    if not isinstance(value, bytes) or len(value) < 4:
        return []
    count = struct.unpack_from("<I", value)[0]
    if count > (len(value) - 4) // 4:
        return []
    offsets = [*struct.unpack_from(f"<{count}I", value, 4), len(value)]
    return [value[a:b] for a, b in itertools.pairwise(offsets) if a <= b]


def _contact_text(props: _Props) -> str:
    """A contact's or distribution list's fields as `Label: value` lines."""
    lines = []
    for label, tag in _CONTACT_FIELDS:
        value = props.get(tag)
        text = value.isoformat() if hasattr(value, "isoformat") else clean(value)
        if text:
            lines.append(f"{label}: {text}")
    for label, lid in _CONTACT_NAMED:
        text = clean(props.by_name(_PSETID_ADDRESS, lid))
        if text:
            lines.append(f"{label}: {text}")
    members = one_off_parties(_multi_binary(props.by_name(_PSETID_ADDRESS, 0x8054)))
    lines.extend(f"Member: {p.header_value()}" for p in members)
    return "\n".join(line.replace("\r", "") for line in lines)


def _attachments(
    item: Any, names: NamedMap, limits: Limits
) -> tuple[tuple[RawPart, ...], tuple[Uninspected, ...]]:
    count = int(getattr(item, "number_of_attachments", 0) or 0)
    parts: list[RawPart] = []
    notes: list[Uninspected] = []
    for index in range(min(count, limits.max_parts)):
        try:
            part, note = _attachment(item.get_attachment(index), index + 1, names, limits)
        except Exception as exc:  # one unreadable attachment is listed, not fatal
            part = RawPart(
                f"attachment-{index + 1}",
                "application/octet-stream",
                b"",
                uninspected=Uninspected(UninspectedReason.CORRUPT, short_reason(exc)),
            )
            note = None
        parts.append(part)
        notes.extend([note] if note else [])
    if count > limits.max_parts:
        notes.append(
            Uninspected(
                UninspectedReason.OVER_LIMIT,
                f"{count - limits.max_parts} attachments beyond the part limit",
            )
        )
    return tuple(parts), tuple(notes)


def _attachment(
    att: Any, index: int, names: NamedMap, limits: Limits
) -> tuple[RawPart, Uninspected | None]:
    props = _item_props(att, names)
    name = props.text(0x3707) or props.text(0x3704) or props.text(0x3001)
    method, size = props.get(0x3705), int(att.size or 0)
    inline, cid = bool(props.get(0x7FFE)), props.text(0x3712)
    if size > limits.max_message_bytes:
        return RawPart(
            name or f"attachment-{index}",
            declared_type(props.text(0x370E), name),
            b"",
            inline,
            cid,
            Uninspected(UninspectedReason.OVER_LIMIT, f"attachment of {size} bytes"),
        ), None
    data = att.read_buffer(size) if size else b""
    if method == 5:
        return _embedded(data, props.text(0x3001) or name, index, inline)
    if method == 7 or (not data and method not in (1, 6)):
        return RawPart(
            name or f"attachment-{index}",
            declared_type(props.text(0x370E), name),
            b"",
            inline,
            cid,
            Uninspected(UninspectedReason.UNSUPPORTED, "a reference to a file stored elsewhere"),
        ), None
    return RawPart(
        name or f"attachment-{index}",
        declared_type(props.text(0x370E), name),
        bytes(data),
        inline,
        cid,
    ), None


# --- embedded messages: their property heap read directly ----------------------------------


def _heap(buf: bytes) -> list[bytes] | None:
    """The allocations of a one-block heap-on-node (HNHDR, then the HNPAGEMAP it points to)."""
    if len(buf) < 12 or buf[2] != 0xEC or buf[3] != 0xBC:
        return None
    page_map = struct.unpack_from("<H", buf)[0]
    if page_map + 4 > len(buf):
        return None
    count = struct.unpack_from("<H", buf, page_map)[0]
    if page_map + 4 + 2 * (count + 1) > len(buf):
        return None
    offsets = struct.unpack_from(f"<{count + 1}H", buf, page_map + 4)
    if any(not a <= b <= len(buf) for a, b in itertools.pairwise(offsets)):
        return None
    return [buf[a:b] for a, b in itertools.pairwise(offsets)]


def _heap_item(heap: list[bytes], hid: int) -> bytes | None:
    """A heap allocation by HID; None for a sub-node reference (not in the buffer we have)."""
    index = (hid >> 5) & 0x7FF
    if hid & 0x1F or hid >> 16 or not 1 <= index <= len(heap):
        return None
    return heap[index - 1]


def _heap_properties(buf: bytes) -> dict[int, Any]:
    """Inline and heap-held properties of an embedded message's property context."""
    heap = _heap(buf)
    if heap is None:
        return {}
    header = _heap_item(heap, struct.unpack_from("<I", buf, 4)[0])
    if header is None or len(header) < 8 or header[:4] != b"\xb5\x02\x06\x00":
        return {}
    records = _heap_item(heap, struct.unpack_from("<I", header, 4)[0]) or b""
    found: dict[int, Any] = {}
    for offset in range(0, len(records) - 7, 8):
        tag, kind, value = struct.unpack_from("<HHI", records, offset)
        found[tag] = _heap_value(heap, kind, value)
    return found


def _heap_value(heap: list[bytes], kind: int, value: int) -> Any:
    if kind in (0x0002, 0x0003, 0x000B):
        return value
    data = _heap_item(heap, value)
    if data is None:
        return None
    if kind == 0x001F:
        return data.decode("utf-16-le", "replace")
    if kind == 0x001E:
        return data.decode("cp1252", "replace")
    if kind == 0x0040 and len(data) == 8:
        return _filetime(struct.unpack("<Q", data)[0])
    return data if kind == 0x0102 else None


def _filetime(ticks: int) -> Any:
    try:
        return dt.datetime(1601, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=ticks // 10)
    except OverflowError:
        return None


def _embedded(
    buf: bytes, title: str, index: int, inline: bool
) -> tuple[RawPart, Uninspected | None]:
    """An attached message, rebuilt as a small .eml from the properties held in its heap."""
    props = _Props(_heap_properties(buf), {})
    subject = _subject(props)
    name = f"{title or subject or f'attachment-{index}'}.eml"
    if not props.values:
        return RawPart(
            name,
            "message/rfc822",
            b"",
            inline,
            "",
            Uninspected(
                UninspectedReason.UNSUPPORTED, "embedded message in a PST store: not readable"
            ),
        ), None
    recipients = [
        (Party(n.strip(), ""), kind)
        for tag, kind in ((0x0E04, 1), (0x0E03, 2))
        for n in props.text(tag).split(";")
        if n.strip()
    ]
    headers = headers_from_properties(
        sender=_party(props, _SENDER),
        representing=_party(props, _REPRESENTING),
        recipients=recipients,
        subject=subject,
        date=props.get(0x0039),
        message_id=props.text(0x1035),
        sensitivity=props.get(0x0036),
    )
    note = Uninspected(
        UninspectedReason.UNSUPPORTED,
        f"attachment {index}: embedded message read only in part (its "
        "properties held in the store's sub-nodes are not reachable)",
    )
    return RawPart(name, "message/rfc822", _as_eml(headers, props.text(0x1000)), inline), note


def _as_eml(headers: Headers, body: str) -> bytes:
    """Headers and a text body as an RFC 5322 message (UTF-8 headers, as RFC 6532 allows)."""
    lines = [f"{k}: {' '.join(v.split())}" for k, v in headers]
    lines += [
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: 8bit",
        "",
        body.replace("\r\n", "\n"),
    ]
    return "\r\n".join(lines).encode("utf-8", "replace")


# --- the store -----------------------------------------------------------------------------


def _class(props: _Props) -> str:
    return props.text(0x001A).lower()


def _item_raw(item: Any, names: NamedMap, limits: Limits) -> RawMessage | None:
    """One store item as a RawMessage; None for the store's own records (free/busy, views)."""
    props = _item_props(item, names)
    cls = _class(props)
    if cls.startswith(_SYSTEM_CLASSES):
        return None
    recipients, known = _recipients(item, names)
    headers, address_headers = _headers(props, recipients, known, cls, limits)
    plain, html = _bodies(props)
    if cls.startswith(("ipm.contact", "ipm.distlist")):
        plain = "\n\n".join(t for t in (_contact_text(props), plain) if t) or None
    calendar = (
        (_appointment(props, recipients, known, plain or "", cls),)
        if cls.startswith(_CALENDAR_CLASSES)
        else ()
    )
    parts, notes = _attachments(item, names, limits)
    return RawMessage(
        source_format="pst",
        headers=headers,
        address_headers=address_headers,
        text_plain=plain,
        text_html=html,
        parts=parts,
        calendar_parts=calendar,
        size=int(props.get(0x0E08) or 0),
        uninspected=notes,
    )


def _walk(folder: Any, label: str) -> Iterator[tuple[str, Any]]:
    """(folder path, item) depth first: a folder's items, then each sub-folder in store order."""
    for index in range(folder.number_of_sub_messages):
        try:
            yield label, folder.get_sub_message(index)
        except Exception as exc:  # an item libpff cannot open: reported in its place
            yield label, InputError(f"unreadable item in {label or '/'}: {short_reason(exc)}")
    for index in range(folder.number_of_sub_folders):
        try:
            sub = folder.get_sub_folder(index)
        except Exception as exc:
            yield label, InputError(f"unreadable folder in {label or '/'}: {short_reason(exc)}")
            continue
        name = clean(sub.name) or f"folder-{index + 1}"
        yield from _walk(sub, f"{label}/{name}" if label else name)


def _open(path: Path) -> Any:
    pypff = _pypff()
    store = pypff.file()
    try:
        store.open(str(path))
    except Exception as exc:  # libpff raises OSError with its own call chain as the text
        reason = str(exc).split(".", 1)[0].split(":", 1)[-1].strip() or type(exc).__name__
        raise InputError(f"unreadable .pst store: {reason}") from None
    return store


def _password_protected(store: Any) -> bool:
    """A store password is a CRC in the message store (PR_PST_PASSWORD, 0x67FF); 0 is none."""
    message_store = store.get_message_store()
    if message_store is None:
        return False
    props = _item_props(message_store, {})
    return bool(props.get(0x67FF))


def iter_pst(
    path: Path, ctx_factory: Callable[[], ParseContext]
) -> Iterator[tuple[str, Message | InputError]]:
    """Every item of a store, in folder traversal order, as (folder path, message or error).

    Raises `InputError` when the store cannot be opened (or the extra is missing), and
    `ProtectedInputError` for a password-protected store, before yielding anything.
    """
    store = _open(path)
    try:
        if _password_protected(store):
            raise ProtectedInputError(f"password-protected .pst store: {path.name}")
        root = store.get_root_folder()
        names = _named_map(store)
        yield from _read_items(_walk(root, ""), names, ctx_factory)
    except InputError:
        raise
    except Exception as exc:  # a store whose folder tree itself is damaged
        raise InputError(f"unreadable .pst store: {short_reason(exc)}") from None
    finally:
        store.close()


def _read_items(
    items: Iterator[tuple[str, Any]], names: NamedMap, ctx_factory: Callable[[], ParseContext]
) -> Iterator[tuple[str, Message | InputError]]:
    for label, item in items:
        if isinstance(item, InputError):
            yield label, item
            continue
        ctx = ctx_factory()
        try:
            raw = _item_raw(item, names, ctx.limits)
            if raw is not None:
                yield label, assemble(raw, ctx)
        except InputError as exc:
            yield label, exc
        except Exception as exc:  # one damaged item: reported, and the store goes on
            yield label, InputError(f"unreadable item in {label or '/'}: {short_reason(exc)}")

"""Calendars (`.ics` files, `text/calendar` parts) → `CalendarItem`s.

Norfolk's NCC-D2 and Telford's TWC-CAL judge what is written in diary entries, so every
calendar mailwarden meets is read, and none is refused for being imperfect. `icalendar` reads
it first. When it raises, drops an item, or drops a property a rule needs, the tolerant reader
in `_ics_tolerant` reads the whole text again and its items are marked `tolerant=True`.

In the real corpus (../shared/corpus/real/ics) `icalendar` 7.3 fails on seven files; six go
to the fallback and the seventh holds no calendar object at all:
- ical4j__valid_blankTzid.ics (Exchange 2010): `DTSTART;TZID=:` → "mandatory TZID not found";
- ical4j__invalid_boeing.ics: a seven-digit date in a VFREEBUSY (no items; read as empty);
- icalendar__issue_104_broken_calendar.ics: a stray `X` line before END:VCALENDAR;
- icalendar__parsing_error_in_UTC_offset.ics: offset +5744 in a VTIMEZONE (no items);
- icalendar__fuzz_testcase_vtimezone_lone_cr.ics: control characters and a lone CR in a bare
  VTIMEZONE; InputError before any parser runs;
- icalendar__big_bad_calendar.ics: no END:VCALENDAR, so `icalendar` returns nothing;
- icalendar__broken_ical.ics: `DTSTART;;VALUE=...` is dropped silently (kept in `errors`).
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import icalendar

from ..errors import InputError
from ._ics_tolerant import (
    ITEM_COMPONENTS,
    Scan,
    attachment_name,
    calendar_address,
    read_tolerant,
    scan_lines,
    unfold_bytes,
    unfold_text,
)
from .model import Address, CalendarItem

__all__ = [
    "DEFAULT_MAX_ITEMS",
    "CalendarRead",
    "calendar_address",
    "calendar_text",
    "parse_calendar",
    "read_calendar",
]

DEFAULT_MAX_ITEMS = 10_000
"""Items read from one calendar; a feed of years of events is still checked in bounded time."""
_COMPONENTS_PER_ITEM = 10
"""Components of any kind (VALARM, VTIMEZONE...) allowed per item before reading stops."""
_MIN_COMPONENTS = 1000
_NEEDED = frozenset(
    {"SUMMARY", "DESCRIPTION", "LOCATION", "UID", "DTSTART", "DTEND", "DUE", "ORGANIZER"}
    | {"ATTENDEE", "CLASS", "CATEGORIES", "ATTACH", None}
)
"""Properties a rule reads; `icalendar` dropping one of these sends the text to the fallback."""


@dataclass(frozen=True, slots=True)
class CalendarRead:
    """The items and how they were read, so a caller can mark a calendar as partly inspected.

    `capped`: the limits stopped reading early. `fallback`: why the tolerant reader was used
    ('' when `icalendar` read it).
    """

    items: tuple[CalendarItem, ...]
    capped: bool = False
    fallback: str = ""


def parse_calendar(
    data: bytes | str, *, max_items: int = DEFAULT_MAX_ITEMS
) -> tuple[CalendarItem, ...]:
    """Every VEVENT, VTODO and VJOURNAL in document order (at most `max_items`).

    Raises InputError only when the text holds no VCALENDAR, VEVENT, VTODO or VJOURNAL.
    """
    return read_calendar(data, max_items=max_items).items


def read_calendar(data: bytes | str, *, max_items: int = DEFAULT_MAX_ITEMS) -> CalendarRead:
    """As `parse_calendar`, also saying whether the caps cut it short and why a fallback ran."""
    if max_items < 0:
        raise ValueError("max_items must not be negative")
    lines = calendar_text(data).split("\n")
    max_components = max(max_items * _COMPONENTS_PER_ITEM, _MIN_COMPONENTS)
    scan = scan_lines(lines, max_items, max_components)
    if not scan.is_calendar:
        raise InputError("not a calendar: no BEGIN:VCALENDAR, VEVENT, VTODO or VJOURNAL line")
    if scan.capped:
        lines = lines[: scan.stop]
    reason = "nesting too deep" if scan.too_deep else ""
    if not reason:
        items, reason = _read_with_icalendar(_closed_text(lines, scan), scan.items, max_items)
        if not reason:
            return CalendarRead(items, scan.capped)
    tolerant = read_tolerant(lines, max_items=max_items, max_components=max_components)
    return CalendarRead(tolerant, scan.capped, reason)


def calendar_text(data: bytes | str) -> str:
    """Unfolded text with LF line ends; never fails on bytes.

    Folds are removed before decoding because some writers fold inside a UTF-8 sequence
    (RFC 5545 3.1 asks readers to restore it). Bytes are UTF-16 when a UTF-16 BOM says so,
    else UTF-8; a file that is not UTF-8 throughout is decoded line by line, so one stray
    cp1252 byte does not garble the UTF-8 names on every other line.
    """
    if isinstance(data, str):
        return unfold_text(data.removeprefix("\ufeff"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return unfold_text(data.decode("utf-16", errors="replace").removeprefix("\ufeff"))
    raw = unfold_bytes(data.removeprefix(codecs.BOM_UTF8))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return "\n".join(_decode_line(line) for line in raw.split(b"\n"))


def _decode_line(line: bytes) -> str:
    """UTF-8, else cp1252 (Outlook's usual 8-bit charset), else latin-1, which never fails."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")


def _closed_text(lines: Sequence[str], scan: Scan) -> str:
    """The lines, with END lines for what a cap left open so `icalendar` sees whole components."""
    closing = [f"END:{name}" for name in reversed(scan.open_at_stop)]
    return "\n".join([*lines, *closing, ""])


def _read_with_icalendar(
    text: str, expected: int, max_items: int
) -> tuple[tuple[CalendarItem, ...], str]:
    """Items via `icalendar`, or () and the reason the tolerant reader must be used instead."""
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
        items: list[CalendarItem] = []
        for calendar in calendars:
            method = _text(_first(calendar, "METHOD")).strip().upper()
            for component in calendar.walk():
                if component.name not in ITEM_COMPONENTS:
                    continue
                if any(key in _NEEDED for key, _ in component.errors):
                    return (), f"icalendar dropped a property: {component.errors[0][1][:120]}"
                items.append(_item(component, method))
    except Exception as error:  # any failure of the library means: fall back
        return (), f"icalendar failed: {type(error).__name__}: {str(error)[:120]}"
    if len(items) < expected:
        return (), f"icalendar found {len(items)} of {expected} items"
    return tuple(items[:max_items]), ""


def _item(component: Any, method: str) -> CalendarItem:
    """One `icalendar` component as a CalendarItem, with the same rules as the tolerant reader."""
    organizers = _addresses(_all(component, "ORGANIZER"))
    return CalendarItem(
        component=str(component.name),
        uid="\n".join(_text(v) for v in _all(component, "UID")).strip(),
        summary="\n".join(_text(v) for v in _all(component, "SUMMARY")),
        description="\n".join(_text(v) for v in _all(component, "DESCRIPTION")),
        location="\n".join(_text(v) for v in _all(component, "LOCATION")),
        start=_when(component, "DTSTART"),
        end=_when(component, "DTEND") or _when(component, "DUE"),
        organizer=organizers[0] if organizers else None,
        attendees=_addresses(_all(component, "ATTENDEE")),
        classification=(_text(_first(component, "CLASS")).strip().upper()),
        method=method,
        categories=tuple(_categories(_all(component, "CATEGORIES"))),
        attachment_names=tuple(_attachment_names(_all(component, "ATTACH"))),
    )


def _all(component: Any, name: str) -> list[Any]:
    """A property's values as a list: `icalendar` gives one value or a list when repeated."""
    value = component.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _first(component: Any, name: str) -> Any:
    values = _all(component, name)
    return values[0] if values else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _params(value: Any) -> dict[str, str]:
    params = getattr(value, "params", None) or {}
    return {str(key).upper(): _text(item) for key, item in params.items()}


def _when(component: Any, name: str) -> dt.date | dt.datetime | None:
    """A DATE or DATE-TIME as `icalendar` decoded it; periods and durations count as unreadable."""
    value = getattr(_first(component, name), "dt", None)
    return value if isinstance(value, dt.date) else None


def _addresses(values: Iterable[Any]) -> tuple[Address, ...]:
    found = (calendar_address(_text(v), _params(v).get("CN", "")) for v in values)
    return tuple(address for address in found if address is not None)


def _categories(values: Iterable[Any]) -> Iterable[str]:
    for value in values:
        names = getattr(value, "cats", None)
        for name in names if names is not None else [value]:
            text = _text(name).strip()
            if text:
                yield text


def _attachment_names(values: Iterable[Any]) -> Iterable[str]:
    for value in values:
        params = _params(value)
        binary = params.get("VALUE", "").upper() == "BINARY" or "ENCODING" in params
        name = attachment_name("" if binary else _text(value), params)
        if name:
            yield name

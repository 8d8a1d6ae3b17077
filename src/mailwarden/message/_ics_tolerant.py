"""A forgiving iCalendar reader for the calendars `icalendar` refuses.

Real calendars break the grammar in ways that do not hide what a policy must see: an
Exchange 2010 export with an empty TZID, a stray line before END:VCALENDAR, a missing
END:VCALENDAR, a property with an empty parameter, a UTC offset out of range in an unused
VTIMEZONE. Refusing such a file would leave its summaries and attendees unchecked, so this
reader keeps whatever can be read. Every step is linear in the input (plain scans and
single-character regex classes, no backtracking) and the number of components is capped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from .model import Address, CalendarItem

__all__ = [
    "ITEM_COMPONENTS",
    "ContentLine",
    "Scan",
    "attachment_name",
    "calendar_address",
    "parse_date_value",
    "read_tolerant",
    "scan_lines",
    "split_content_line",
    "split_text_list",
    "unescape_text",
    "unfold_bytes",
    "unfold_text",
    "zone_for",
]

ITEM_COMPONENTS = frozenset({"VEVENT", "VTODO", "VJOURNAL"})
"""Components that become a `CalendarItem`."""
MAX_DEPTH = 32
"""Deeper nesting is never legitimate; components below it are skipped, not stacked."""
_TEXT_FIELDS = ("SUMMARY", "DESCRIPTION", "LOCATION", "UID")
_WITH_PROPERTIES = ITEM_COMPONENTS | {"VCALENDAR"}
"""Components whose properties are kept: items, and VCALENDAR for its METHOD."""

_FOLD_STR = re.compile(r"\n[ \t]")
_FOLD_BYTES = re.compile(rb"\n[ \t]")
_NAME_END = re.compile(r"[;:]")
_PARAM_DELIM = re.compile(r"[;:,=]")
_VALUE_DELIM = re.compile(r"[;:,]")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_LIST_TOKEN = re.compile(r"\\.|,", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}

try:  # CLDR's Windows zone names, as shipped with icalendar; a small table if it moves.
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON as _WINDOWS_ZONES
except ImportError:  # pragma: no cover
    _WINDOWS_ZONES = {"GMT Standard Time": "Europe/London", "UTC": "UTC"}


def unfold_text(text: str) -> str:
    """Lines end in LF afterwards; CRLF and lone CR count as line ends (RFC 5545 3.1, leniently)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FOLD_STR.sub("", text)


def unfold_bytes(data: bytes) -> bytes:
    """As `unfold_text`, on bytes: a fold may split a UTF-8 sequence, so unfold before decoding."""
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return _FOLD_BYTES.sub(b"", data)


class ContentLine(NamedTuple):
    """`NAME;PARAM=VALUE:VALUE` taken apart; names upper-cased, parameter quotes removed."""

    name: str
    params: Mapping[str, str]
    value: str


def split_content_line(line: str) -> ContentLine | None:
    """Take a content line apart, skipping empty or broken parameters; None without a colon."""
    match = _NAME_END.search(line)
    if match is None:
        return None
    name = line[: match.start()].strip().upper()
    pos = match.start()
    params: dict[str, str] = {}
    no_quote_from = len(line) + 1  # where a search for a closing quote already failed
    while pos < len(line) and line[pos] == ";":
        pos, key, value, no_quote_from = _read_param(line, pos + 1, no_quote_from)
        if key and key not in params:
            params[key] = value
    if not name or pos >= len(line):
        return None
    return ContentLine(name, params, line[pos + 1 :])


def _read_param(line: str, pos: int, no_quote_from: int) -> tuple[int, str, str, int]:
    """One parameter from `pos`; returns where it ended (at `;`, `:` or the end) and its parts.

    `no_quote_from` remembers that no closing `"` follows, so many unclosed quotes stay linear.
    """
    match = _PARAM_DELIM.search(line, pos)
    if match is None:
        return len(line), "", "", no_quote_from
    key = line[pos : match.start()].strip().upper()
    pos = match.start()
    values: list[str] = []
    while pos < len(line) and line[pos] in "=,":
        start = pos + 1
        close = -1
        if start < len(line) and line[start] == '"' and start < no_quote_from:
            close = line.find('"', start + 1)
            no_quote_from = start if close == -1 else no_quote_from
        if close != -1:
            values.append(line[start + 1 : close])
            pos = close + 1
            continue
        delim = _VALUE_DELIM.search(line, start)
        pos = delim.start() if delim else len(line)
        values.append(line[start:pos].strip().strip('"'))
    if pos < len(line) and line[pos] not in ";:":  # junk after a closing quote
        delim = _NAME_END.search(line, pos)
        pos = delim.start() if delim else len(line)
    return pos, key, ",".join(values), no_quote_from


def unescape_text(value: str) -> str:
    """TEXT escapes (`\\n`, `\\,`, `\\;`, `\\\\`) back to characters."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), value)


def split_text_list(value: str) -> list[str]:
    """A comma-separated TEXT list (CATEGORIES), split on unescaped commas and unescaped."""
    parts: list[str] = []
    start = 0
    for match in _LIST_TOKEN.finditer(value):
        if match.group() == ",":
            parts.append(value[start : match.start()])
            start = match.end()
    parts.append(value[start:])
    return [text for text in (unescape_text(p).strip() for p in parts) if text]


@lru_cache(maxsize=256)
def zone_for(tzid: str) -> dt.tzinfo | None:
    """A zone for a TZID: an IANA name, a Windows name, or a path ending in one (Mozilla).

    None when unknown, so the time stays naive rather than being guessed.
    """
    tzid = tzid.strip().strip('"').strip()
    if not tzid or len(tzid) > 200:
        return None
    segments = [s for s in tzid.split("/") if s]
    candidates = [_WINDOWS_ZONES.get(tzid, tzid)]
    candidates += ["/".join(segments[-n:]) for n in (3, 2) if len(segments) > n]
    for key in candidates:
        try:
            return ZoneInfo(key)
        except (ValueError, KeyError, OSError):
            continue
    return None


def parse_date_value(value: str, params: Mapping[str, str]) -> dt.date | dt.datetime | None:
    """DATE or DATE-TIME as written: `Z` is UTC, a known TZID gives an aware time, else naive."""
    text = value.strip().split(",", 1)[0].split("/", 1)[0].upper()
    text = text.replace("-", "").replace(":", "")
    utc = text.endswith("Z")
    date_part, has_time, time_part = text.removesuffix("Z").partition("T")
    if len(date_part) != 8 or not date_part.isdigit():
        return None
    try:
        day = dt.date(int(date_part[:4]), int(date_part[4:6]), int(date_part[6:]))
        if not has_time:
            return day
        if len(time_part) not in (4, 6) or not time_part.isdigit():
            return None
        clock = dt.time(int(time_part[:2]), int(time_part[2:4]), int(time_part[4:6] or 0))
    except ValueError:
        return None
    zone = dt.UTC if utc else zone_for(params.get("TZID", ""))
    return dt.datetime.combine(day, clock, zone)


def _domain(domain: str) -> str:
    domain = domain.strip().strip("[]>").rstrip(".").lower()
    if "xn--" in domain:
        with suppress(UnicodeError, ValueError):
            domain = domain.encode("ascii").decode("idna")
    return domain


def calendar_address(value: str, common_name: str = "") -> Address | None:
    """ORGANIZER/ATTENDEE value (`mailto:...`) and its CN as an `Address`; None when both empty.

    `registrable_domain` is left '' for the address module to fill.
    """
    uri = value.strip()
    if uri[:7].lower() == "mailto:":
        uri = uri[7:].strip()
    if "%" in uri:
        uri = unquote(uri)
    uri = uri.strip("<>")
    name = common_name.strip().strip('"').strip()
    if not uri and not name:
        return None
    local, at, domain = uri.rpartition("@")
    if not at:
        return Address(name, uri, "")
    return Address(name, local, _domain(domain))


def attachment_name(value: str, params: Mapping[str, str]) -> str:
    """A FILENAME-like parameter (FILENAME, X-FILENAME, X-APPLE-FILENAME) or the URI's last segment.

    '' for inline binary content without a name, and for `cid:` and `data:` URIs, whose
    "segment" is an identifier or the content itself rather than a name.
    """
    for key, name in params.items():
        if key.endswith("FILENAME") and name.strip():
            return name.strip()
    binary = params.get("VALUE", "").upper() == "BINARY"
    if binary or params.get("ENCODING", "").upper() == "BASE64":
        return ""
    uri = value.strip()
    if uri[:4].lower() in ("cid:", "mid:") or uri[:5].lower() == "data:":
        return ""
    try:
        path = urlsplit(uri).path
    except ValueError:
        path = uri
    return unquote(path.rstrip("/").rsplit("/", 1)[-1]).strip()


def _marker(line: str) -> tuple[bool, str] | None:
    """(True, NAME) for BEGIN:NAME, (False, NAME) for END:NAME, else None."""
    if line[:6].upper() == "BEGIN:":
        return True, line[6:].strip().upper()
    if line[:4].upper() == "END:":
        return False, line[4:].strip().upper()
    return None


@dataclass(frozen=True, slots=True)
class Scan:
    """What a quick pass over the lines found, before any parser is trusted with them.

    `stop` is the index of the first line not to read (the caps), `open_at_stop` the
    components still open there, outermost first, so the text can be closed off.
    """

    is_calendar: bool
    items: int
    stop: int
    open_at_stop: tuple[str, ...]
    too_deep: bool

    @property
    def capped(self) -> bool:
        """More items or components than the limits allow: the rest were not read."""
        return self.stop >= 0


def scan_lines(lines: Sequence[str], max_items: int, max_components: int) -> Scan:
    """Count items and components in one pass and find where the caps cut the text."""
    stack: list[str] = []
    items = components = 0
    is_calendar = too_deep = False
    for index, line in enumerate(lines):
        marker = _marker(line)
        if marker is None:
            continue
        begin, name = marker
        if not begin:
            del stack[_open_index(stack, name) :]
            continue
        is_item = name in ITEM_COMPONENTS
        is_calendar = is_calendar or is_item or name == "VCALENDAR"
        if components >= max_components or (is_item and items >= max_items):
            return Scan(is_calendar, items, index, tuple(stack), too_deep)
        components += 1
        items += is_item
        if len(stack) < MAX_DEPTH:
            stack.append(name)
        else:
            too_deep = True
    return Scan(is_calendar, items, -1, (), too_deep)


def _open_index(names: Sequence[str], name: str) -> int:
    """Where the innermost open `name` is, so END closes it and anything left open inside it.

    The length of `names` when it is not open: an END with no BEGIN closes nothing.
    """
    for depth in range(len(names) - 1, -1, -1):
        if names[depth] == name:
            return depth
    return len(names)


@dataclass(slots=True)
class _Frame:
    name: str
    calendar: _Frame | None = None
    props: list[ContentLine] = field(default_factory=list)


def read_tolerant(
    lines: Iterable[str], *, max_items: int, max_components: int
) -> tuple[CalendarItem, ...]:
    """Every VEVENT/VTODO/VJOURNAL in order, tolerating bad lines and missing ENDs.

    A BEGIN of an item while another is open closes the first (items do not nest).
    """
    stack: list[_Frame] = []
    found: list[_Frame] = []
    components = overflow = 0
    for line in lines:
        marker = _marker(line)
        if marker is None:
            if stack and not overflow and stack[-1].name in _WITH_PROPERTIES:
                _keep_property(stack[-1], line)
            continue
        begin, name = marker
        if not begin:
            if overflow:
                overflow -= 1
            else:
                del stack[_open_index([f.name for f in stack], name) :]
            continue
        if components >= max_components or (name in ITEM_COMPONENTS and len(found) >= max_items):
            break
        components += 1
        if overflow or len(stack) >= MAX_DEPTH:
            overflow += 1
            continue
        if name in ITEM_COMPONENTS:
            _close_items(stack)
        frame = _Frame(name, next((f for f in reversed(stack) if f.name == "VCALENDAR"), None))
        stack.append(frame)
        if name in ITEM_COMPONENTS:
            found.append(frame)
    return tuple(_build(frame) for frame in found)


def _keep_property(frame: _Frame, line: str) -> None:
    """Keep a property line of an item, or the METHOD of a VCALENDAR; others are not needed."""
    prop = split_content_line(line)
    if prop is not None and (frame.name != "VCALENDAR" or prop.name == "METHOD"):
        frame.props.append(prop)


def _close_items(stack: list[_Frame]) -> None:
    """Close an open item (and what is open inside it) because another item begins."""
    for depth, frame in enumerate(stack):
        if frame.name in ITEM_COMPONENTS:
            del stack[depth:]
            return


def _build(frame: _Frame) -> CalendarItem:
    """One item from its own properties (not those of its VALARMs)."""
    texts: dict[str, list[str]] = {name: [] for name in _TEXT_FIELDS}
    dates: dict[str, dt.date | dt.datetime | None] = {}
    attendees: list[Address] = []
    organizer: Address | None = None
    classification = ""
    categories: list[str] = []
    attachments: list[str] = []
    for prop in frame.props:
        name = prop.name
        if name in texts:
            texts[name].append(unescape_text(prop.value))
        elif name in ("DTSTART", "DTEND", "DUE") and name not in dates:
            dates[name] = parse_date_value(prop.value, prop.params)
        elif name in ("ORGANIZER", "ATTENDEE"):
            address = calendar_address(prop.value, prop.params.get("CN", ""))
            if address is not None and name == "ATTENDEE":
                attendees.append(address)
            elif address is not None and organizer is None:
                organizer = address
        elif name == "CLASS" and not classification:
            classification = unescape_text(prop.value).strip().upper()
        elif name == "CATEGORIES":
            categories += split_text_list(prop.value)
        elif name == "ATTACH" and (attached := attachment_name(prop.value, prop.params)):
            attachments.append(attached)
    method = ""
    if frame.calendar is not None:
        method = next((p.value for p in frame.calendar.props if p.name == "METHOD"), "")
    return CalendarItem(
        component=frame.name,
        uid="\n".join(texts["UID"]).strip(),
        summary="\n".join(texts["SUMMARY"]),
        description="\n".join(texts["DESCRIPTION"]),
        location="\n".join(texts["LOCATION"]),
        start=dates.get("DTSTART"),
        end=dates.get("DTEND") or dates.get("DUE"),
        organizer=organizer,
        attendees=tuple(attendees),
        classification=classification,
        method=method.strip().upper(),
        categories=tuple(categories),
        attachment_names=tuple(attachments),
        tolerant=True,
    )

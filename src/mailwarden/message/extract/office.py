"""Office Open XML (Word, Excel, PowerPoint) to text.

For Word and PowerPoint the libraries open the package; the text is then read straight
from the XML in document order, because that catches what their object models leave out
and personal data hides in: text boxes, content controls, tracked deletions, comments,
footnotes and speaker notes. Excel needs no library: its sheets (hidden ones too) are
streamed through expat, which is several times faster than a spreadsheet library and holds
one row at a time. The zip directory is checked for bombs first (`check_container`).
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from typing import Any, NoReturn
from xml.etree.ElementTree import Element
from xml.parsers import expat

import docx
import pptx
from defusedxml.ElementTree import fromstring
from docx.oxml.parser import parse_xml

from ..limits import ParseContext
from ..model import UninspectedReason
from .archive import check_container
from .outcome import Extracted, TextSink, Unreadable

__all__ = ["extract_docx", "extract_pptx", "extract_xlsx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_W_RUN = f"{_W}r"
_W_TEXT = frozenset({f"{_W}t", f"{_W}delText"})
_W_BREAK = frozenset({f"{_W}br", f"{_W}cr"})
_W_TAGS = (f"{_W}p", f"{_W}t", f"{_W}delText", f"{_W}tab", f"{_W}br", f"{_W}cr")
_A_TAGS = (f"{_A}p", f"{_A}t", f"{_A}br")
_WORD_EXTRA_PARTS = re.compile(r"^/word/(header|footer|footnotes|endnotes|comments)\d*\.xml$")


def _lines(element: Any, paragraph: str, texts: frozenset[str], breaks: frozenset[str],
           tags: tuple[str, ...]) -> Iterable[str]:  # fmt: skip
    """Paragraph texts of an XML tree, walking it once in document order."""
    current: list[str] = []
    for node in element.iter(*tags):
        tag = node.tag
        if tag == paragraph:
            if current:
                yield "".join(current)
                current = []
        elif tag in texts:
            current.append(node.text or "")
        elif tag in breaks:
            current.append("\n")
        elif node.getparent().tag == _W_RUN:  # a tab character, not a tab-stop definition
            current.append("\t")
    if current:
        yield "".join(current)


def _feed(lines: Iterable[str], sink: TextSink) -> bool:
    for line in lines:
        if not sink.line(line):
            return False
    return not sink.full


def extract_docx(data: bytes, ctx: ParseContext, sink: TextSink) -> Extracted:
    """Body (tables, text boxes, tracked deletions), then headers, footers, notes, comments."""
    check_container(data, ctx)
    document = docx.Document(io.BytesIO(data))
    word = (_W_TEXT, _W_BREAK, _W_TAGS)
    if not _feed(_lines(document.element.body, f"{_W}p", *word), sink):
        return Extracted()
    extra = [p for p in document.part.package.iter_parts() if _WORD_EXTRA_PARTS.match(p.partname)]
    for part in sorted(extra, key=lambda p: str(p.partname)):
        element = getattr(part, "element", None)
        root = element if element is not None else parse_xml(part.blob)
        if not _feed(_lines(root, f"{_W}p", *word), sink):
            break
    return Extracted()


def extract_pptx(data: bytes, ctx: ParseContext, sink: TextSink) -> Extracted:
    """Each slide as `[Slide n]`, its text (groups, tables included), then its notes."""
    check_container(data, ctx)
    deck = pptx.Presentation(io.BytesIO(data))
    drawing = (frozenset({f"{_A}t"}), frozenset({f"{_A}br"}), _A_TAGS)
    for number, slide in enumerate(deck.slides, 1):
        if not sink.line(f"[Slide {number}]"):
            break
        if not _feed(_lines(slide.element, f"{_A}p", *drawing), sink):
            break
        if slide.has_notes_slide:
            notes = slide.notes_slide.element
            if not _feed(_lines(notes, f"{_A}p", *drawing), sink):
                break
    return Extracted()


# --- Excel ---------------------------------------------------------------------------------
#
# Read straight from the package in one streaming pass: workbook.xml names the sheets in
# order (hidden ones too) and the relationships give their parts; sharedStrings.xml is held
# as a list; each sheet is fed through expat in chunks, so a sheet of any length is read in
# constant memory and stops at the limits between chunks and rows. Parts are read through
# `zipfile`, which never inflates past a member's declared size, after `check_container`
# has checked those sizes (ratio and budget). Any DTD is refused before it is read: no DTD,
# no entities, so nothing can expand (billion laughs) or be fetched (XXE).

_MAIN = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict OOXML
)
_RELATIONSHIP_ID = tuple(
    f"{{{ns}}}id"
    for ns in (
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    )
)
_LOCAL = {
    f"{ns}}}{name}": name for ns in _MAIN for name in ("row", "c", "v", "t", "is", "si", "rPh")
}
"""The SpreadsheetML elements the streaming pass acts on, by expat's `namespace}name`."""

_CHUNK = 64 * 1024
_LAST_COLUMN = 16_384  # XFD
_DIGITS = "0123456789"
_COLUMNS: dict[str, int] = {}

_WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
_MAC_EPOCH = dt.datetime(1904, 1, 1)
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_DURATION_FORMAT_IDS = frozenset({46})  # [h]:mm:ss
_FORMAT_LITERALS = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DURATION_CODE = re.compile(
    r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE
)


class _Stop(Exception):  # noqa: N818 - a signal, not an error
    """Raised from a parser callback once the sink takes no more."""


def extract_xlsx(data: bytes, ctx: ParseContext, sink: TextSink) -> Extracted:
    """Every worksheet (hidden ones too) as `[name]` then one tab-separated line per row."""
    check_container(data, ctx)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = _Workbook(archive, sink, ctx.limits.max_text_chars)
        if not book.load_strings():
            return Extracted()
        for name, part in book.sheets:
            if not sink.line(f"[{name}]") or not book.stream(part, _Sheet(book)):
                break
    return Extracted()


class _Workbook:
    """The package's parts, the sheets in workbook order, shared strings and date styles."""

    __slots__ = ("archive", "dates", "durations", "epoch", "max_chars", "parts", "sheets",
                 "sink", "strings", "strings_part")  # fmt: skip

    def __init__(self, archive: zipfile.ZipFile, sink: TextSink, max_chars: int) -> None:
        self.archive = archive
        self.sink = sink
        self.max_chars = max_chars
        self.parts = {info.filename.lower(): info for info in archive.infolist()}
        main = self._main_part()
        base = posixpath.dirname(main)
        workbook = self._tree(main)
        relations = self._relations(main)
        settings = next((e for e in workbook.iter() if _local(e.tag) == "workbookPr"), None)
        date1904 = settings is not None and settings.get("date1904", "").lower() in ("1", "true")
        self.epoch = _MAC_EPOCH if date1904 else _WINDOWS_EPOCH
        self.sheets: list[tuple[str, str]] = []
        for sheet in workbook.iter():
            if _local(sheet.tag) != "sheet":
                continue
            rid = next((sheet.get(key) for key in _RELATIONSHIP_ID if sheet.get(key)), None)
            kind, target = relations.get(rid or "", ("", ""))
            if kind.endswith("/worksheet"):
                self.sheets.append((sheet.get("name", ""), _resolve(base, target)))
        by_kind = {kind.rsplit("/", 1)[-1]: target for kind, target in relations.values()}
        strings = by_kind.get("sharedStrings")
        self.strings_part = _resolve(base, strings) if strings else ""
        self.strings: list[str] = []
        styles = by_kind.get("styles")
        self.dates: frozenset[str] = frozenset()
        self.durations: frozenset[str] = frozenset()
        if styles and _resolve(base, styles).lower() in self.parts:
            self.dates, self.durations = _date_styles(self._tree(_resolve(base, styles)))

    def _main_part(self) -> str:
        """The workbook part, as the package's root relationships name it."""
        if "_rels/.rels" in self.parts:
            for kind, target in self._relations("").values():
                if kind.endswith("/officeDocument"):
                    return _resolve("", target)
        return "xl/workbook.xml"

    def _tree(self, part: str) -> Element:
        tree: Element = fromstring(self.archive.read(self.parts[part.lower()]))
        return tree

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Id to (type, target) from the part's .rels file; external targets left out."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels.lower() not in self.parts:
            return {}
        found = {}
        for relation in self._tree(rels).iter():
            if _local(relation.tag) == "Relationship" and relation.get("TargetMode") != "External":
                found[relation.get("Id", "")] = (
                    relation.get("Type", ""),
                    relation.get("Target", ""),
                )
        return found

    def load_strings(self) -> bool:
        """Read sharedStrings.xml (if any); False when the limits stopped it."""
        if not self.strings_part or self.strings_part.lower() not in self.parts:
            return True
        return self.stream(self.strings_part, _Strings(self.strings, self.max_chars))

    def stream(self, part: str, handler: _Handler) -> bool:
        """Feed `part` through expat into `handler`; False once the sink takes no more."""
        parser = _expat(handler)
        try:
            with self.archive.open(self.parts[part.lower()]) as stream:
                while chunk := stream.read(_CHUNK):
                    parser.Parse(chunk, False)
                    if not self.sink.add(""):  # an empty piece only checks the deadline
                        return False
                parser.Parse(b"", True)
        except _Stop:
            return False
        return True


class _Handler:
    """Expat callbacks: `start` and `end` get `namespace}name`, `text` the character data,
    kept only while `chars` is a string (inside a `<v>` or `<t>`)."""

    __slots__ = ("chars",)

    def __init__(self) -> None:
        self.chars: str | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        raise NotImplementedError

    def end(self, name: str) -> None:
        raise NotImplementedError

    def text(self, data: str) -> None:
        if self.chars is not None:
            self.chars += data


def _expat(handler: _Handler) -> Any:
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.text
    return parser


def _refuse_dtd(*_: object) -> NoReturn:
    raise Unreadable(UninspectedReason.CORRUPT, "xlsx part with a DTD (refused: entities)")


class _Strings(_Handler):
    """sharedStrings.xml: each `<si>`, its rich-text runs joined, phonetic runs left out."""

    __slots__ = ("max_chars", "parts", "phonetic", "strings")

    def __init__(self, strings: list[str], max_chars: int) -> None:
        super().__init__()
        self.strings = strings
        self.max_chars = max_chars
        self.parts: list[str] = []
        self.phonetic = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _LOCAL.get(name)
        if tag == "t":
            if not self.phonetic:
                self.chars = ""
        elif tag == "si":
            self.parts = []
        elif tag == "rPh":
            self.phonetic = True

    def end(self, name: str) -> None:
        tag = _LOCAL.get(name)
        if tag == "t":
            if self.chars is not None:
                self.parts.append(self.chars)
                self.chars = None
        elif tag == "si":
            self.strings.append("".join(self.parts)[: self.max_chars])
            self.parts = []
        elif tag == "rPh":
            self.phonetic = False


class _Sheet(_Handler):
    """A worksheet's `<sheetData>`: one tab-separated line per row, into the sink."""

    __slots__ = ("book", "cells", "inline", "kind", "phonetic", "sink", "style", "value")

    def __init__(self, book: _Workbook) -> None:
        super().__init__()
        self.book = book
        self.sink = book.sink
        self.cells: list[str] = []
        self.kind: str | None = None
        self.style: str | None = None
        self.value = ""
        self.inline = False
        self.phonetic = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _LOCAL.get(name)
        if tag == "c":
            self.kind = attrs.get("t")
            self.style = attrs.get("s")
            self.value = ""
            ref = attrs.get("r")
            if ref:
                column = _COLUMNS.get(ref.rstrip(_DIGITS)) or _column(ref)
                if column > len(self.cells) + 1:  # cells left out are empty, as in Excel
                    self.cells.extend([""] * (column - 1 - len(self.cells)))
        elif tag == "v" or (tag == "t" and self.inline and not self.phonetic):
            self.chars = ""
        elif tag == "row":
            self.cells = []
        elif tag == "is":
            self.inline = True
        elif tag == "rPh":
            self.phonetic = True

    def end(self, name: str) -> None:
        tag = _LOCAL.get(name)
        if tag == "c":
            self.cells.append(self._cell() if self.value else "")
        elif tag in ("v", "t"):
            if self.chars is not None:
                self.value += self.chars  # a <v>, or the runs of an inline string
                self.chars = None
        elif tag == "row":
            cells = self.cells
            while cells and not cells[-1]:
                cells.pop()
            if cells and not self.sink.line("\t".join(cells)):
                raise _Stop
        elif tag == "is":
            self.inline = False
        elif tag == "rPh":
            self.phonetic = False

    def _cell(self) -> str:
        """A cell as a person reads it: 9434765919, not 9434765919.0 or 9.43e9."""
        kind, value = self.kind, self.value
        if kind is None or kind == "n":
            return self._number(value)
        if kind == "s":
            index = int(value) if value.isdigit() else -1
            strings = self.book.strings
            return strings[index] if 0 <= index < len(strings) else ""
        if kind == "b":
            return "TRUE" if value.strip() == "1" else "FALSE"
        return value  # inlineStr, str (a formula's text), e (an error, #N/A), d (an ISO date)

    def _number(self, text: str) -> str:
        style = self.style
        if style is not None and style in self.book.dates:
            try:
                return _excel_date(float(text), self.book.epoch, style in self.book.durations)
            except (ValueError, OverflowError):
                return text
        if text.isdigit() or (text[:1] == "-" and text[1:].isdigit()):
            return str(int(text))
        try:
            number = float(text)
        except ValueError:
            return text
        if number.is_integer() and abs(number) < 1e16:
            return str(int(number))
        return str(number)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _resolve(base: str, target: str) -> str:
    """A relationship target as a part name: absolute from the package root, else relative."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")


def _column(ref: str) -> int:
    """The 1-based column of a cell reference such as `AB12` (0 when it names none)."""
    letters = ref.rstrip(_DIGITS)
    column = _COLUMNS.get(letters)
    if column is None:
        column = 0
        for char in letters:
            digit = ord(char) - 64
            if not 1 <= digit <= 26:
                return 0
            column = min(column * 26 + digit, _LAST_COLUMN)
        if len(letters) <= 3:
            _COLUMNS[letters] = column
    return column


def _date_styles(styles: Element) -> tuple[frozenset[str], frozenset[str]]:
    """Indexes (as in a cell's `s`) of the cell formats that show dates, and of durations."""
    custom: dict[str, str] = {}
    formats: list[str] = []
    for element in styles:
        tag = _local(element.tag)
        if tag == "numFmts":
            custom.update((f.get("numFmtId", ""), f.get("formatCode", "")) for f in element)
        elif tag == "cellXfs":
            formats = [xf.get("numFmtId", "0") for xf in element if _local(xf.tag) == "xf"]
    dates: set[str] = set()
    durations: set[str] = set()
    for index, format_id in enumerate(formats):
        code = custom.get(format_id)
        if code is not None:
            first = code.split(";", 1)[0]
            is_date = _DATE_CODE.search(_FORMAT_LITERALS.sub("", first)) is not None
            is_duration = _DURATION_CODE.search(first) is not None
        else:
            number = int(format_id) if format_id.isdigit() else 0
            is_date, is_duration = number in _DATE_FORMAT_IDS, number in _DURATION_FORMAT_IDS
        if is_date:
            dates.add(str(index))
        if is_duration:
            durations.add(str(index))
    return frozenset(dates), frozenset(durations)


def _excel_date(serial: float, epoch: dt.datetime, duration: bool) -> str:
    """An Excel date serial in ISO form (a time alone below 1, a duration if so formatted)."""
    if duration:
        delta = dt.timedelta(days=serial)
        return str(
            dt.timedelta(
                seconds=delta.total_seconds() // 1, milliseconds=delta.microseconds // 1000
            )
        )
    day, fraction = divmod(serial, 1)
    offset = dt.timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and offset.days == 0:
        minutes, seconds = divmod(offset.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return dt.time(hours, minutes, seconds, offset.microseconds).isoformat()
    if 0 < serial < 60 and epoch == _WINDOWS_EPOCH:
        day += 1  # Excel's 29 February 1900, which never was
    return (epoch + dt.timedelta(days=day) + offset).isoformat()

"""Office Open XML (Word, Excel, PowerPoint) to text.

The libraries open the package; the text is then read straight from the XML in document
order, because that catches what their object models leave out and personal data hides
in: text boxes, content controls, tracked deletions, comments, footnotes, hidden sheets
and speaker notes. The zip directory is checked for bombs first (`check_container`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

import docx
import openpyxl
import pptx
from docx.oxml.parser import parse_xml

from ..limits import ParseContext
from .archive import check_container
from .outcome import Extracted, TextSink

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


def extract_xlsx(data: bytes, ctx: ParseContext, sink: TextSink) -> Extracted:
    """Every worksheet (hidden ones too) as `[name]` then one tab-separated line per row."""
    check_container(data, ctx)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            if not sink.line(f"[{sheet.title}]"):
                break
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # a lying <dimension> must not pad every row
            if not _feed(_rows(sheet.iter_rows(values_only=True)), sink):
                break
    finally:
        book.close()
    return Extracted()


def _rows(rows: Iterable[tuple[object, ...]]) -> Iterable[str]:
    for row in rows:
        cells = [_cell(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            yield "\t".join(cells)


def _cell(value: object) -> str:
    """A cell as a person reads it: 9434765919, not 9434765919.0 or 9.43e9."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


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

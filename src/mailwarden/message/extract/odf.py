"""OpenDocument (ODT, ODS, ODP) to text, from `content.xml` and the page styles.

The XML is parsed with defusedxml, so entity tricks (billion laughs, external entities)
fail as `corrupt` rather than running; repeated rows and columns are not expanded, since
repeats carry no new text.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring

from ..limits import ParseContext
from .archive import check_container
from .outcome import Extracted, TextSink

__all__ = ["extract_odf"]

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_PARAGRAPHS = frozenset({f"{_TEXT}p", f"{_TEXT}h"})
_CELLS = frozenset({f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"})
_HEADER_FOOTER = frozenset(
    {f"{_STYLE}{kind}{side}" for kind in ("header", "footer") for side in ("", "-left", "-first")}
)
_MAX_SPACES = 1000


def extract_odf(data: bytes, ctx: ParseContext, sink: TextSink) -> Extracted:
    """Body text (paragraphs, tables row by row, named sheets and pages), then headers/footers."""
    check_container(data, ctx)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml")
        styles = archive.read("styles.xml") if "styles.xml" in archive.namelist() else b""
    if not _walk(fromstring(content), sink) or not styles:
        return Extracted()
    for element in fromstring(styles).iter():
        if element.tag in _HEADER_FOOTER and not _walk(element, sink):
            break
    return Extracted()


def _walk(element: Element, sink: TextSink) -> bool:
    """Write the text below `element`; False once the sink is full."""
    for child in element:
        tag = child.tag
        if tag in _PARAGRAPHS:
            ok = sink.line(_inline(child))
        elif tag == f"{_TABLE}table-row":
            ok = sink.line(_row(child))
        elif tag in (f"{_TABLE}table", f"{_DRAW}page"):
            name = child.get(f"{_TABLE}name") or child.get(f"{_DRAW}name") or ""
            ok = sink.line(f"[{name}]" if name else "") and _walk(child, sink)
        else:
            ok = _walk(child, sink)
        if not ok:
            return False
    return True


def _row(row: Element) -> str:
    cells = [
        " ".join(_inline(p) for p in cell.iter() if p.tag in _PARAGRAPHS)
        for cell in row
        if cell.tag in _CELLS
    ]
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _inline(element: Element) -> str:
    """A paragraph's text with ODF's space, tab and line-break elements spelled out."""
    pieces = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            pieces.append(" " * min(int(count) if count.isdigit() else 1, _MAX_SPACES))
        elif tag == f"{_TEXT}tab":
            pieces.append("\t")
        elif tag == f"{_TEXT}line-break":
            pieces.append("\n")
        else:
            pieces.append(_inline(child))
        pieces.append(child.tail or "")
    return "".join(pieces)

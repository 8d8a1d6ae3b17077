"""Plain text, CSV and HTML: decoded inline (no worker), because they cannot run away.

Decoding never raises: a BOM wins, then a charset named in the label, then UTF-8, then
`charset-normalizer`'s best guess, and as a last resort cp1252 with replacement characters,
so a mislabelled file is still inspected rather than skipped.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..html import html_to_text
from .outcome import Extracted, TextSink

__all__ = ["decode_text", "extract_html", "extract_text"]

_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GUESS_BYTES = 256 * 1024
"""charset-normalizer looks at most this much; its guess is applied to the whole file."""


def decode_text(data: bytes, declared: str = "") -> str:
    """Bytes to str by BOM, declared charset, UTF-8, then a guess; never raises."""
    for bom, codec in _BOM_CODECS:
        if data.startswith(bom):
            return data.decode(codec, "replace")
    named = _CHARSET_PARAM.search(declared)
    if named:
        try:
            return data.decode(named.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode(_guess_codec(data), "replace")


def _guess_codec(data: bytes) -> str:
    """charset-normalizer's guess, except UTF-16/32 for NUL-free bytes (a known misfire)."""
    sample = data[:_GUESS_BYTES]
    try:
        best = from_bytes(sample).best()
    except Exception:
        best = None
    if best is None or (best.encoding.startswith(("utf_16", "utf_32")) and b"\x00" not in sample):
        return "cp1252"
    try:
        codecs.lookup(best.encoding)
    except LookupError:
        return "cp1252"
    return str(best.encoding)


def extract_text(data: bytes, declared: str, sink: TextSink) -> Extracted:
    """Plain text and CSV: the decoded text as it is (detectors read CSV fine)."""
    sink.add(decode_text(data, declared))
    return Extracted()


def extract_html(data: bytes, declared: str, sink: TextSink) -> Extracted:
    """An HTML file: its visible text, rendered exactly as an HTML body is."""
    sink.add(html_to_text(decode_text(data, declared)))
    return Extracted()

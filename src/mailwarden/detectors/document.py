"""The text being scanned, prepared once and shared by every detector.

Detectors look at the same text many times (the span, the words around it), so the
lower-cased copy and the one-byte-per-character encoding the scanner needs are made once
per call to `detect`, not once per detector.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._table import header_cell, header_row

__all__ = ["Document"]


@dataclass(frozen=True, slots=True)
class Document:
    """`text`, its lower-cased form, and a Latin-1 image with the same offsets.

    `scan_bytes` has one byte per code point (characters outside Latin-1 become `?`), so an
    offset the byte scanner reports is the same `str` index: no offset map is needed.
    """

    text: str
    lower: str = field(init=False)
    scan_bytes: bytes = field(init=False)
    _rows: dict[int, tuple[str, tuple[str, ...]]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    """Table header rows by line start, found once per line however many values it holds."""

    def __post_init__(self) -> None:
        lower = self.text.lower()
        if len(lower) != len(self.text):  # 'İ'.lower() is two code points: keep offsets
            lower = "".join(c.lower()[:1] for c in self.text)
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "scan_bytes", self.text.encode("latin-1", "replace"))

    def before(self, start: int, chars: int) -> str:
        """Lower-cased text up to `chars` characters before `start`."""
        return self.lower[max(0, start - chars) : start]

    def after(self, end: int, chars: int) -> str:
        """Lower-cased text up to `chars` characters after `end`."""
        return self.lower[end : end + chars]

    def column_header(self, pos: int) -> str:
        """The header cell of the table column `pos` is in ('' outside a table)."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        row = self._rows.get(line_start)
        if row is None:
            row = self._rows[line_start] = header_row(self.text, line_start)
        return header_cell(self.text, row, line_start, pos)

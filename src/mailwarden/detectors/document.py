"""The text being scanned, prepared once and shared by every detector.

Detectors look at the same text many times (the span, the words around it), so the
lower-cased copy and the one-byte-per-character encoding the scanner needs are made once
per call to `detect`, not once per detector.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._table import column_header

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
        return column_header(self.text, pos)

"""One pass over the text for every pattern of every detector.

Hyperscan (the `hyperscan` package: Intel's multi-pattern engine, BSD licensed, with wheels)
runs all candidate patterns together at hundreds of MB/s; the Python `re` module then only
confirms each candidate in a small window. Where Hyperscan cannot be imported the same
patterns run one by one with `re`: slower, same results for non-overlapping matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from .base import PatternSpec
from .document import Document

__all__ = ["Scanner"]

_hs: Any
try:  # pragma: no cover - exercised by whichever path the platform has
    import hyperscan as _hs
except ImportError:  # pragma: no cover
    _hs = None


class Scanner:
    """Finds exact matches of many `PatternSpec`s in one document."""

    def __init__(self, specs: Sequence[PatternSpec], *, use_hyperscan: bool = True) -> None:
        self.specs = tuple(specs)
        self._db = (
            _compile(self.specs) if use_hyperscan and _hs is not None and self.specs else None
        )
        self._direct = tuple(s.before == 0 and s.requires is None for s in self.specs)

    @property
    def engine(self) -> str:
        return "hyperscan" if self._db is not None else "re"

    def matches(self, doc: Document) -> Iterator[tuple[int, re.Match[str]]]:
        """(spec index, exact match) for every candidate, in no particular order."""
        text = doc.text
        if self._db is None:
            for index, spec in enumerate(self.specs):
                for match in spec.exact.finditer(text):
                    yield index, match
            return
        hits: list[tuple[int, int, int]] = []
        self._db.scan(doc.scan_bytes, match_event_handler=_collect, context=hits)
        yield from self._confirmed(text, hits)

    def _confirmed(
        self, text: str, hits: list[tuple[int, int, int]]
    ) -> list[tuple[int, re.Match[str]]]:
        """The exact matches behind the scanner's hits, each (spec, start) once.

        Where a spec's exact match must start at the hit (nothing read back, nothing
        required before it), the match there, or one character on (after the character a
        prefilter reads to see where a value may start), is tried first, on the whole text:
        that is the commonest case, and it needs no window and no second match.
        """
        specs, direct, confirm = self.specs, self._direct, self._confirm
        width = len(specs)
        tried: set[int] = set()
        seen: set[int] = set()
        out: list[tuple[int, re.Match[str]]] = []
        for index, start, end in hits:
            key = start * width + index
            if key in tried:  # one start, several ends: confirm once
                continue
            tried.add(key)
            spec = specs[index]
            confirmed = None
            if direct[index]:  # at the hit, or one on where the prefilter reads a lead character
                confirmed = spec.exact.match(text, start) or spec.exact.match(text, start + 1)
            if confirmed is None:
                confirmed = confirm(text, spec, start, end)
                if confirmed is None:
                    continue
                key = confirmed.start() * width + index
            if key not in seen:
                seen.add(key)
                out.append((index, confirmed))
        return out

    @staticmethod
    def _confirm(text: str, spec: PatternSpec, start: int, end: int) -> re.Match[str] | None:
        """The exact match that covers the prefilter hit, searched in a small window only.

        The match may start up to `spec.before` characters before the hit (a prefilter that
        anchors on a word inside the value) and up to `spec.reach` after its end (one that
        anchors on a label before the value); it must start at the hit or reach past its start.
        The search runs on the whole text between two offsets, so look-behinds see the text
        before the window and nothing is copied.
        """
        first = max(0, start - spec.before)
        if spec.requires is not None and spec.requires.search(text, first, start + 1) is None:
            return None
        limit = end + spec.reach
        stop = limit + spec.max_len
        for found in spec.exact.finditer(text, first, stop):
            if found.start() >= limit:
                return None
            if found.start() >= start or found.end() > start:
                if stop >= len(text):
                    return found  # the window ran to the end: nothing was cut off
                # matching there again without the window's end lets look-aheads see past it
                return spec.exact.match(text, found.start())
        return None


def _collect(
    index: int, start: int, end: int, flags: int, hits: list[tuple[int, int, int]]
) -> None:
    """Hyperscan's match callback: every hit is kept and confirmed after the scan, since a
    callback that did the work would run Python inside the scan for each hit."""
    hits.append((index, start, end))


@lru_cache(maxsize=8)
def _compile(specs: tuple[PatternSpec, ...]) -> Any:
    assert _hs is not None
    db = _hs.Database()
    flags = [
        _hs.HS_FLAG_SOM_LEFTMOST | (_hs.HS_FLAG_CASELESS if s.caseless else 0) | _hs.HS_FLAG_DOTALL
        for s in specs
    ]
    db.compile(
        expressions=[s.scan.encode("latin-1") for s in specs],
        ids=list(range(len(specs))),
        elements=len(specs),
        flags=flags,
    )
    return db

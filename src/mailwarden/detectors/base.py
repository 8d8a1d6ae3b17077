"""The two shapes a detector can take, and the pattern specification the scanner compiles.

A *pattern detector* proposes candidates with regular expressions that one multi-pattern
scan finds for all detectors at once, then validates each candidate in Python (checksum,
issuer ranges, context): the scan is cheap and the Python work is paid only where something
looks like a match. A *text detector* (names, sensitive terms) walks the text its own way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from .document import Document
from .entity import Entity

__all__ = ["PatternDetector", "PatternSpec", "TextDetector"]


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One candidate pattern.

    `scan` is the prefilter the byte scanner runs (no look-arounds or back-references: the
    Hyperscan dialect); it must match wherever `exact` does, starting at or before the same
    place. `exact` is the Python pattern that decides the span, boundaries included.
    `max_len` bounds a match, so validating a candidate never reads far past it. `before`
    is how far before the prefilter's hit the exact match may start, for prefilters that
    anchor on a distinctive word inside the value, and `reach` how far after the hit it may
    start, for prefilters that anchor on a label before the value (keep prefilters small: a long or
    heavily repeated one makes the shared scanner slow to compile and to run). `requires`, when
    set, must be found between `before` characters before the hit and the hit's first
    character for the detector to keep anything the hit leads to: hits without it are dropped
    before `exact` is searched, which is worth it where `exact` is costly and reads far back.
    """

    name: str
    scan: str
    exact: re.Pattern[str]
    max_len: int = 64
    caseless: bool = False
    before: int = 0
    reach: int = 0
    requires: re.Pattern[str] | None = None


@runtime_checkable
class PatternDetector(Protocol):
    """Proposes with `patterns`, decides with `validate`."""

    name: str
    patterns: tuple[PatternSpec, ...]

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterable[Entity]:
        """Entities for one exact match (none when it does not hold up)."""
        ...


@runtime_checkable
class TextDetector(Protocol):
    """Finds entities by its own pass over the text (gazetteers, term lists)."""

    name: str

    def scan(self, doc: Document) -> Iterable[Entity]:
        """Every entity this detector finds in `doc`."""
        ...

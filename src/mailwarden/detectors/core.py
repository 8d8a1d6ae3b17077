"""`detect(text)`: every detector over one text, overlaps resolved, scores thresholded.

Detectors are found by walking the detector subpackages (`uk`, `generic`, `names`,
`sensitive`) for modules that define `DETECTOR`, so adding a detector is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from .base import PatternDetector, TextDetector
from .document import Document
from .entity import SENSITIVE_TYPES, Entity, EntityType
from .scanner import Scanner
from .scoring import ACT

__all__ = ["Detectors", "default_detectors", "detect"]

_PACKAGES = ("uk", "generic", "names", "sensitive")

Detector = PatternDetector | TextDetector


def _discover() -> list[Detector]:
    found: list[Detector] = []
    for package in _PACKAGES:
        try:
            module = importlib.import_module(f"{__package__}.{package}")
        except ModuleNotFoundError:
            continue
        for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda i: i.name):
            if info.name.startswith("_"):
                continue
            detector = getattr(
                importlib.import_module(f"{module.__name__}.{info.name}"), "DETECTOR", None
            )
            if detector is not None:
                found.append(detector)
    return found


class Detectors:
    """A fixed set of detectors with its compiled scanner (built once, reused per call)."""

    def __init__(self, detectors: Iterable[Detector], *, use_hyperscan: bool = True) -> None:
        self.detectors = tuple(detectors)
        self._pattern = [d for d in self.detectors if isinstance(d, PatternDetector)]
        self._text: list[TextDetector] = [
            d
            for d in self.detectors
            if isinstance(d, TextDetector) and not isinstance(d, PatternDetector)
        ]
        self._owners = [(d, spec) for d in self._pattern for spec in d.patterns]
        self.scanner = Scanner([spec for _, spec in self._owners], use_hyperscan=use_hyperscan)

    def candidates(self, doc: Document) -> list[Entity]:
        """Every entity any detector proposes, before overlaps and thresholds."""
        found: list[Entity] = []
        for index, match in self.scanner.matches(doc):
            detector, spec = self._owners[index]
            found.extend(detector.validate(doc, match, spec))
        for text_detector in self._text:
            found.extend(text_detector.scan(doc))
        return found

    def detect(self, text: str, *, min_score: float | None = None) -> list[Entity]:
        """Entities in `text` scoring at least `min_score` (default: what a rule acts on)."""
        threshold = ACT if min_score is None else min_score
        doc = Document(text)
        kept = resolve_overlaps(self.candidates(doc))
        return [e for e in kept if e.score >= threshold]


def _rank(entity: Entity) -> tuple[float, int]:
    return (entity.score, entity.end - entity.start)


def _keep_best(group: list[Entity]) -> list[Entity]:
    """Best first (score, then length); each kept unless it overlaps one already kept.

    Kept spans never overlap, so they stay sorted by start in `starts`/`ends` and a
    candidate only needs checking against its two neighbours: O(n log n), not O(n²). Where
    no two spans overlap at all, all are kept, in text order, without ranking them.
    """
    if len(group) < 2:
        return group
    in_order = sorted(group, key=_span)
    for before, after in pairwise(in_order):
        if before.end > after.start:
            break
    else:
        return in_order  # nothing overlaps (the commonest case): every entity is kept
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Entity] = []
    for entity in sorted(group, key=lambda e: (-e.score, -(e.end - e.start), e.start)):
        at = bisect_left(starts, entity.start)
        if at > 0 and ends[at - 1] > entity.start:
            continue
        if at < len(starts) and starts[at] < entity.end:
            continue
        starts.insert(at, entity.start)
        ends.insert(at, entity.end)
        kept.append(entity)
    return kept


def _span(entity: Entity) -> tuple[int, int]:
    return (entity.start, entity.end)


_NESTED = frozenset({(EntityType.STREET_ADDRESS, EntityType.UK_POSTCODE)})
"""(outer, inner) pairs kept together: an address block's postcode is also a postcode, and a
rule about postcodes (or a count of identifiers) must not lose it to the block."""
_OUTERS = frozenset(outer for outer, _ in _NESTED)


def _nested_inside(kept: list[Entity], candidates: list[Entity]) -> list[Entity]:
    """Candidates lying wholly inside a kept entity of a type allowed to contain them."""
    outers = [k for k in kept if k.type in _OUTERS]
    if not outers:
        return []
    kept_ids = {id(k) for k in kept}
    return [
        c
        for c in candidates
        if id(c) not in kept_ids
        and any(
            (o.type, c.type) in _NESTED and o.start <= c.start and c.end <= o.end for o in outers
        )
    ]


def resolve_overlaps(entities: list[Entity]) -> list[Entity]:
    """Where spans overlap keep the better (score, then length), in text order.

    Sensitive-category terms sit beside identifiers rather than competing with them: "Mrs
    Ahmed's diabetes" is both a PERSON and HEALTH, so the two groups are resolved apart. A
    postcode inside an address block is kept beside the block (`_NESTED`).
    """
    sensitive = [e for e in entities if e.type in SENSITIVE_TYPES]
    others = [e for e in entities if e.type not in SENSITIVE_TYPES]
    kept = _keep_best(others)
    inner = _keep_best(_nested_inside(kept, others))
    out = _keep_best(sensitive) + kept + inner
    return sorted(out, key=lambda e: (e.start, e.end, str(e.type)))


@lru_cache(maxsize=1)
def default_detectors() -> Detectors:
    """Every detector shipped with mailwarden (built on first use, then shared)."""
    return Detectors(_discover())


def detect(text: str, *, min_score: float | None = None) -> list[Entity]:
    """Personal data in `text`: what a rule should act on, or everything above `min_score`."""
    return default_detectors().detect(text, min_score=min_score)

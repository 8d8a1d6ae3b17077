"""What the sensitive-category tests share: the nine detectors on their own, and table checks.

The tables hold invented sentences in the style of council mail; no one in them is real.
"""

from __future__ import annotations

import importlib

from mailwarden.detectors import Detectors, Entity, EntityType
from mailwarden.detectors.scoring import ACT
from mailwarden.detectors.sensitive._detector import TermDetector

CATEGORIES = {
    "health": EntityType.HEALTH,
    "safeguarding": EntityType.SAFEGUARDING,
    "criminal_offence": EntityType.CRIMINAL_OFFENCE,
    "ethnic_origin": EntityType.ETHNIC_ORIGIN,
    "religion": EntityType.RELIGION,
    "sexual_orientation": EntityType.SEXUAL_ORIENTATION,
    "political_opinion": EntityType.POLITICAL_OPINION,
    "trade_union": EntityType.TRADE_UNION,
    "genetic_biometric": EntityType.GENETIC_BIOMETRIC,
}

DETECTORS: dict[str, TermDetector] = {
    name: importlib.import_module(f"mailwarden.detectors.sensitive.{name}").DETECTOR
    for name in CATEGORIES
}
SENSITIVE = Detectors(DETECTORS.values())


def found(text: str, kind: EntityType, min_score: float | None = None) -> list[Entity]:
    """Entities of `kind` in `text` at `min_score` or more (default: what a rule acts on)."""
    return [e for e in SENSITIVE.detect(text, min_score=min_score) if e.type is kind]


def spans(text: str, kind: EntityType, min_score: float | None = None) -> list[str]:
    return [text[e.start : e.end] for e in found(text, kind, min_score)]


def assert_fires(text: str, kind: EntityType, span: str) -> None:
    """`span` of `text` is reported as `kind` at the action threshold or above."""
    got = spans(text, kind)
    assert span in got, f"{text!r}: expected {span!r} as {kind}, got {got}"


def assert_not_acted_on(text: str, kind: EntityType) -> None:
    """Nothing of `kind` in `text` reaches the action threshold."""
    got = [(text[e.start : e.end], e.score, e.explanation) for e in found(text, kind)]
    assert got == [], f"{text!r}: {kind} acted on: {got}"


__all__ = [
    "ACT",
    "CATEGORIES",
    "DETECTORS",
    "SENSITIVE",
    "assert_fires",
    "assert_not_acted_on",
    "found",
    "spans",
]

"""What the conduct-detector tests share: checks that a detector acts, or does not, on a text.

The tables hold invented text in the style of council mail; no one in them is real.
"""

from __future__ import annotations

from collections.abc import Callable

from mailwarden.detectors.conduct import ConductSignal
from mailwarden.detectors.scoring import ACT

Detector = Callable[[str], tuple[ConductSignal, ...]]

__all__ = ["ACT", "Detector", "acted_on", "assert_fires", "assert_not_acted_on"]


def acted_on(detector: Detector, text: str) -> list[ConductSignal]:
    """The signals of `detector` in `text` that a rule acts on."""
    return [s for s in detector(text) if s.score >= ACT]


def assert_fires(detector: Detector, text: str, span: str | None = None, subkind: str = "") -> None:
    """`detector` acts on `text`; where `span` is given, on a signal covering exactly it (and
    of `subkind`, where given)."""
    got = acted_on(detector, text)
    assert got, f"{text!r}: expected a signal at {ACT} or more, got {detector(text)}"
    if span is not None:
        spans = [(text[s.start : s.end], s.subkind) for s in got]
        assert any(found == span and (not subkind or kind == subkind) for found, kind in spans), (
            f"{text!r}: expected {span!r} ({subkind or 'any'}), got {spans}"
        )


def assert_not_acted_on(detector: Detector, text: str) -> None:
    """Nothing `detector` finds in `text` reaches the action threshold."""
    got = [(text[s.start : s.end], s.score, s.cues) for s in acted_on(detector, text)]
    assert got == [], f"{text!r}: acted on {got}"

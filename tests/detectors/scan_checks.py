"""Checks every pattern detector's tests share: the byte prefilter misses nothing."""

from __future__ import annotations

from mailwarden.detectors.base import PatternSpec
from mailwarden.detectors.document import Document
from mailwarden.detectors.scanner import Scanner


def assert_prefilter_proposes_every_exact_match(spec: PatternSpec, text: str) -> None:
    """Every start of `spec.exact` in `text` is proposed by the scanner's prefilter path."""
    exact = {m.start() for m in spec.exact.finditer(text)}
    proposed = {m.start() for _, m in Scanner([spec]).matches(Document(text))}
    assert exact <= proposed

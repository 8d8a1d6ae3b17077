"""POLITICAL_OPINION: the terms in `data/political_opinion.yaml`; scoring in `_detector.py`."""

from __future__ import annotations

from ._detector import TermDetector, category_detector

__all__ = ["DETECTOR"]

DETECTOR: TermDetector = category_detector("political_opinion")

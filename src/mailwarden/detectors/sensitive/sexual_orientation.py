"""SEXUAL_ORIENTATION: the terms in `data/sexual_orientation.yaml`; scoring in `_detector.py`."""

from __future__ import annotations

from ._detector import TermDetector, category_detector

__all__ = ["DETECTOR"]

DETECTOR: TermDetector = category_detector("sexual_orientation")

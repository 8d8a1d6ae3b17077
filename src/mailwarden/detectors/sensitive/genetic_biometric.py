"""GENETIC_BIOMETRIC: the terms in `data/genetic_biometric.yaml`; scoring in `_detector.py`."""

from __future__ import annotations

from ._detector import TermDetector, category_detector

__all__ = ["DETECTOR"]

DETECTOR: TermDetector = category_detector("genetic_biometric")

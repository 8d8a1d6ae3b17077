"""CRIMINAL_OFFENCE: the terms in `data/criminal_offence.yaml`; scoring in `_detector.py`."""

from __future__ import annotations

from ._detector import TermDetector, category_detector

__all__ = ["DETECTOR"]

DETECTOR: TermDetector = category_detector("criminal_offence")

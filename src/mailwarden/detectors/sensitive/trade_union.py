"""TRADE_UNION: the terms in `data/trade_union.yaml`; scoring in `_detector.py`."""

from __future__ import annotations

from ._detector import TermDetector, category_detector

__all__ = ["DETECTOR"]

DETECTOR: TermDetector = category_detector("trade_union")

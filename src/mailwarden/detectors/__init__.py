"""Detectors of personal data in text: pure functions, no I/O, no clock.

`detect(text)` returns typed, scored, explained spans; `mask(entity, text)` gives the form
that may be shown. Detectors live in `uk/` (UK identifiers), `generic/` (contact details,
dates, credentials), `names/` and `sensitive/` (special categories).
"""

from __future__ import annotations

from .core import Detectors, default_detectors, detect
from .entity import SENSITIVE_TYPES, Entity, EntityType, Explanation
from .masking import mask, mask_value

__all__ = [
    "SENSITIVE_TYPES",
    "Detectors",
    "Entity",
    "EntityType",
    "Explanation",
    "default_detectors",
    "detect",
    "mask",
    "mask_value",
]

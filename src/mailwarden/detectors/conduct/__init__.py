"""Detectors of conduct in outgoing mail: intemperate language, chain letters, virus-warning
hoaxes, contractual commitments, private selling and forwarded marketing.

Each is a pure function of the text, returning `ConductSignal`s sorted by start, scored on
the scale of `mailwarden.detectors.scoring` (a rule acts from `ACT`, 0.6). The cue lists are
curated YAML in `data/`, compiled once at import; signals name the cues that matched, never
text from the message. One module per detector says why it is built the way it is.
"""

from __future__ import annotations

from ._signal import ConductSignal
from .chain_letter import chain_letter
from .contract import contractual_commitment
from .marketing import marketing_material
from .solicitation import commercial_solicitation
from .tone import intemperate_language
from .virus_hoax import virus_hoax

__all__ = [
    "ConductSignal",
    "chain_letter",
    "commercial_solicitation",
    "contractual_commitment",
    "intemperate_language",
    "marketing_material",
    "virus_hoax",
]

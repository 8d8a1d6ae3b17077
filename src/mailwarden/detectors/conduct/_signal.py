"""The value every conduct detector returns."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ConductSignal"]


@dataclass(frozen=True, slots=True)
class ConductSignal:
    """A stretch of text that reads as one kind of conduct a policy forbids.

    `cues` are the curated terms from the detector's own lists that matched (never text
    taken from the message), so a finding can explain itself without quoting the mail.
    """

    kind: str
    """"intemperate_language", "chain_letter", "virus_hoax", "contractual_commitment",
    "commercial_solicitation" or "marketing_material"."""
    subkind: str
    """A finer kind ("profanity", "threat", "acceptance", ...), or "" when there is none."""
    start: int
    """Start of the span, a `str` index into the text given."""
    end: int
    """End of the span (exclusive)."""
    score: float
    """0–1 on the scale of `mailwarden.detectors.scoring`; a rule acts from `ACT` (0.6)."""
    cues: tuple[str, ...]
    """The curated cue terms that matched, in the order they were found."""

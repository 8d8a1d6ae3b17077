"""Scoring by several cues together, for the kinds no single phrase proves (chain letters,
virus hoaxes, marketing, private selling).

Cues close to one another form a cluster; the cluster's score combines its distinct cues as
independent evidence (a noisy-or: 1 - the product of 1 - each weight), so one weak cue stays
below the action threshold and two or three agreeing ones pass it. A detector may require
certain groups of cue in a cluster (a hoax needs both an alarm and a pass-it-on instruction);
without them the score is held at `MEDIUM`, below `ACT`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from ..scoring import ACT, LOW, MEDIUM
from ._cues import Cue, CueList, Hit
from ._signal import ConductSignal

__all__ = [
    "CLUSTER_GAP",
    "MAX_SCORE",
    "WEIGHTS",
    "Requirement",
    "Weighted",
    "any_of",
    "cluster_signals",
    "clusters",
    "noisy_or",
]

WEIGHTS = {"strong": ACT, "medium": 0.45, "weak": LOW}
"""A cue's weight by strength: a strong cue alone reaches `ACT`, two medium ones pass it, a
weak one needs two others."""

CLUSTER_GAP = 1000
"""Characters between two cues beyond which they are read as separate stretches of text."""
MAX_SCORE = 0.95
"""No pile of phrases makes a cluster certain."""
_LOWERING_REACH = 300
"""Characters either side of a cluster searched for words that lower it."""


Requirement = Callable[[Collection[Cue]], bool]
"""Whether the distinct cues of a cluster are enough to act on (else it is held at MEDIUM)."""


def any_of(*groups: str) -> Requirement:
    """A requirement met by any cue of one of `groups`."""
    wanted = frozenset(groups)

    def met(cues: Collection[Cue]) -> bool:
        return any(cue.group in wanted for cue in cues)

    return met


@dataclass(frozen=True, slots=True)
class Weighted:
    """A cue found, with the weight the detector gives it there (its context applied)."""

    hit: Hit
    weight: float


def noisy_or(weights: Iterable[float]) -> float:
    """Independent pieces of evidence combined: 1 - the product of (1 - each)."""
    rest = 1.0
    for weight in weights:
        rest *= 1.0 - max(0.0, min(1.0, weight))
    return 1.0 - rest


def clusters(hits: Sequence[Weighted], gap: int = CLUSTER_GAP) -> list[list[Weighted]]:
    """`hits` (sorted by start) split where more than `gap` characters separate two."""
    out: list[list[Weighted]] = []
    for item in hits:
        if out and item.hit.start - out[-1][-1].hit.end <= gap:
            out[-1].append(item)
        else:
            out.append([item])
    return out


def _strongest(group: list[Weighted]) -> Cue:
    return max(group, key=lambda item: item.weight).hit.cue


def cluster_signals(
    kind: str,
    text: str,
    hits: Sequence[Weighted],
    *,
    requires: Requirement | None = None,
    lowered_by: CueList | None = None,
    lowering: float = 0.0,
    subkind: Callable[[Cue], str] = lambda cue: "",
) -> tuple[ConductSignal, ...]:
    """One signal per cluster of `hits` with any weight left.

    `requires`: what the cluster's distinct cues must meet to be acted on; else the score
    is held at `MEDIUM`. `lowered_by`: words near the cluster that take `lowering`
    off its score. `subkind`: the signal's subkind, from its strongest cue.
    """
    signals = []
    for group in clusters([item for item in hits if item.weight > 0]):
        best: dict[str, float] = {}
        cues: dict[str, Cue] = {}
        for item in group:
            term = item.hit.cue.term
            best[term] = max(best.get(term, 0.0), item.weight)
            cues[term] = item.hit.cue
        score = noisy_or(best.values())
        if requires is not None and not requires(cues.values()):
            score = min(score, MEDIUM)
        start, end = group[0].hit.start, max(item.hit.end for item in group)
        if lowered_by is not None and lowering:
            near = text[max(0, start - _LOWERING_REACH) : end + _LOWERING_REACH]
            if lowered_by.search(near) is not None:
                score -= lowering
        signals.append(
            ConductSignal(
                kind=kind,
                subkind=subkind(_strongest(group)),
                start=start,
                end=end,
                score=round(max(0.0, min(MAX_SCORE, score)), 3),
                cues=tuple(best),
            )
        )
    return tuple(signals)

"""Chain letters: what CCC-2.1k forbids ("sending out jokes or chain letters"), mass mail
that asks each reader to send it on.

Why it is built this way: every phrase of a chain letter also turns up in ordinary mail
("good luck", "within 24 hours", "pass it on to your team"), but the letter has several
together: a number of people to send it to, a promise or a curse, a deadline. So the cues of
`data/chain_letter.yaml` near one another are combined as independent evidence
(`_cluster.py`); one weak cue stays low, a strong one ("don't break the chain") or a few
agreeing ones act, but only where one of them asks for the letter to be sent on to many
people or curses whoever breaks the chain. A pass-it-on cue after a "not" in its sentence
("please do not forward this to everyone you know") counts for nothing.
"""

from __future__ import annotations

from ._cluster import WEIGHTS, Weighted, any_of, cluster_signals
from ._cues import NOT_A_CUE, load, sentence_before
from ._signal import ConductSignal

__all__ = ["KIND", "chain_letter"]

KIND = "chain_letter"

_CUES = load("chain_letter")
_REQUIRES = any_of("pass_on", "curse")


def chain_letter(text: str) -> tuple[ConductSignal, ...]:
    """Stretches of `text` that read as a chain letter, one signal per cluster of cues,
    sorted by start."""
    negation = _CUES.guard("negation")
    hits = []
    for hit in _CUES.cues.find(text):
        if hit.cue.strength == NOT_A_CUE:
            continue
        weight = WEIGHTS[hit.cue.strength]
        if hit.cue.group in {"pass_on", "hint"} and negation.search(
            sentence_before(text, hit.start, 30)
        ):
            weight = 0.0
        hits.append(Weighted(hit, weight))
    return cluster_signals(KIND, text, hits, requires=_REQUIRES)

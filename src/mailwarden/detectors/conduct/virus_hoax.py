"""Virus-warning hoaxes: what CCC-2.2f forbids ("Send virus warnings to the Helpdesk, but not
to other email users").

Why it is built this way: a genuine ICT notice and a hoax share their alarm ("do not open
any email titled ..."); what makes the hoax is the instruction to pass it on to everyone,
joined to claims no helpdesk makes ("it will erase your hard drive", "Microsoft has
confirmed"). So the cues of `data/virus_hoax.yaml` near one another are combined
(`_cluster.py`), and a stretch is held below the action threshold unless it has a `pass_on`
cue with a `claim` or an `alarm`, or, sent straight to colleagues, two claims and an alarm;
words sending readers to the Helpdesk lower it further, and a pass-it-on cue after a "not"
("do not forward this to your contacts") counts for nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from ._cluster import WEIGHTS, Weighted, cluster_signals
from ._cues import NOT_A_CUE, Cue, load, sentence_before
from ._signal import ConductSignal

__all__ = ["KIND", "virus_hoax"]

KIND = "virus_hoax"

_CUES = load("virus_hoax")
_CLAIMS_WITHOUT_PASS_ON = 2


def _hoax(cues: Collection[Cue]) -> bool:
    """A pass-on with a claim or an alarm, or two claims and an alarm."""
    groups = [cue.group for cue in cues]
    if "pass_on" in groups:
        return "claim" in groups or "alarm" in groups
    return "alarm" in groups and groups.count("claim") >= _CLAIMS_WITHOUT_PASS_ON


_HELPDESK = 0.3
"""Taken off a stretch that sends readers to the Helpdesk or says ICT have acted."""


def virus_hoax(text: str) -> tuple[ConductSignal, ...]:
    """Stretches of `text` that read as a virus-warning hoax, one signal per cluster of cues,
    sorted by start."""
    negation = _CUES.guard("negation")
    hits = []
    for hit in _CUES.cues.find(text):
        if hit.cue.strength == NOT_A_CUE:
            continue
        weight = WEIGHTS[hit.cue.strength]
        if hit.cue.group == "pass_on" and negation.search(sentence_before(text, hit.start, 30)):
            weight = 0.0
        hits.append(Weighted(hit, weight))
    return cluster_signals(
        KIND,
        text,
        hits,
        requires=_hoax,
        lowered_by=_CUES.guard("lowered_by"),
        lowering=_HELPDESK,
    )

"""Marketing material: what CCC-2.1l forbids ("Forwarding non work related unsolicited
commercial or advertising material"), meant to be run over the forwarded part of a message.

Why it is built this way: a commercial newsletter is recognised by its fixed parts (an
unsubscribe footer, a browser link) together with selling words (an offer, a price cut,
"shop now"), never by one of them: the council's own bulletins have footers, and staff mail
mentions offers. So the cues of `data/marketing.yaml` near one another are combined
(`_cluster.py`): one cue is low, several act, and a stretch with no `commerce` cue is held
below the action threshold.
"""

from __future__ import annotations

from ._cluster import WEIGHTS, Weighted, any_of, cluster_signals
from ._cues import NOT_A_CUE, load
from ._signal import ConductSignal

__all__ = ["KIND", "marketing_material"]

KIND = "marketing_material"

_CUES = load("marketing")
_REQUIRES = any_of("commerce")


def marketing_material(text: str) -> tuple[ConductSignal, ...]:
    """Stretches of `text` that read as commercial marketing, one signal per cluster of
    cues, sorted by start."""
    hits = [
        Weighted(hit, WEIGHTS[hit.cue.strength])
        for hit in _CUES.cues.find(text)
        if hit.cue.strength != NOT_A_CUE
    ]
    return cluster_signals(KIND, text, hits, requires=_REQUIRES)

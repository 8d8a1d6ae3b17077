"""Commercial solicitation: what TWC-U6 ("any private gain including running a business or
associated advertising") and CCC-2.1j ("a personal business") forbid.

Why it is built this way: staff selling their car, running a party-plan round or pushing
their side business write in the first person about their own goods and prices ("I'm
selling my car", "my Avon catalogue", "DM me for prices"). Council mail talks about sales,
discounts and bookings too, but of the council's services ("the leisure centre offers a
discount for residents"). So the cues of `data/solicitation.yaml` near one another are
combined (`_cluster.py`): a strong first-person cue acts alone, weak ones ("for sale",
"discount code") only together; a cue whose sentence names the council or its services and
has no first person in it is lowered to nothing.
"""

from __future__ import annotations

from ._cluster import WEIGHTS, Weighted, cluster_signals
from ._cues import NOT_A_CUE, Cue, Hit, load, sentence_after, sentence_before
from ._signal import ConductSignal

__all__ = ["KIND", "commercial_solicitation"]

KIND = "commercial_solicitation"

_CUES = load("solicitation")


def _council_service(text: str, hit: Hit) -> bool:
    """Whether the cue's sentence is about the council's own services, not the sender's."""
    sentence = (
        sentence_before(text, hit.start, 120)
        + text[hit.start : hit.end]
        + sentence_after(text, hit.end, 120)
    )
    return (
        _CUES.guard("council").search(sentence) is not None
        and _CUES.guard("first_person").search(sentence) is None
    )


def _group(cue: Cue) -> str:
    return cue.group


def commercial_solicitation(text: str) -> tuple[ConductSignal, ...]:
    """Stretches of `text` that read as private selling, business or advertising, one
    signal per cluster of cues, sorted by start; the subkind is the strongest cue's group
    ("selling", "side_business", "promotion")."""
    hits = []
    for hit in _CUES.cues.find(text):
        if hit.cue.strength == NOT_A_CUE:
            continue
        weight = 0.0 if _council_service(text, hit) else WEIGHTS[hit.cue.strength]
        hits.append(Weighted(hit, weight))
    return cluster_signals(KIND, text, hits, subkind=_group)

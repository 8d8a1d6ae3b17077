"""Contractual commitment: what CCC-2.2d forbids without authorisation ("Email agreements
can be legally binding: do not enter into contracts or place orders via e-mail without
appropriate authorisation and legal advice").

Why it is built this way: procurement mail is full of quotes, orders and terms that commit
no one ("we will consider your quote", "could you send a quote", "subject to contract"). The
cues of `data/contract.yaml` are first-person commitments in the present ("we accept your
quote", "please proceed with the order", "go ahead and invoice us"); one is enough to act on,
unless its sentence says otherwise: a negation or condition before it ("we cannot accept
your quote", "once approved, please proceed"), a qualifier near it ("subject to contract",
"pending approval"), a question mark ending it, or quotation marks around it (a guide citing
the words). The subkind is the cue's group: `acceptance`, `order` or `instruction`.
"""

from __future__ import annotations

from ..scoring import HIGH, LOW
from ._cues import NOT_A_CUE, Hit, in_quotes, load, sentence_after, sentence_before
from ._signal import ConductSignal

__all__ = ["KIND", "contractual_commitment"]

KIND = "contractual_commitment"

_CUES = load("contract")
_WEIGHTS = {"strong": HIGH, "medium": 0.6, "weak": LOW}
_LOWER = 0.45
"""Taken off a cue its sentence negates, makes conditional, qualifies, asks or quotes."""


def _hedged(text: str, hit: Hit) -> bool:
    before = sentence_before(text, hit.start, 60)
    after = sentence_after(text, hit.end, 120)
    sentence = sentence_before(text, hit.start, 160) + " " + after
    return (
        _CUES.guard("negation").search(before) is not None
        or _CUES.guard("qualified").search(sentence) is not None
        or after.rstrip().endswith("?")
        or in_quotes(text, hit.start)
    )


def contractual_commitment(text: str) -> tuple[ConductSignal, ...]:
    """Words in `text` that accept a quote or offer, place an order or instruct work, one
    signal per cue, sorted by start."""
    signals = []
    for hit in _CUES.cues.find(text):
        if hit.cue.strength == NOT_A_CUE:
            continue
        score = _WEIGHTS[hit.cue.strength] - (_LOWER if _hedged(text, hit) else 0.0)
        signals.append(
            ConductSignal(
                KIND,
                hit.cue.group,
                hit.start,
                hit.end,
                round(max(0.0, score), 3),
                (hit.cue.term,),
            )
        )
    return tuple(signals)

"""Private selling, a side business or its advertising, written by the sender.

What it flags:
    The subject or new text of the body offering things for sale, promoting a private
    business or asking for custom ("I'm selling my...", "my Etsy shop", "DM me for prices"),
    as the conduct commercial-solicitation detector scores it (from ``min_score``).

Clauses:
    TWC-U6 (staff must not "Use email/Teams/other communication tools for any private gain
    including running a business or associated advertising"); CCC-2.1j ("Using council
    email or other communication systems to set up, run or in any other way related to a
    personal business").

Why:
    Council email carries the council's name and is paid for by the public; using it for
    private gain is misuse, whether the mail goes to colleagues or outside.

Fires:
    "I'm selling my handmade candles, £10 each - have a look at my Etsy shop."

Passes:
    A procurement officer asking a supplier for a price list for the council.

Options:
    ``min_score``: the detector score from which the rule acts (default 0.6).

Known gaps:
    Private business done in plain words without selling cues (arranging a client meeting
    for a side business) is not recognised. English only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors.conduct import commercial_solicitation
from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ._helpers import MIN_SCORE_OPTION, conduct_hit, new_text_places, signals

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    yield from conduct_hit(
        signals(inputs, commercial_solicitation, new_text_places(inputs.message)),
        "This mail reads as private selling or advertising ({cues}); council email is not "
        "for private gain or a personal business.",
        "Don't use council email for private sales, a side business or its advertising; use "
        "your own email, outside working hours.",
    )


RULE = Rule(
    name="commercial-solicitation",
    summary="Private selling, a side business or its advertising in the sender's own text.",
    check=check,
    options={"min_score": MIN_SCORE_OPTION},
    defaults={"min_score": 0.6},
)

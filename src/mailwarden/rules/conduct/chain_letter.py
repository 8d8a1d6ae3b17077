"""A chain letter: a message that asks to be sent on to more people.

What it flags:
    The sender's own text, or the text they forward, reading as a chain letter ("forward
    this to 10 people", "don't break the chain", promised luck or misfortune), as the
    conduct chain-letter detector scores it (from ``min_score``).

Clauses:
    CCC-2.1k ("Undertaking deliberate activities that waste staff effort or council
    resources, such as sending out jokes or chain letters").

Why:
    Chain letters multiply: each copy asks for several more, filling mailboxes and wasting
    the time of everyone who reads them. They are usually forwarded with little or no text
    of the sender's own, so forwarded text is read too; a reply that quotes one below a
    comment ("please don't send these") is not, as quoted replies are not forwards.

Fires:
    "FW: Pass this on to ten friends within the hour and good luck will follow - do not
    break the chain!"

Passes:
    A request to colleagues to pass a service update on to their teams.

Options:
    ``min_score``: the detector score from which the rule acts (default 0.6).
    ``include_forwarded``: also read the text being forwarded (default true).

Known gaps:
    Jokes and other time-wasting round-robins without chain-letter wording are not
    recognised. English only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors.conduct import chain_letter
from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ._helpers import (
    MIN_SCORE_OPTION,
    conduct_hit,
    forwarded_places,
    is_forward,
    new_text_places,
    signals,
)

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    message = inputs.message
    places = new_text_places(message)
    if inputs.options["include_forwarded"] and is_forward(message):
        places += forwarded_places(message)
    yield from conduct_hit(
        signals(inputs, chain_letter, places),
        "This mail reads as a chain letter ({cues}); the policy counts sending chain letters "
        "round as wasting staff time and council resources.",
        "Don't send it on. Delete it; if it asks for money, details or clicks, report it to "
        "the Helpdesk instead.",
    )


RULE = Rule(
    name="chain-letter",
    summary="A chain letter, written or forwarded by the sender.",
    check=check,
    options={"min_score": MIN_SCORE_OPTION, "include_forwarded": {"type": "boolean"}},
    defaults={"min_score": 0.6, "include_forwarded": True},
)

"""A virus warning passed on to other users instead of to the Helpdesk.

What it flags:
    Mail whose text (the sender's own, or what they forward) reads as a virus warning to
    spread ("if you receive an email titled ... do not open it, it will wipe your hard
    drive; forward this to everyone"), as the conduct virus-hoax detector scores it (from
    ``min_score``), sent to anyone other than the Helpdesk.

Clauses:
    CCC-2.2f ("Send virus warnings to the Helpdesk, but not to other email users").

Why:
    Most warnings that ask to be forwarded are hoaxes, and the genuine ones are for the
    Helpdesk to judge and act on. Passing them round spreads alarm, wastes time and teaches
    people to ignore real warnings.

Fires:
    A colleague forwards "WARNING: do not open any email called 'Tax refund', it will erase
    your hard drive - send this to everyone you know" to their team.

Passes:
    The same warning forwarded to the Helpdesk only (with ``helpdesk_addresses`` set), or
    the Helpdesk's own notice of a real outbreak, which asks no one to forward it.

Options:
    ``min_score``: the detector score from which the rule acts (default 0.6).
    ``helpdesk_addresses``: addresses where virus warnings should go; mail to these alone
    passes (default none: the policy names the Helpdesk's extension, not its address).
    ``include_forwarded``: also read the text being forwarded (default true).

Known gaps:
    A warning that does not ask to be passed on and names no typical hoax harm is not
    recognised. English only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors.conduct import virus_hoax
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
    helpdesk = {a.lower() for a in inputs.options["helpdesk_addresses"]}
    recipients = inputs.facts.recipients
    if helpdesk and recipients and all(r.addr in helpdesk for r in recipients):
        return
    places = new_text_places(message)
    if inputs.options["include_forwarded"] and is_forward(message):
        places += forwarded_places(message)
    yield from conduct_hit(
        signals(inputs, virus_hoax, places),
        "This mail passes on a virus warning ({cues}); the policy asks for virus warnings "
        "to go to the Helpdesk, not to other users.",
        "Don't send it to colleagues. Send it to the Helpdesk only, and let them decide "
        "whether anyone needs to be warned.",
    )


RULE = Rule(
    name="virus-hoax",
    summary="A virus warning sent to other users rather than to the Helpdesk.",
    check=check,
    options={
        "min_score": MIN_SCORE_OPTION,
        "helpdesk_addresses": {"type": "array", "items": {"type": "string"}},
        "include_forwarded": {"type": "boolean"},
    },
    defaults={"min_score": 0.6, "helpdesk_addresses": (), "include_forwarded": True},
)

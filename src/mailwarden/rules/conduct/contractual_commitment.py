"""Accepting a contract or placing an order by email, to someone outside the council.

What it flags:
    Words in the subject or new text of the body that accept a quote, offer or terms,
    place or confirm an order, or instruct a supplier to proceed ("we accept your quote",
    "please proceed with the order"), as the conduct contractual-commitment detector scores
    them (from ``min_score``), in mail to an external recipient.

Clauses:
    CCC-2.2d ("Email agreements can be legally binding: do not enter into contracts or
    place orders via e-mail without appropriate authorisation and legal advice").

Why:
    An email that accepts an offer can form a contract the council is bound by. The
    warning reminds the sender to be sure they are authorised (and have legal advice where
    it is needed) before the supplier acts on it; an authorised sender overrides it with a
    reason, or the deployment lists the markers of authorisation it trusts.

Fires:
    To a contractor: "We accept your quotation of £4,850 for the roof repairs; please
    proceed with the works."

Passes:
    "Thank you for the quotation; I will come back to you once it has been approved."
    Mail between colleagues discussing a quote (by default).

Options:
    ``min_score``: the detector score from which the rule acts (default 0.6).
    ``external_only``: only mail with an external recipient counts (default true: a
    colleague cannot be bound by the council's contract).
    ``authorisation_markers``: phrases that show the commitment is authorised (for example
    a purchase-order label the deployment issues), matched without regard to case in the
    subject and new text (default none).

Known gaps:
    Whether the sender is in fact authorised is not known; a commitment written as an
    attached signed letter is not read. English only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors.conduct import contractual_commitment
from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ._helpers import MIN_SCORE_OPTION, conduct_hit, new_text_places, signals

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    if inputs.options["external_only"] and not inputs.facts.external_recipients:
        return
    places = new_text_places(inputs.message)
    markers = [m.lower() for m in inputs.options["authorisation_markers"] if m.strip()]
    written = "\n".join(text for _, text in places).lower()
    if any(marker in written for marker in markers):
        return
    yield from conduct_hit(
        signals(inputs, contractual_commitment, places),
        "This mail reads as accepting a contract or placing an order ({cues}); email "
        "agreements can be legally binding.",
        "Send it only if you are authorised to commit the council to this and have taken "
        "legal advice where it is needed; otherwise tell the supplier you will confirm once "
        "it is approved.",
    )


RULE = Rule(
    name="contractual-commitment",
    summary="Accepting a quote or placing an order by email to someone outside.",
    check=check,
    options={
        "min_score": MIN_SCORE_OPTION,
        "external_only": {"type": "boolean"},
        "authorisation_markers": {"type": "array", "items": {"type": "string"}},
    },
    defaults={"min_score": 0.6, "external_only": True, "authorisation_markers": ()},
)

"""Commercial or advertising material forwarded on.

What it flags:
    A forwarded mail (an "FW:" subject, a forwarded section, or a message attached) whose
    forwarded or quoted text reads as marketing ("limited time offer", "50% off",
    "unsubscribe"), as the conduct marketing detector scores it (from ``min_score``),
    unless it goes only to the addresses where spam is reported (``report_addresses``).

Clauses:
    CCC-2.1l ("Forwarding non work related unsolicited commercial or advertising
    material").

Why:
    Passing on advertising wastes the time of everyone who gets it, spreads the sender's
    address lists further and can carry tracking or phishing links. Unlike the other
    conduct rules this one reads the history below the new text, because what is
    forwarded is the point.

Fires:
    "FW: Spring sale - 50% off all office chairs, limited time offer" sent to a team.

Passes:
    The same mail forwarded only to the Helpdesk's spam-report address (with
    ``report_addresses`` set); a reply to a supplier that quotes none of their marketing.

Options:
    ``min_score``: the detector score from which the rule acts (default 0.6).
    ``report_addresses``: addresses where unwanted mail is reported; forwards to these
    alone pass (default none).

Known gaps:
    Whether the material is "work related" is not judged: a supplier's offer forwarded to
    the buyer who needs it is flagged too, and the sender overrides with a reason.
    English only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors.conduct import marketing_material
from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ._helpers import MIN_SCORE_OPTION, conduct_hit, forwarded_places, is_forward, signals

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    message = inputs.message
    if not is_forward(message):
        return
    report = {a.lower() for a in inputs.options["report_addresses"]}
    recipients = inputs.facts.recipients
    if report and recipients and all(r.addr in report for r in recipients):
        return
    yield from conduct_hit(
        signals(inputs, marketing_material, forwarded_places(message)),
        "This mail forwards commercial or advertising material ({cues}); the policy asks "
        "you not to pass on unsolicited advertising that is not work related.",
        "Don't forward it unless it is needed for work. If it is unwanted, delete it; if it "
        "looks like spam or phishing, report it to the Helpdesk.",
    )


RULE = Rule(
    name="forwarded-marketing",
    summary="Unsolicited commercial or advertising material forwarded on.",
    check=check,
    options={
        "min_score": MIN_SCORE_OPTION,
        "report_addresses": {"type": "array", "items": {"type": "string"}},
    },
    defaults={"min_score": 0.6, "report_addresses": ()},
)

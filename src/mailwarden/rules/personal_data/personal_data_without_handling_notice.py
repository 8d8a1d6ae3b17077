"""Personal data leaving the organisation without a handling notice or protective marking.

What it flags:
    A message with third-party personal data going to an external recipient that carries
    neither a protective marking (OFFICIAL-SENSITIVE and the like, in a header, the subject
    or the first line) nor a sentence reminding the recipient of their responsibility
    (a confidentiality or handling notice in the body).

Clauses:
    TWC-A6 (remind recipients of their responsibility for sensitive data).

Why:
    Once personal data leaves, the recipient decides what happens to it. Telford asks
    staff to tell them how to handle it; a marking or a short notice does that.

Fires:
    A referral with a resident's NHS number sent to a care provider with no notice.

Passes:
    The same message marked ``OFFICIAL-SENSITIVE`` or ending "This email contains personal
    information; please handle it in line with data protection law ...".

Options:
    ``notice_phrases``: phrases that count as a handling notice (case-insensitive).

Known gaps:
    A notice in an attached document does not count; a boilerplate disclaimer added by a
    gateway after mailwarden has checked the message is not seen.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from .._common import describe_types, evidence_of
from ..base import Rule, RuleInput

__all__ = ["RULE"]

_NOTICES = [
    "handle it in line with",
    "handle this information",
    "handled in accordance with",
    "handle in accordance with",
    "must not be shared",
    "do not share",
    "do not forward",
    "intended only for",
    "intended solely for",
    "intended recipient",
    "confidential information",
    "personal information; please",
    "data protection legislation",
    "data protection law",
    "official-sensitive",
    "official sensitive",
]


def _has_notice(inputs: RuleInput) -> bool:
    if inputs.message.markings:
        return True
    text = f"{inputs.message.subject}\n{inputs.message.body.text}".lower()
    return any(phrase.lower() in text for phrase in inputs.options["notice_phrases"])


def check(inputs: RuleInput) -> Iterator[Hit]:
    if not inputs.facts.external_recipients or not inputs.facts.sender_internal:
        return
    found = inputs.facts.personal_data()
    if not found or _has_notice(inputs):
        return
    yield Hit(
        message=f"This message sends {describe_types(found)} of a third party outside the "
        "council without telling the recipient how to handle it.",
        fix="Add a protective marking (e.g. OFFICIAL-SENSITIVE) or a sentence reminding the "
        "recipient that the message contains personal data they must keep secure.",
        evidence=evidence_of(found),
    )


RULE = Rule(
    name="personal-data-without-handling-notice",
    summary="Personal data leaving without a handling notice or protective marking.",
    check=check,
    options={
        "notice_phrases": {
            "type": "array",
            "items": {"type": "string", "minLength": 3},
            "description": "phrases that count as a handling notice (case-insensitive)",
        }
    },
    defaults={"notice_phrases": tuple(_NOTICES)},
)

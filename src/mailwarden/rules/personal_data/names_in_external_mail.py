"""Full names of data subjects in external mail, where initials or a reference would do.

What it flags:
    Names of third parties (not the sender or the recipients) in the new text of a
    message to an external recipient. A tip, not a stop: it suggests the initials.

Clauses:
    TWC-S2 (consider whether full names are needed; use initials or reference numbers).

Why:
    Fewer names in circulation means less harm when mail goes astray. Telford asks staff
    to think about it, not to never do it, so this is advice.

Fires:
    "I have spoken to Amelia Kowalczyk's mother about the placement" to a provider.

Passes:
    "I have spoken to A.K.'s mother about the placement"; the same text to a colleague.

Options:
    None.

Known gaps:
    Names in attachments and quoted history are not counted (the advice is about what
    the sender is writing now).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors import EntityType
from ...policy.findings import Hit
from .._common import evidence_of, listed
from ..base import Rule, RuleInput

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    if not inputs.facts.external_recipients or not inputs.facts.sender_internal:
        return
    names = inputs.facts.third_party(
        kinds=("body", "subject"), types={EntityType.PERSON}, sections=("new",)
    )
    if not names:
        return
    initials = listed(sorted({n.masked for n in names})[:5])
    yield Hit(
        message=f"This external message names {len(names)} person(s) it is about.",
        fix=f"Consider initials ({initials}) or a reference number instead of full names.",
        evidence=evidence_of(names),
    )


RULE = Rule(
    name="names-in-external-mail",
    summary="Full names of data subjects in external mail (advice: use initials).",
    check=check,
)

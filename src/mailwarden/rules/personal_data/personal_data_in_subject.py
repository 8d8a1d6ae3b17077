"""Personal data in the subject line: a third party's name or identifier where anyone sees it.

What it flags:
    A subject line that names a person the mail is about, or carries their identifiers
    (NHS number, date of birth, address, ...). The names of the sender and recipients do
    not count, and neither do the organisation's case identifiers (`case_id_patterns`).

Clauses:
    NCC-E8 (no names or confidential personal data in the subject line).

Why:
    A subject is shown in previews, notifications, mailbox lists and delivery reports, is
    rarely encrypted with the body, and is copied into every reply. Norfolk asks for an
    identifier only those entitled can use, such as the LiquidLogic number.

Fires:
    ``Subject: Referral for Amelia Kowalczyk, NHS 943 476 5919``

Passes:
    ``Subject: Referral LCS 1234567 - strategy meeting`` (a case number only), or
    ``Subject: Meeting with Jane Smith`` when Jane Smith is the recipient.

Options:
    ``types``: the entity types that count (default: every kind of personal data).
    ``allow_case_ids``: ignore anything inside a match of the pack's `case_id_patterns`
    (default true). ``min_score``: the detector score that counts (default 0.5, lower than
    in body text: a full name in a subject line is telling even without context words).

Known gaps:
    A name the gazetteer does not know and no context words point at ("Re: Zyx") is not
    found; initials alone ("Re: J.S.") are not treated as a name.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from .._common import TYPES_OPTION, describe_types, evidence_of, type_names
from ..base import Rule, RuleInput
from ..facts import Located

__all__ = ["RULE"]


def _in_case_id(item: Located, inputs: RuleInput) -> bool:
    subject = inputs.message.subject
    for pattern in inputs.pack.case_id_patterns:
        for match in pattern.finditer(subject):
            if match.start() <= item.entity.start and item.entity.end <= match.end():
                return True
    return False


def check(inputs: RuleInput) -> Iterator[Hit]:
    found = inputs.facts.third_party(
        kinds=("subject",),
        types=type_names(inputs.options.get("types")),
        min_score=inputs.options["min_score"],
    )
    if inputs.options["allow_case_ids"]:
        found = tuple(item for item in found if not _in_case_id(item, inputs))
    if found:
        yield Hit(
            message=f"The subject line contains {describe_types(found)} of someone "
            "the mail is about.",
            fix="Take personal details out of the subject; refer to the case by its reference "
            "number instead.",
            evidence=evidence_of(found),
        )


RULE = Rule(
    name="personal-data-in-subject",
    summary="A third party's name or identifier in the subject line.",
    check=check,
    options={
        "types": TYPES_OPTION,
        "allow_case_ids": {
            "type": "boolean",
            "description": "ignore matches of the pack's case_id_patterns",
        },
        "min_score": {
            "type": "number",
            "minimum": 0.5,
            "maximum": 1,
            "description": "detector score that counts in a subject line",
        },
    },
    defaults={"allow_case_ids": True, "min_score": 0.5},
)

"""Bulk personal data: many people's identifiers in one message, held for review.

What it flags:
    A message (body or attachments, quoted history included) holding identifiers of many
    people: at least ``min_identifiers`` distinct third-party identifier values (NHS
    numbers, National Insurance numbers, dates of birth, bank details, ...) or at least
    ``min_people`` distinct third-party names, typically a spreadsheet export.

Clauses:
    TWC-A4 (limit the personal data in the body and attachments to what is needed).

Why:
    A whole list of residents or patients is rarely what a recipient needs; the harm of a
    misdirected spreadsheet grows with every row. Telford asks staff to send only what
    is needed, so a reviewer looks before such a message leaves.

Fires:
    A CSV attachment listing 30 residents with NHS numbers and dates of birth.

Passes:
    A referral about one person with their NHS number and date of birth.

Options:
    ``min_identifiers`` (default 10) and ``min_people`` (default 25): the thresholds.
    ``external_only``: only messages with an external recipient (default false).

Known gaps:
    Counts what the detectors find: a spreadsheet of bare numbers with no column header
    saying what they are may be under-counted. Names alone are counted only when the
    detectors are confident they are names.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors import EntityType
from ...policy.findings import Hit
from .._common import describe_types, evidence_of
from ..base import Rule, RuleInput
from ..facts import IDENTIFIER_TYPES

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    if inputs.options["external_only"] and not inputs.facts.external_recipients:
        return
    found = inputs.facts.third_party()
    identifiers = [e for e in found if e.type in IDENTIFIER_TYPES]
    people = {e.value.casefold() for e in found if e.type is EntityType.PERSON}
    distinct = {(e.type, e.masked, e.value) for e in identifiers}
    if (
        len(distinct) < inputs.options["min_identifiers"]
        and len(people) < inputs.options["min_people"]
    ):
        return
    yield Hit(
        message=f"This message holds personal data about many people ({len(distinct)} "
        f"identifiers, {len(people)} names), including {describe_types(identifiers or found)}.",
        fix="Send only the rows and columns the recipient needs, or share the file through "
        "a controlled location; a reviewer will check the message before it leaves.",
        evidence=evidence_of(identifiers or found, limit=10),
    )


RULE = Rule(
    name="bulk-personal-data",
    summary="Identifiers of many people in one message (a spreadsheet export).",
    check=check,
    options={
        "min_identifiers": {
            "type": "integer",
            "minimum": 1,
            "description": "distinct third-party identifiers that make a message bulk",
        },
        "min_people": {
            "type": "integer",
            "minimum": 1,
            "description": "distinct third-party names that make a message bulk",
        },
        "external_only": {
            "type": "boolean",
            "description": "only messages with an external recipient",
        },
    },
    defaults={"min_identifiers": 10, "min_people": 25, "external_only": False},
)

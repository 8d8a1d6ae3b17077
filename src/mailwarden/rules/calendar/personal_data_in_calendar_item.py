"""Third-party personal data in a calendar invitation that is not marked private.

What it flags:
    A meeting invitation (a VEVENT in a `text/calendar` part or an attached `.ics`) whose
    title, location or description, or the invitation's body or attachments, hold a
    third party's name or other personal data, while neither the event (`CLASS:PRIVATE`
    or `CONFIDENTIAL`) nor the message (`Sensitivity: Private`) is marked private. With
    `subject_only` only the event title is looked at.

Clauses:
    NCC-D2 (Norfolk: no third-party personal data in the diary unless the item is
    private); TWC-CAL (Telford: no personally identifiable data in calendar subjects).

Why:
    Everyone can view a council diary (NCC-D1), so a title such as "Home visit - Mrs
    Llewellyn" tells every colleague, and anyone a calendar is shared with, who the
    council is working with and why.

Fires:
    ``SUMMARY:Review meeting - Bronwen Llewellyn`` in an invitation without ``CLASS``.

Passes:
    The same invitation with ``CLASS:PRIVATE``; ``SUMMARY:Case review LCS 1234567``.

Options:
    ``subject_only``: only the event title counts (default false; Telford true).
    ``allow_case_ids``: ignore the pack's `case_id_patterns` in titles (default true).

Known gaps:
    Invitations are judged when they pass as mail; items written straight into a
    calendar are for the calendar audit. Attendees' own names are not third-party data,
    but a colleague named in a title who is not invited is counted. A title is short, so a
    name there counts at a medium detector score; elsewhere the usual threshold applies.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors.scoring import MEDIUM
from ...message.model import CalendarItem
from ...policy.findings import Hit
from .._common import describe_types, evidence_of
from ..base import Rule, RuleInput
from ..facts import Located

__all__ = ["RULE"]


def _in_case_id(item: Located, calendar: CalendarItem, inputs: RuleInput) -> bool:
    if not inputs.options["allow_case_ids"]:
        return False
    value = item.value
    return any(
        match.group(0) and value in match.group(0)
        for pattern in inputs.pack.case_id_patterns
        for match in pattern.finditer(calendar.summary)
    )


def _title_found(inputs: RuleInput, number: int, calendar: CalendarItem) -> list[Located]:
    where = f"calendar:{number}"
    title_end = len(calendar.summary)
    return [
        item
        for item in inputs.facts.third_party(min_score=MEDIUM)
        if item.where == where
        and item.entity.end <= title_end
        and not _in_case_id(item, calendar, inputs)
    ]


def _found(inputs: RuleInput, number: int, calendar: CalendarItem) -> list[Located]:
    if inputs.options["subject_only"]:
        return _title_found(inputs, number, calendar)
    where = f"calendar:{number}"
    title = _title_found(inputs, number, calendar)
    in_item = title + [
        e
        for e in inputs.facts.third_party()
        if e.where == where and e.entity.start >= len(calendar.summary)
    ]
    rest = inputs.facts.third_party(kinds=("subject", "body", "attachment"))
    return in_item + [e for e in rest if e.kind != "body" or e.section == "new"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    if inputs.message.is_private:
        return
    for number, calendar in enumerate(inputs.message.calendar, start=1):
        if calendar.is_private:
            continue
        found = _found(inputs, number, calendar)
        if not found:
            continue
        part = "title" if inputs.options["subject_only"] else "invitation"
        yield Hit(
            message=f"The calendar {part} contains {describe_types(found)} of a third "
            "party and the item is not marked private, so everyone who can view the "
            "diary sees it.",
            fix="Mark the meeting Private, or replace names with a case reference.",
            evidence=evidence_of(found),
        )


RULE = Rule(
    name="personal-data-in-calendar-item",
    summary="Third-party personal data in a calendar invitation not marked private.",
    check=check,
    options={
        "subject_only": {"type": "boolean", "description": "only the event title counts"},
        "allow_case_ids": {
            "type": "boolean",
            "description": "ignore matches of the pack's case_id_patterns in titles",
        },
    },
    defaults={"subject_only": False, "allow_case_ids": True},
)

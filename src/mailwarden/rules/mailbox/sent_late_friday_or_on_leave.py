"""Personal data sent on a Friday afternoon, or while the sender's out-of-office is on.

What it flags:
    Mail carrying personal data about third parties, sent on a Friday after
    ``friday_after`` (in the pack's time zone), or while the sender's own out-of-office
    reply is set (they are about to go, or already are, on leave).

Clauses:
    NCC-E2 ("Be especially careful when sending emails in a hurry last thing on a Friday or
    as you are about to go on leave").

Why:
    Breach investigations find misdirected mail is most often sent in a hurry, when normal
    routines are disrupted. A mistake made on a Friday afternoon or just before leave may
    not be noticed, or put right, until the sender is back: by then the data has been read.
    The warning asks for one more look at every recipient and attachment.

Fires:
    A referral with a service user's NHS number sent at 16:40 on a Friday.

Passes:
    The same referral on a Thursday, or a Friday-afternoon mail with no personal data.

Options:
    ``friday_after``: the time (HH:MM, in the pack's time zone) from which Friday counts as
    "last thing on a Friday" (default "12:00").

Known gaps:
    "About to go on leave" is known only from the out-of-office state the deployment passes
    in; leave booked but not yet set up is not. The eve of a bank holiday is not treated as
    a Friday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from ...policy.findings import Evidence, Hit
from .._common import describe_types, evidence_of
from ..base import Rule, RuleInput

__all__ = ["RULE"]

_FRIDAY = 4


def _late_friday(inputs: RuleInput) -> dt.datetime | None:
    local = inputs.context.now.astimezone(ZoneInfo(inputs.pack.timezone))
    after = dt.time.fromisoformat(inputs.options["friday_after"])
    if local.weekday() == _FRIDAY and local.time() >= after:
        return local
    return None


def check(inputs: RuleInput) -> Iterator[Hit]:
    message = inputs.message
    if message.auto.is_auto_reply or message.auto.is_auto_forward:
        return
    friday = _late_friday(inputs)
    leave = inputs.context.sender_out_of_office
    if friday is None and not leave:
        return
    found = inputs.facts.personal_data()
    if not found:
        return
    when = (
        "on a Friday afternoon"
        if friday is not None and not leave
        else "while your out-of-office is on"
        if friday is None
        else "on a Friday afternoon, with your out-of-office on"
    )
    until = "you are back" if leave else "Monday"
    timing: tuple[Evidence, ...] = ()
    if friday is not None:
        timing = (Evidence("TIME", "header:date", friday.strftime("Friday %H:%M %Z")),)
    if leave:
        timing += (Evidence("OUT_OF_OFFICE", "sender", "out-of-office set"),)
    yield Hit(
        message=f"You are sending {describe_types(found)} of someone else {when}; the policy "
        f"asks for special care then: a mistake now may not be noticed until {until}.",
        fix="Before sending, check every recipient's address, that each of them is entitled "
        "to see all of it, and that the attachments are the right ones.",
        evidence=timing + evidence_of(found, limit=10),
    )


RULE = Rule(
    name="sent-late-friday-or-on-leave",
    summary="Personal data sent late on a Friday or with the sender's out-of-office on.",
    check=check,
    options={"friday_after": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}},
    defaults={"friday_after": "12:00"},
)

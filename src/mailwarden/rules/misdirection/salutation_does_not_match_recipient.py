"""A greeting to one person on a message addressed to someone else.

What it flags:
    A message whose greeting names none of its To and Cc recipients: "Hi Priya," to Sarah
    Johnson, "Dear Mrs Shah" to anita.patel@…. Greeting the colleague in copy ("Hi Jan" to
    Ruth, Cc Jan) is common and fine. The recipients' names come from the display name or a
    ``first.last`` address; titles with surnames, initials and common short forms (Chris,
    Liz) are allowed for, and a first name with a surname must match both. Greetings to a
    group ("Dear all", "Hi team", "Dear Sir or Madam") and to several people never fire;
    role mailboxes are passed over; a recipient whose name cannot be read might be the
    person greeted, so nothing fires.

Clauses:
    NCC-E3 ("check that the all of the recipients ... are correct"), also NCC-E2 ("The
    email address is correct"); TWC-A3 ("Ensure they send an email to the correct person").
    Warn: the sender checks the address against the name they wrote.

Why:
    The sender knows whom they are writing to and says so in the greeting; when the To line
    disagrees, auto-complete most likely picked the wrong person. It is one of the cheapest
    and surest signs of a misdirected message.

Fires:
    "Hi Priya," on a message to Sarah Johnson <sarah.johnson@norfolk.gov.uk>, or to Ruth
    Ford with Jan Kozka in copy.

Passes:
    "Hi Sarah," to Sarah Johnson; "Dear Mrs Johnson"; "Hi Jan," to Ruth Ford with Jan Kozka
    in copy; "Hello both" to two people; "Dear Sarah" to duty.team@… (a team mailbox).

Options:
    ``min_score`` (0.5; a mismatch scores 0.7). ``min_messages`` and ``min_days`` are
    accepted for symmetry, but the greeting is judged from the message alone: the rule runs
    during the learning period and without a store.

Known gaps:
    Names written in other ways (a married name, an unusual nickname, a name the address does
    not spell) can give a false warning; a greeting further down than the third line of new
    text, or without a greeting word ("Sarah -"), is not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ...recipients.signals import SignalKind
from ..base import Rule, RuleInput
from ._helpers import HISTORY_DEFAULTS, HISTORY_OPTIONS, recipient_hit, signals_for

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    signals = signals_for(inputs, (SignalKind.SALUTATION_MISMATCH,))
    yield from recipient_hit(
        inputs,
        signals,
        "The greeting names someone other than the people this message is addressed to.",
        "Check that the address is the person you greet; if auto-complete picked someone "
        "else, correct it. If the address is right, correct the greeting.",
    )


RULE = Rule(
    name="salutation-does-not-match-recipient",
    summary="The greeting names none of the recipients.",
    check=check,
    options=dict(HISTORY_OPTIONS),
    defaults=dict(HISTORY_DEFAULTS),
)

"""A recipient who does not belong with the others the sender usually writes to together.

What it flags:
    A message to a set of people the sender often writes to together (a case's school and
    health visitor, a panel's members) where one address is not the usual one: the group
    usually includes someone who is missing now, and this recipient, one the sender hardly
    knows, is there instead. A known contact who has never had mail with a group of two or
    more is flagged too. Confirmed recipients are never flagged, and a reply is not judged
    as a group: its recipients were chosen by whoever started the thread.

Clauses:
    NCC-E3 ("check that the all of the recipients ... are correct"), also NCC-E2 ("All
    recipients are entitled to see all of the information"); TWC-A3 ("always double check
    the recipient"). Warn: the sender checks the list or confirms it.

Why:
    Auto-complete offers every contact whose name starts the same way, so a regular group
    mail can go to the wrong Sarah while the rest of the list is right. Each address on its
    own looks familiar; only the combination is unusual.

Fires:
    A social worker who has sent nine messages to a family's school and health visitor
    together sends the next one to the school and a children's guardian she has written to
    twice instead.

Passes:
    The usual school and health visitor; the school and the council's legal team, another
    usual contact (one regular in place of another is most often deliberate); a usual
    contact with a new colleague in copy (left to the new-recipient rule); a first group mail
    to people who have never been written to together; a reply-all.

Options:
    ``usual_count``: messages that make an address a usual contact and part of a group
    (default 3). ``min_group_count``: messages the group must have had together (default 4).
    ``min_score``: the weakest signal that warns (default 0.5: a swap scores 0.8, or 0.45
    when the newcomer is a usual contact too; a known contact never with the group 0.5).
    ``min_messages`` and ``min_days``: the learning period (30, 14).

Known gaps:
    Groups are judged pairwise from how often two addresses shared a message, not from whole
    recipient lists. A distribution list counts as one address. A sender who varies the
    group from message to message gets few signals.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ...recipients.signals import SignalKind
from ..base import Rule, RuleInput
from ._helpers import CONFIRM, HISTORY_DEFAULTS, HISTORY_OPTIONS, recipient_hit, signals_for

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    signals = signals_for(inputs, (SignalKind.UNUSUAL_FOR_GROUP,))
    yield from recipient_hit(
        inputs,
        signals,
        "This message goes to people you usually write to together, but not with this list.",
        "Check each recipient flagged: you may have picked a different contact from the one "
        "who usually gets these messages. " + CONFIRM,
    )


RULE = Rule(
    name="recipient-unusual-for-group",
    summary="A recipient who is not among those the sender usually writes to with the others.",
    check=check,
    options={
        **HISTORY_OPTIONS,
        "usual_count": {"type": "integer", "minimum": 1},
        "min_group_count": {"type": "integer", "minimum": 1},
    },
    defaults={**HISTORY_DEFAULTS, "usual_count": 3, "min_group_count": 4},
)

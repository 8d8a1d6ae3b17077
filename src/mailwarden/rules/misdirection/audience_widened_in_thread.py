"""A reply or forward that takes a thread outside the organisation, or to more people.

What it flags:
    A message in a thread the sender has written in before (the same root in References)
    that goes to someone the sender's earlier messages in the thread did not: an outside
    address added to a thread that so far stayed inside the organisation, or, when the
    message carries third-party personal data, any added recipient (reply-all or forward
    widening the audience).

Clauses:
    NCC-E3 ("Avoid 'reply to all' unless you are sure that all of the recipients should
    have the information"), also NCC-E2 ("All recipients are entitled to see all of the
    information"); TWC-A8 ("When 'forwarding' emails or using the 'reply all' facility
    consider whether the content is suitable for everyone on the list of recipients"), also
    TWC-A3. Warn: the sender checks who the thread now reaches.

Why:
    A thread gathers history: every reply carries the earlier messages below it. Adding an
    outsider, or replying to all when the list has grown, shows all of that history to
    people who were never meant to see it. Staff discussions about a family are the typical
    case: the thread is internal until someone copies in a relative or a partner agency.

Fires:
    A reply in an internal case discussion that adds a parent's personal address; a
    reply-all carrying a resident's details that adds a team the thread never included.

Passes:
    A reply to the people already in the thread; a new message (no earlier thread); a
    widened reply-all without personal data inside the organisation.

Options:
    ``external_needs_personal_data``: flag an outside address added to an internal thread
    only when the message carries third-party personal data (default false).
    ``widened_needs_personal_data``: flag other added recipients only with third-party
    personal data (default true). ``min_score`` (0.5), ``min_messages`` and ``min_days``
    (30, 14): as for the other misdirection rules.

Known gaps:
    Only the sender's own earlier messages in the thread are known; a thread the sender has
    only received so far, or whose earlier messages went through another mailbox, gives
    nothing to compare with. Forwarding a message into a new thread (a new root) is not seen
    as widening.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ...recipients.signals import SignalKind
from ..base import Rule, RuleInput
from ._helpers import HISTORY_DEFAULTS, HISTORY_OPTIONS, recipient_hit, signals_for

__all__ = ["RULE"]

_KINDS = (SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD, SignalKind.AUDIENCE_WIDENED)


def check(inputs: RuleInput) -> Iterator[Hit]:
    signals = signals_for(inputs, _KINDS)
    if not signals:
        return
    personal = bool(inputs.facts.personal_data())
    options = inputs.options
    kept = [
        s
        for s in signals
        if personal
        or (
            s.kind is SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD
            and not options["external_needs_personal_data"]
        )
        or (s.kind is SignalKind.AUDIENCE_WIDENED and not options["widened_needs_personal_data"])
    ]
    if not kept:
        return
    outside = any(s.kind is SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD for s in kept)
    what = (
        "This reply takes an internal thread outside the organisation."
        if outside
        else "This reply or forward goes to more people than the thread had before."
    )
    carries = " It carries personal data about other people." if personal else ""
    yield from recipient_hit(
        inputs,
        kept,
        what + carries,
        "Check that everyone added should see this message and the history quoted below "
        "it; remove anyone who should not, or trim the quoted history.",
    )


RULE = Rule(
    name="audience-widened-in-thread",
    summary="A reply or forward adding outsiders, or more people, to a thread.",
    check=check,
    options={
        **HISTORY_OPTIONS,
        "external_needs_personal_data": {"type": "boolean"},
        "widened_needs_personal_data": {"type": "boolean"},
    },
    defaults={
        **HISTORY_DEFAULTS,
        "external_needs_personal_data": False,
        "widened_needs_personal_data": True,
    },
)

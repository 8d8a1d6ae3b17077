"""A reply or forward that takes a thread outside the organisation, or to more people.

What it flags:
    A reply or forward that reaches people its thread had not. What the thread had is what
    the message itself shows (the attribution line or the From/To/Cc header block of the
    message answered, and every header block quoted below it; metadata only, nothing
    stored) together with the sender's own earlier messages in the thread (the same root in
    References). Flagged: an outside address added to a thread that so far stayed inside
    the organisation; an outside address on a reply that is not on the message answered
    (the reply-all that brings back the resident or partner who had dropped off, or someone
    named nowhere in the thread); and, when the message carries third-party personal data,
    a colleague the thread has not had. A forward inside the organisation is never
    widening, and a reply to the resident who started the thread is not taking it outside.

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
    case: the thread is internal until someone copies in a relative or a partner agency. A
    reply goes, by default, to the people on the message it answers; anyone else outside the
    organisation was added by the sender or carried over from an older message.

Fires:
    A reply in an internal case discussion that adds a parent's personal address; a reply
    to a colleague's message that copies back the grandmother who started the thread; a
    reply-all carrying a resident's details that adds a team the thread never included.

Passes:
    A reply to the people already in the thread; a forward of a resident's mail to a
    colleague; the reply to that resident afterwards; a new message (no earlier thread); a
    widened reply-all without personal data inside the organisation.

Options:
    ``external_needs_personal_data``: flag an outside address added to an internal thread,
    or to a reply, only when the message carries third-party personal data (default false).
    ``widened_needs_personal_data``: flag other added recipients only with third-party
    personal data (default true). ``min_score`` (0.5; an outsider in an internal thread
    scores 0.8-0.9, an outsider on a reply 0.8 when new to the thread and 0.7 when back, a
    colleague 0.6), ``min_messages`` and ``min_days`` (30, 14): as for the other
    misdirection rules.

Known gaps:
    An attribution line ("On ..., X wrote:") names only the author of the message answered,
    so with it alone the other outside people a reply-all copies in count as added: the
    header block Outlook writes (with To and Cc) avoids that. A thread whose quoted history
    was cut and which the sender has not written in gives nothing to compare with.
    Forwarding a message into a new thread (a new root) is not seen as widening.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ...recipients.signals import SignalKind
from ..base import Rule, RuleInput
from ._helpers import HISTORY_DEFAULTS, HISTORY_OPTIONS, recipient_hit, signals_for

__all__ = ["RULE"]

_KINDS = (
    SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD,
    SignalKind.OUTSIDER_ADDED_TO_REPLY,
    SignalKind.AUDIENCE_WIDENED,
)
_OUTSIDE = frozenset(_KINDS[:2])


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
        or (s.kind in _OUTSIDE and not options["external_needs_personal_data"])
        or (s.kind is SignalKind.AUDIENCE_WIDENED and not options["widened_needs_personal_data"])
    ]
    if not kept:
        return
    if any(s.kind is SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD for s in kept):
        what = "This message takes an internal thread outside the organisation."
    elif any(s.kind is SignalKind.OUTSIDER_ADDED_TO_REPLY for s in kept):
        what = (
            "This reply goes outside the organisation to someone the message answered "
            "does not name."
        )
    else:
        what = "This reply or forward goes to more people than the thread had before."
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

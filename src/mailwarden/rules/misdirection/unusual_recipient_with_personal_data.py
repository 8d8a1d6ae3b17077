"""A first-time or rarely used recipient on a message carrying third-party personal data.

What it flags:
    A message with third-party personal data (an identifier, a special category, or a name
    with contact details; the sender's signature and the recipients' own details do not
    count) addressed to someone the sender has never written to, or has written to at most
    ``rare_count`` times, according to the sender's recipient history, outside the
    organisation and not at an organisation the sender writes to often. Recipients the sender
    has confirmed as intended are never flagged, nor are those a reply takes from the message
    it answers (named in the quoted attribution line or header block, or written to in the
    thread before): they were not typed or picked.

Clauses:
    NCC-E3 (check every recipient before sending), also NCC-E2 ("the email address is
    correct" before sending personal information); TWC-A3 ("always double check the
    recipient"). Warn: the sender checks the address and confirms or corrects it.

Why:
    "Data emailed to the incorrect recipient" is the most common personal-data breach
    reported to the ICO, and most such mail goes to an address the sender does not usually
    use: a colleague's namesake, a mistyped domain, the wrong entry offered by auto-complete.
    A new recipient alone is common and harmless, so the rule only asks when personal data
    is at stake, and only about the first-time recipients that are likely slips: a domain
    the sender has never written to, or a new outside address. The legitimate first-time
    recipients are the resident who wrote in (answered by reply), a new colleague inside
    the council, and a new person at a partner the sender writes to every week; the slips
    among those (the wrong colleague, the wrong person at the partner) are the lookalike and
    unusual-for-group rules' to find.

Fires:
    A social worker who has written to the same handful of people for six months sends a
    child's placement request, with date of birth, to a fostering agency's address at a
    domain she has never written to.

Passes:
    The same referral to the health visitor the sender writes to every week, or to a new
    colleague inside the council; a reply with personal data to the resident who wrote in;
    a meeting invitation without personal data to a new contact; any mail from a sender whose
    history
    is still in its learning period (fewer than ``min_messages`` messages or ``min_days``
    days), or when no recipient history is configured.

Options:
    ``rare_count``: a recipient written to at most this many times is rare (default 1;
    0 flags only first-time recipients). ``usual_domain_count``: messages to an
    organisation's domain that make it one the sender writes to often (default 5; webmail
    domains never count). ``min_messages`` (default 30) and ``min_days`` (default 14): the
    learning period. ``min_score``: the weakest signal that warns (default 0.5; a first-time
    recipient scores 0.8 at a domain never written to, 0.6 elsewhere outside, 0.4 inside the
    organisation or at a domain written to often; a rare one 0.3 less).

Known gaps:
    The history knows only mail really sent from this sender, so a colleague's usual
    contacts, or a new address given by the data subject on the phone, look new. A
    recipient who is new but right (a new case worker at a new agency) is warned about once,
    until the sender confirms them. A wrong colleague inside the council with nothing else
    to give it away (no lookalike name, no group it breaks) passes. A reply quoted with only
    an attribution line shows only its author, so the others a reply-all copies in are
    judged as chosen by the sender.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ...recipients.signals import SignalKind
from .._common import describe_types
from ..base import Rule, RuleInput
from ._helpers import CONFIRM, HISTORY_DEFAULTS, HISTORY_OPTIONS, recipient_hit, signals_for

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    signals = signals_for(inputs, (SignalKind.NEW_RECIPIENT,))
    if not signals:
        return
    found = inputs.facts.personal_data()
    if not found:
        return
    who = "a recipient" if len(signals) == 1 else f"{len(signals)} recipients"
    yield from recipient_hit(
        inputs,
        signals,
        f"This message carries {describe_types(found)} of people it is about and goes to "
        f"{who} you rarely or never write to.",
        "Check that each address flagged is the person you mean, letter by letter. " + CONFIRM,
    )


RULE = Rule(
    name="unusual-recipient-with-personal-data",
    summary="Third-party personal data to a recipient the sender has rarely or never written to.",
    check=check,
    options={
        **HISTORY_OPTIONS,
        "rare_count": {
            "type": "integer",
            "minimum": 0,
            "description": "a recipient written to at most this many times is rare",
        },
        "usual_domain_count": {
            "type": "integer",
            "minimum": 1,
            "description": "messages to a domain that make it one the sender writes to often",
        },
    },
    defaults={**HISTORY_DEFAULTS, "rare_count": 1, "usual_domain_count": 5},
)

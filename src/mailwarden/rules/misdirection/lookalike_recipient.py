"""A recipient that looks like one of the sender's usual contacts but is a different address.

What it flags:
    An address the sender has rarely or never used that reads like one they use often: a
    small typing slip before the @ (``sarah.jonson`` for ``sarah.johnson``), a mistyped or
    extended domain (``gmial.com``, ``norfolk.gov.uk.example``), the same name with another
    ending (``nhs.uk`` for ``nhs.net``), look-alike characters (a Cyrillic ``о``, ``rn`` for
    ``m``, ``0`` for ``o``), the same display name as a usual contact at another address (the
    auto-complete slip), a usual contact's first name with another surname (the wrong Sarah
    the auto-complete list offered), or, whoever the person, a domain never written to that
    nearly spells one the sender writes to (``oakfield-primay.example``). Confirmed
    recipients are never flagged, nor are those a reply takes from the message it answers.

Clauses:
    NCC-E3 ("Take particular care where outlook auto-completes and suggests recipient
    addresses"), also NCC-E2 ("The email address is correct"); TWC-A3 ("always double check
    the recipient"). Warn: the sender corrects the address or confirms it.

Why:
    Auto-complete and typing slips send mail to a neighbour of the intended address. The
    wrong address usually differs by a letter or two, or by its domain, which is exactly
    what a reader skimming the To line does not see. The warning names the usual contact
    it resembles (masked), so the sender can compare.

Fires:
    A social worker who writes every week to ``priya.patel@nhs.net`` sends to
    ``priya.patel@nhs.uk``, or to Priya Shah at another council, or to a new address at
    ``oakfield-primay.example`` when she writes to ``oakfield-primary.example``.

Passes:
    Mail to ``priya.patel@nhs.net`` itself; mail to a new contact who resembles no usual
    contact; two colleagues with similar addresses the sender writes to often; the same local
    part at two of the organisation's own domains (aliases of one person).

Options:
    ``usual_count``: messages that make an address a usual contact (default 3).
    ``rare_count``: only recipients written to at most this many times are suspects
    (default 1). ``max_edit_distance``: the largest edit (Damerau-Levenshtein) distance for
    longer local parts and domains (default 2; short ones allow 1). ``min_score``: the weakest
    signal that warns (default 0.5: the first-name match alone scores 0.55 at the same
    domain, 0.5 elsewhere; a mistyped domain 0.85 to 0.9). ``min_messages`` and ``min_days``:
    the learning period (30, 14).

Known gaps:
    Display names come from the history the store keeps; a history without them cannot see
    the same-name slip. A lookalike of someone the sender has never written to (a colleague's
    contact) is not found, and neither is a wrong address that resembles nobody. A new
    contact who happens to share a usual contact's first name is asked about once, until
    confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ...recipients.signals import SignalKind
from ..base import Rule, RuleInput
from ._helpers import CONFIRM, HISTORY_DEFAULTS, HISTORY_OPTIONS, recipient_hit, signals_for

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    signals = signals_for(inputs, (SignalKind.LOOKALIKE,))
    if not signals:
        return
    what = "A recipient looks" if len(signals) == 1 else f"{len(signals)} recipients look"
    yield from recipient_hit(
        inputs,
        signals,
        f"{what} like someone you usually write to, but the address is different.",
        "Compare each address flagged with the contact it resembles and correct it if you "
        "picked or typed the wrong one. " + CONFIRM,
    )


RULE = Rule(
    name="lookalike-recipient",
    summary="A recipient address that resembles a usual contact's but is not it.",
    check=check,
    options={
        **HISTORY_OPTIONS,
        "usual_count": {"type": "integer", "minimum": 1},
        "rare_count": {"type": "integer", "minimum": 0},
        "max_edit_distance": {"type": "integer", "minimum": 1, "maximum": 4},
    },
    defaults={**HISTORY_DEFAULTS, "usual_count": 3, "rare_count": 1, "max_edit_distance": 2},
)

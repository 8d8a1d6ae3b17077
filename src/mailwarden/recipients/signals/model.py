"""The values every misdirection signal shares: what a signal says, and the options it reads.

A `Signal` is one reason to think a recipient may be the wrong one (or an attachment the
wrong one). It carries a score between 0 and 1 (how strongly the evidence points at a
mistake, not a probability) and reasons in plain English that name addresses and people
only in their masked form (DESIGN, masks): a signal can be logged, stored or shown as is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ...detectors import EntityType, mask_value
from ..history import SenderHistory

__all__ = [
    "Signal",
    "SignalKind",
    "SignalOptions",
    "in_learning_period",
    "masked_address",
]


class SignalKind(StrEnum):
    """What a signal found. The values are stable: benchmarks and stored findings use them."""

    NEW_RECIPIENT = "new-recipient"
    """First time, or rarely, written to by this sender."""
    LOOKALIKE = "lookalike"
    """Looks like one of the sender's usual contacts but is a different address."""
    UNUSUAL_FOR_GROUP = "unusual-for-group"
    """The other recipients usually get mail from this sender without this one."""
    NEW_EXTERNAL_DOMAIN_IN_THREAD = "new-external-domain-in-thread"
    """An outside domain appears in a thread that so far stayed inside the organisation."""
    AUDIENCE_WIDENED = "audience-widened"
    """A reply or forward goes to more people than the thread had before."""
    OUTSIDER_ADDED_TO_REPLY = "outsider-added-to-reply"
    """A reply adds an outside address named nowhere in the thread it answers."""
    SALUTATION_MISMATCH = "salutation-mismatch"
    """The greeting names none of the recipients."""
    ATTACHMENT_MISMATCH = "attachment-mismatch"
    """An attachment names a person or case that the mail itself never mentions."""


ANOMALY_KINDS = frozenset(SignalKind) - {
    SignalKind.ATTACHMENT_MISMATCH,
    SignalKind.SALUTATION_MISMATCH,
}
"""Signals that compare with the sender's history, silent during the learning period (the
attachment and the salutation are judged from the message alone)."""

CONFIRMABLE_KINDS = frozenset(
    {SignalKind.NEW_RECIPIENT, SignalKind.LOOKALIKE, SignalKind.UNUSUAL_FOR_GROUP}
)
"""Signals a recipient the sender has confirmed as intended never triggers."""


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason to doubt a recipient (or an attachment).

    `recipient` is the lower-case address the signal is about ('' for an attachment
    signal); `where` is its DESIGN label: `recipient:<n>` (numbered as `Facts.recipients`),
    or `attachment:<n>` for an attachment mismatch. `score` is 0-1, higher is stronger.
    `reasons` are short plain-English sentences, with addresses and names masked only.
    `evidence` lists masked items behind an attachment signal as `(type, masked)` pairs
    (`PERSON` initials, `CASE_ID` with all but the last three digits hidden).
    """

    kind: SignalKind
    recipient: str
    where: str
    score: float
    reasons: tuple[str, ...]
    evidence: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} outside 0-1")


@dataclass(frozen=True, slots=True)
class SignalOptions:
    """The thresholds the signals read; the rules fill them from their binding options.

    Learning period: a sender with fewer than `min_messages` messages in history, or whose
    history starts less than `min_days` before the message, gets no anomaly signals.
    """

    min_messages: int = 30
    """A history smaller than this is still learning: no anomaly signals."""
    min_days: int = 14
    """A history younger than this many days is still learning."""
    rare_count: int = 1
    """A recipient written to at most this many times before is new or rare."""
    usual_count: int = 3
    """A recipient written to at least this many times is a usual contact."""
    max_edit_distance: int = 2
    """The largest Damerau-Levenshtein distance that still counts as a lookalike."""
    min_group_count: int = 4
    """How often the other recipients must have had mail together to form a group."""
    usual_domain_count: int = 5
    """Messages to an organisation's domain that make it one the sender writes to often."""
    max_unmatched_people: int = 5
    """More unmatched names than this in one attachment reads as a list, not a mix-up."""


def masked_address(address: str) -> str:
    """An address as findings may show it: first character and domain (`j***@x.gov.uk`)."""
    return mask_value(EntityType.EMAIL_ADDRESS, address)


def in_learning_period(
    history: SenderHistory | None, now: dt.datetime | None, options: SignalOptions
) -> bool:
    """True while `history` is too small or too young for anomaly signals (always for None).

    Without a clock (`now` None) only the message count is judged.
    """
    if history is None or history.messages < options.min_messages:
        return True
    if now is None or history.first_seen is None:
        return history.first_seen is None
    return now - history.first_seen < dt.timedelta(days=options.min_days)

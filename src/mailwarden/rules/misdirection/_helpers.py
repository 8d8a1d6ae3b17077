"""What the misdirection rules share: the history options, the signals, the hit they make.

Every rule here is silent without a recipient history (`Context.history` None: no store),
except those whose signal needs none (a salutation that does not match the recipient, an
attachment about someone else), which run from the first message. Each reads the learning
period and its thresholds from its binding's options and keeps only signals scoring at least
`min_score`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ...policy.findings import Evidence, Hit
from ...recipients.signals import Signal, SignalKind, SignalOptions, misdirection_signals
from ..base import RuleInput
from ..facts import address_evidence

__all__ = [
    "CONFIRM",
    "HISTORY_DEFAULTS",
    "HISTORY_OPTIONS",
    "NEEDS_NO_HISTORY",
    "recipient_hit",
    "signal_options",
    "signals_for",
]

CONFIRM = (
    "If it is the right person, confirm and send: you will not be warned about this "
    "recipient again."
)

HISTORY_OPTIONS: dict[str, Any] = {
    "min_messages": {
        "type": "integer",
        "minimum": 0,
        "description": "a sender with fewer messages in history is still learning (no warnings)",
    },
    "min_days": {
        "type": "integer",
        "minimum": 0,
        "description": "a sender whose history is younger than this many days is still learning",
    },
    "min_score": {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
        "description": "the weakest signal score that gives a warning",
    },
}
HISTORY_DEFAULTS: dict[str, Any] = {"min_messages": 30, "min_days": 14, "min_score": 0.5}

NEEDS_NO_HISTORY = frozenset({SignalKind.ATTACHMENT_MISMATCH, SignalKind.SALUTATION_MISMATCH})
"""Signals judged from the message alone: no store or learning period needed."""

_OPTION_FIELDS = (
    "min_messages",
    "min_days",
    "rare_count",
    "usual_count",
    "max_edit_distance",
    "min_group_count",
    "usual_domain_count",
    "max_unmatched_people",
)


def signal_options(options: Mapping[str, Any]) -> SignalOptions:
    """The signal thresholds from a binding's resolved options."""
    return SignalOptions(**{k: int(options[k]) for k in _OPTION_FIELDS if k in options})


def signals_for(inputs: RuleInput, kinds: Iterable[SignalKind]) -> tuple[Signal, ...]:
    """The signals of `kinds` at or above `min_score`; () without a history."""
    history = inputs.context.history
    if history is None:  # no store: only the signals that need no history
        kinds = [k for k in kinds if k in NEEDS_NO_HISTORY]
        if not kinds:
            return ()
    found = misdirection_signals(
        inputs.message,
        inputs.facts,
        inputs.pack,
        history,
        now=inputs.context.now,
        options=signal_options(inputs.options),
        kinds=kinds,
    )
    return tuple(s for s in found if s.score >= inputs.options["min_score"])


def recipient_hit(
    inputs: RuleInput, signals: Sequence[Signal], message: str, fix: str
) -> Iterable[Hit]:
    """One hit for the recipients `signals` name: `message` then each signal's reasons."""
    if not signals:
        return
    by_where = {r.where: r for r in inputs.facts.recipients}
    evidence: list[Evidence] = []
    reasons: list[str] = []
    for signal in signals:
        recipient = by_where.get(signal.where)
        if recipient is not None:
            item = address_evidence(recipient.address, signal.where)
            if item not in evidence:
                evidence.append(item)
        for reason in signal.reasons:
            if reason not in reasons:
                reasons.append(reason)
    yield Hit(message=f"{message} {' '.join(reasons)}", fix=fix, evidence=tuple(evidence))

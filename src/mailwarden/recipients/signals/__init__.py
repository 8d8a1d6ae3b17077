"""Misdirection signals: pure detectors that compare a message with the sender's history.

Each signal lives in its own module and explains itself; `misdirection_signals` runs them
all with the learning period and confirmations applied. No I/O, no clock: the history and
the time are passed in.

Use::

    from mailwarden.recipients.signals import SignalOptions, misdirection_signals

    signals = misdirection_signals(message, None, pack, history, now=now)
    for s in signals:
        print(s.kind, s.where, s.score, s.reasons)
"""

from __future__ import annotations

from .entry import misdirection_signals
from .model import Signal, SignalKind, SignalOptions, in_learning_period, masked_address
from .new_recipient import new_recipient_signals

__all__ = [
    "Signal",
    "SignalKind",
    "SignalOptions",
    "in_learning_period",
    "masked_address",
    "misdirection_signals",
    "new_recipient_signals",
]

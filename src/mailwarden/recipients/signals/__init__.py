"""Misdirection signals: pure detectors that compare a message with the sender's history.

Each signal lives in its own module and explains itself; `misdirection_signals` runs them
all with the learning period and confirmations applied. No I/O, no clock: the history and
the time are passed in.

1. `new_recipient`: first-time or rare recipient (acted on only with personal data);
2. `lookalike`: an unfamiliar address that reads like a usual contact;
3. `group`: a recipient that does not belong with the others;
4. `thread`: a reply or forward that widens a thread's audience or takes it outside, judged
   against the earlier participants the message shows (`quoted`) and the sender's own
   earlier messages in the thread;
5. `salutation`: a greeting that names none of the To and Cc recipients;
6. `attachment`: an attached file naming a person or case the mail never mentions.

Use::

    from mailwarden.recipients.signals import SignalOptions, misdirection_signals

    signals = misdirection_signals(message, None, pack, history, now=now)
    for s in signals:
        print(s.kind, s.where, s.score, s.reasons)
"""

from __future__ import annotations

from .attachment import attachment_signals
from .confusables import skeleton
from .distance import damerau_levenshtein
from .entry import misdirection_signals
from .group import group_signals
from .lookalike import lookalike_signals
from .model import (
    ANOMALY_KINDS,
    CONFIRMABLE_KINDS,
    Signal,
    SignalKind,
    SignalOptions,
    in_learning_period,
    masked_address,
)
from .names import name_tokens
from .new_recipient import new_recipient_signals
from .quoted import Earlier, earlier_participants
from .salutation import greeting_name, salutation_signals
from .thread import thread_signals

__all__ = [
    "ANOMALY_KINDS",
    "CONFIRMABLE_KINDS",
    "Earlier",
    "Signal",
    "SignalKind",
    "SignalOptions",
    "attachment_signals",
    "damerau_levenshtein",
    "earlier_participants",
    "greeting_name",
    "group_signals",
    "in_learning_period",
    "lookalike_signals",
    "masked_address",
    "misdirection_signals",
    "name_tokens",
    "new_recipient_signals",
    "salutation_signals",
    "skeleton",
    "thread_signals",
]

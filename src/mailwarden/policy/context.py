"""What the engine needs that is not in the message, passed in so the core stays pure.

The clock, the sender the transport authenticated, the sender's out-of-office state, a
valid override, the channel and direction, and (later) recipient history. Adapters build
it; rules read it and never reach for the clock or environment themselves (house rule 3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..recipients.history import SenderHistory

__all__ = ["Context"]

_CHANNELS = ("mail", "sms", "social")


@dataclass(frozen=True, slots=True)
class Context:
    """Facts about one evaluation.

    `sender` is the authenticated sender's address when `sender_authenticated` is true (a
    SASL login, `--sender`); otherwise it is the `From:` address and rules that judge
    identity say they judged an unauthenticated sender. `override` is true when the sender
    presented a valid override: every `warn` finding is then marked overridden. `history` is
    the sender's recipient history when a store is configured (None: no history, so the
    misdirection rules stay silent and only the content rules judge the message).
    """

    now: dt.datetime
    sender: str = ""
    sender_authenticated: bool = False
    sender_out_of_office: bool = False
    override: bool = False
    direction: str = "send"
    channel: str = "mail"
    history: SenderHistory | None = None

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("Context.now must be timezone-aware")
        if self.channel not in _CHANNELS:
            raise ValueError(f"unknown channel {self.channel!r}")
        if self.direction not in ("send", "receive"):
            raise ValueError(f"unknown direction {self.direction!r}")

"""Signal 1, a new or rare recipient: an address this sender has never, or hardly ever, used.

Most misdirected mail goes to an address the sender does not usually write to. On its own
that is weak evidence (people write to new people every day), so it is only a signal: the
rule acts on it only when the message carries third-party personal data (NCC-E2, NCC-E3,
TWC-A3). The score falls as the count rises: 0.6 for a first-time recipient, less for one
written to before, and a recipient at a domain the sender has never written to scores
a little more (a new organisation, not just a new colleague of a known one).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..history import SenderHistory
from .model import Signal, SignalKind, SignalOptions, masked_address

__all__ = ["new_recipient_signals"]


def new_recipient_signals(
    recipients: Iterable[tuple[str, str]], history: SenderHistory, options: SignalOptions
) -> Iterator[Signal]:
    """A signal for each `(address, where)` written to at most `options.rare_count` times."""
    for address, where in recipients:
        count = history.count(address)
        if count > options.rare_count:
            continue
        domain = address.rpartition("@")[2]
        new_domain = history.domains.get(domain, 0) == 0
        if count == 0:
            reasons = [f"You have not written to {masked_address(address)} before."]
            score = 0.6
        else:
            times = "once" if count == 1 else f"{count} times"
            reasons = [f"You have written to {masked_address(address)} only {times} before."]
            score = 0.5 - 0.3 * min(count, options.rare_count) / max(options.rare_count + 1, 1)
        if new_domain:
            reasons.append(f"You have not written to anyone at {domain} before.")
            score += 0.2
        yield Signal(
            SignalKind.NEW_RECIPIENT, address, where, round(min(score, 1.0), 3), tuple(reasons)
        )

"""Signal 1, a new or rare recipient: an address this sender has never, or hardly ever, used.

Most misdirected mail goes to an address the sender does not usually write to. On its own
that is weak evidence (people write to new people every day), so it is only a signal: the
rule acts on it only when the message carries third-party personal data (NCC-E2, NCC-E3,
TWC-A3). What makes a first-time recipient more or less likely to be a slip:

- an address at a domain the sender has never written to (a new organisation, or a
  mistyped one): 0.8;
- a new address elsewhere outside the organisation, a personal webmail address included
  (webmail domains are shared by millions, so writing to gmail.com often says nothing about
  this address): 0.6;
- a new colleague inside the organisation, or a new person at an organisation the sender
  writes to often (at least `usual_domain_count` messages): 0.4, under the rules'
  threshold - the data stays with a body the sender deals with every day, and the slips
  that go there (the wrong colleague, the wrong person at a partner) are the lookalike and
  unusual-for-group signals' to find;
- an address written to before, up to `rare_count` times: 0.1 to 0.3 less.

Recipients taken from the message being answered are left out by the caller (they were
not typed: the entry point passes only the recipients the sender chose).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..history import SenderHistory
from .model import Signal, SignalKind, SignalOptions, masked_address

__all__ = ["new_recipient_signals"]


def new_recipient_signals(
    recipients: Iterable[tuple[str, str]],
    history: SenderHistory,
    options: SignalOptions,
    internal: Callable[[str], bool] = lambda _domain: False,
    webmail: Callable[[str], bool] = lambda _domain: False,
) -> Iterator[Signal]:
    """A signal for each `(address, where)` written to at most `options.rare_count` times.

    `internal(domain)` and `webmail(domain)` are the pack's tests for the organisation's own
    domains and for personal webmail domains.
    """
    for address, where in recipients:
        count = history.count(address)
        if count > options.rare_count:
            continue
        domain = address.rpartition("@")[2]
        at_domain = history.domains.get(domain, 0)
        shown = masked_address(address)
        if count == 0:
            reasons = [f"You have not written to {shown} before."]
        else:
            times = "once" if count == 1 else f"{count} times"
            reasons = [f"You have written to {shown} only {times} before."]
        if internal(domain):
            reasons.append("It is a colleague's address inside the organisation.")
            score = 0.4
        elif at_domain == 0:
            reasons.append(f"You have not written to anyone at {domain} before.")
            score = 0.8
        elif at_domain >= options.usual_domain_count and not webmail(domain):
            reasons.append(f"You write to {domain} often ({at_domain} messages).")
            score = 0.4
        else:
            score = 0.6
        if count:
            score -= 0.1 + 0.2 * min(count, options.rare_count) / max(options.rare_count, 1)
        yield Signal(
            SignalKind.NEW_RECIPIENT,
            address,
            where,
            round(min(max(score, 0.0), 1.0), 3),
            tuple(reasons),
        )

"""Signal 4, a thread's audience widened: a reply or forward reaches people the thread had not.

NCC-E3 "avoid reply to all unless you are sure that all of the recipients should have the
information" and TWC-A8 "when forwarding emails or using the reply all facility consider
whether the content is suitable for everyone". The thread is the message's `thread_id`
(the root of References); `history.threads` holds the addresses the sender has written to
in it before. Each recipient not among them gives:

- `new-external-domain-in-thread` (0.8, or 0.9 at a domain the sender has never written
  to) when the thread so far stayed inside the organisation and this address is outside;
- `audience-widened` (0.6) otherwise.

A message that starts a thread, or a thread the sender has not written in before, gives
nothing: there is no earlier audience to compare with. The rule acts on it only with
third-party personal data, as the clauses ask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ...message.model import Message
from ..history import SenderHistory, thread_id
from .model import Signal, SignalKind, masked_address

__all__ = ["thread_signals"]


def _domain(address: str) -> str:
    return address.rpartition("@")[2]


def thread_signals(
    message: Message,
    recipients: Sequence[tuple[str, str]],
    history: SenderHistory,
    internal: Callable[[str], bool],
) -> Iterator[Signal]:
    """A signal for each `(address, where)` new to the message's thread."""
    if not (message.in_reply_to or message.references):
        return
    before = history.threads.get(thread_id(message))
    if not before:
        return
    stayed_inside = all(internal(_domain(a)) for a in before)
    size = len(before)
    people = "person" if size == 1 else "people"
    for address, where in recipients:
        if address in before:
            continue
        domain = _domain(address)
        shown = masked_address(address)
        if stayed_inside and not internal(domain):
            score = 0.9 if history.domains.get(domain, 0) == 0 else 0.8
            reasons = (
                f"Your earlier messages in this thread went to {size} {people} inside the "
                f"organisation only; this one adds {shown}, outside it.",
            )
            yield Signal(SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD, address, where, score, reasons)
        else:
            reasons = (
                f"Your earlier messages in this thread went to {size} {people}; "
                f"this one adds {shown}.",
            )
            yield Signal(SignalKind.AUDIENCE_WIDENED, address, where, 0.6, reasons)

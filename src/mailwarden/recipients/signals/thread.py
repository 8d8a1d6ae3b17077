"""Signal 4, a thread's audience widened: a reply or forward reaches people the thread had not.

NCC-E3 "avoid reply to all unless you are sure that all of the recipients should have the
information" and TWC-A8 "when forwarding emails or using the reply all facility consider
whether the content is suitable for everyone". What the thread had before is what the
message itself shows (`quoted.earlier_participants`: the attribution line or header block
of the message answered, and every header block quoted below it) together with the
addresses the sender has written to in the thread (`history.threads`, the root of
References). Nothing is stored from received mail.

A reply goes, by default, to the people on the message it answers. Each recipient of a
reply who is not on that message gives:

- `new-external-domain-in-thread` (0.8, or 0.9 at a domain the sender has never written
  to): an outside address added to a thread that so far stayed inside the organisation;
- `outsider-added-to-reply`: an outside address that is not on the message answered, in a
  thread that already had outsiders: 0.8 when it is named nowhere in the thread, 0.7 when
  it was in the thread earlier (the reply-all that brings back the resident who wrote in,
  or a partner who had dropped off). Either way the outsider reads the history below;
- `audience-widened` (0.6): a colleague the thread has not had (acted on only with
  personal data), judged when the reply shows the whole audience of the message answered
  (a header block with its To) or the sender has written in the thread before.

An attribution line names only the author of the message answered, so when it is all the
reply shows, the others copied by reply-all count as added: the header block Outlook
writes (From, To, Cc) avoids that.

A forward chooses a new audience on purpose: forwarding inside the organisation is never
widening; an outside recipient of a forward gives `new-external-domain-in-thread` when
the thread was internal, `audience-widened` otherwise. A message that starts a thread, or
a reply whose thread shows no earlier participants at all, gives nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ...message.model import Message
from ..history import SenderHistory, thread_id
from .model import Signal, SignalKind, masked_address
from .quoted import Earlier

__all__ = ["thread_signals"]


def _domain(address: str) -> str:
    return address.rpartition("@")[2]


def _people(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def thread_signals(
    message: Message,
    recipients: Sequence[tuple[str, str, str]],
    history: SenderHistory,
    internal: Callable[[str], bool],
    earlier: Earlier,
) -> Iterator[Signal]:
    """A signal for each `(address, where, display name)` new to the message's thread."""
    if not (message.in_reply_to or message.references):
        return
    own = history.sender
    written = history.threads.get(thread_id(message), frozenset())
    known = {a for a in written | earlier.shown if a != own}
    if not known and not earlier.shown_names:
        return  # nothing to compare with
    stayed_inside = bool(known) and all(internal(_domain(a)) for a in known)
    size = len(known)
    for address, where, display in recipients:
        domain = _domain(address)
        outside = not internal(domain)
        shown = masked_address(address)
        if earlier.forward:
            if not outside or address in known or earlier.shows(address, display):
                continue
            if stayed_inside:
                yield _outside(address, where, history, size, shown, forwarded=True)
            else:
                reasons = (f"This forward takes the thread outside the organisation to {shown}.",)
                yield Signal(SignalKind.AUDIENCE_WIDENED, address, where, 0.6, reasons)
            continue
        if earlier.on_answered(address, display):
            continue
        in_thread = address in known or earlier.shows(address, display)
        if outside and not in_thread:
            if stayed_inside:
                yield _outside(address, where, history, size, shown, forwarded=False)
            else:
                reasons = (
                    f"This reply adds {shown}, outside the organisation, whom neither the "
                    "quoted message you are answering nor the rest of the thread names.",
                )
                yield Signal(SignalKind.OUTSIDER_ADDED_TO_REPLY, address, where, 0.8, reasons)
        elif outside:
            reasons = (
                f"This reply adds back {shown}, outside the organisation, who was on the "
                "thread earlier but is not named on the quoted message you are answering.",
            )
            yield Signal(SignalKind.OUTSIDER_ADDED_TO_REPLY, address, where, 0.7, reasons)
        elif not in_thread and (earlier.answered_complete or written):
            reasons = (f"The thread so far went between {_people(size)}; this reply adds {shown}.",)
            yield Signal(SignalKind.AUDIENCE_WIDENED, address, where, 0.6, reasons)


def _outside(
    address: str,
    where: str,
    history: SenderHistory,
    size: int,
    shown: str,
    *,
    forwarded: bool,
) -> Signal:
    score = 0.9 if history.domains.get(_domain(address), 0) == 0 else 0.8
    what = "forward" if forwarded else "one"
    reasons = (
        f"As far as the quoted messages and your own earlier ones show, the thread went "
        f"between {_people(size)} inside the organisation only; this {what} adds {shown}, "
        "outside it.",
    )
    return Signal(SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD, address, where, score, reasons)

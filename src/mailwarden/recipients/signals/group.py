"""Signal 3, a recipient unusual for the group: the others usually get this mail without it.

A sender who writes to the same set of people week after week (a case's social worker, the
school and the health visitor) and now sends to that set with one address changed has
probably picked the wrong entry. For each recipient, the other recipients the sender
writes to at least `usual_count` times are the group; the group counts when its members
have had at least `min_group_count` messages together (pairwise, from `co_recipients`).

- 0.8 when the group usually includes someone else who is missing now and this recipient
  is one the sender hardly knows (fewer than `usual_count` messages): a swap, the
  auto-complete neighbour in place of the usual member; 0.45 (under the rules' threshold)
  when the recipient is a usual contact too, since swapping one regular for another is
  most often deliberate (the colleague covering this week);
- 0.5 when the recipient is known to the sender but has never had mail with this group
  of two or more.

A lone usual contact with a new copy recipient is left to the new-recipient signal: adding
someone to a conversation is common and not by itself a slip.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations

from ..history import SenderHistory
from .model import Signal, SignalKind, SignalOptions, masked_address

__all__ = ["group_signals"]


def _together(history: SenderHistory, a: str, b: str) -> int:
    return history.co_recipients.get(a, {}).get(b, 0)


def _group_size(history: SenderHistory, group: Sequence[str]) -> int:
    if len(group) == 1:
        return history.count(group[0])
    return min(_together(history, a, b) for a, b in combinations(group, 2))


def _substitute(
    history: SenderHistory, group: Sequence[str], present: set[str], together: int
) -> str | None:
    best: tuple[int, str] | None = None
    for candidate in history.co_recipients.get(group[0], {}):
        if candidate in present:
            continue
        shared = min(_together(history, member, candidate) for member in group)
        if shared * 2 >= together and (best is None or (shared, candidate) > best):
            best = (shared, candidate)
    return best[1] if best else None


def group_signals(
    recipients: Sequence[tuple[str, str]],
    history: SenderHistory,
    options: SignalOptions,
) -> Iterator[Signal]:
    """A signal for each `(address, where)` that does not belong with the others."""
    present = {address for address, _ in recipients}
    for address, where in recipients:
        group = sorted(
            other
            for other in present
            if other != address and history.count(other) >= options.usual_count
        )
        if not group:
            continue
        together = _group_size(history, group)
        if together < options.min_group_count:
            continue
        with_this = max(_together(history, member, address) for member in group)
        if with_this * 10 > together:
            continue
        others = "the other recipients" if len(group) > 1 else masked_address(group[0])
        usual = f"You have sent {together} messages to {others}"
        substitute = _substitute(history, group, present, together)
        if substitute:
            reason = (
                f"{usual}, usually with {masked_address(substitute)}, who is not on this one; "
                f"{masked_address(address)} is there instead."
            )
            score = 0.8 if history.count(address) < options.usual_count else 0.45
            yield Signal(SignalKind.UNUSUAL_FOR_GROUP, address, where, score, (reason,))
        elif len(group) > 1 and history.count(address) > 0:
            times = "never" if with_this == 0 else "hardly ever"
            reason = f"{usual}, {times} with {masked_address(address)}."
            yield Signal(SignalKind.UNUSUAL_FOR_GROUP, address, where, 0.5, (reason,))

"""Actions a finding can carry, weakest first, and how a verdict is chosen from them.

DESIGN: `advise < warn < encrypt < quarantine < block`; `allow` when nothing fires. A tip
(`advise`) never changes the verdict, and only `warn` can be overridden by the sender.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = ["Action", "strongest"]


class Action(StrEnum):
    """What happens to a message. Ordered by `rank`; `allow` is the absence of any other."""

    ALLOW = "allow"
    ADVISE = "advise"
    WARN = "warn"
    ENCRYPT = "encrypt"
    QUARANTINE = "quarantine"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        """Position in the DESIGN order: a higher rank wins."""
        return _RANK[self]

    @property
    def stops(self) -> bool:
        """True for the actions that make `check` exit 1 (the message does not go as written)."""
        return self in (Action.QUARANTINE, Action.BLOCK)


_RANK = {action: index for index, action in enumerate(Action)}

BINDABLE = (Action.ADVISE, Action.WARN, Action.ENCRYPT, Action.QUARANTINE, Action.BLOCK)
"""The actions a pack may bind a rule to (`allow` is not an action a rule can take)."""


def strongest(actions: Iterable[Action]) -> Action:
    """The verdict for these actions: the strongest, ignoring `advise`; `allow` when none."""
    best = Action.ALLOW
    for action in actions:
        if action is not Action.ADVISE and action.rank > best.rank:
            best = action
    return best

"""Hard limits on what parsing may cost, so hostile input gets a bounded answer.

Every limit is configurable (settings key `limits`). When one is reached the part is kept,
marked uninspected with the reason, and parsing goes on: nothing is silently dropped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields

__all__ = ["Budget", "Limits", "ParseContext"]

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one message's parse. Defaults suit a mail gateway on a small host."""

    max_depth: int = 8
    """Nesting of archives, TNEF and attached messages below the top-level message."""
    max_total_bytes: int = 200 * MIB
    """Uncompressed bytes extracted from all attachments of one message together."""
    max_ratio: float = 200.0
    """Largest uncompressed/compressed ratio of an archive member before it counts as a bomb."""
    max_members: int = 2000
    """Archive members (over all archives of one message) that will be opened."""
    max_seconds: float = 30.0
    """Wall-clock time for extracting one message's attachments."""
    max_parts: int = 5000
    """MIME parts read from one message; parts beyond are counted, not decoded."""
    max_headers: int = 5000
    """Header fields kept from one header block."""
    max_text_chars: int = 5_000_000
    """Characters of text kept from one attachment or body (the rest is marked over-limit)."""
    max_message_bytes: int = 150 * MIB
    """Size of one raw message; a larger one is read up to the limit and marked over-limit."""
    worker_memory_bytes: int = 1024 * MIB
    """Address-space cap of the extraction worker, so a decompression bomb cannot take the host."""

    @classmethod
    def from_mapping(cls, values: dict[str, object]) -> Limits:
        """Build from a settings mapping; unknown keys raise KeyError naming the key."""
        known = {f.name: f.type for f in fields(cls)}
        for key in values:
            if key not in known:
                raise KeyError(key)
        return cls(**values)  # type: ignore[arg-type]


@dataclass(slots=True)
class Budget:
    """What one top-level parse has spent so far; shared by every nested level."""

    bytes_used: int = 0
    members_used: int = 0


@dataclass(frozen=True, slots=True)
class ParseContext:
    """The limits, the depth and the shared budget of one top-level parse.

    Parsing is the one I/O edge (DESIGN), so it may keep a running count of what it spent;
    the count lives in `budget`, shared by reference with every `child()`.
    """

    limits: Limits = field(default_factory=Limits)
    depth: int = 0
    deadline: float = 0.0
    budget: Budget = field(default_factory=Budget)

    @classmethod
    def start(cls, limits: Limits | None = None) -> ParseContext:
        """A fresh context whose clock starts now."""
        chosen = limits or Limits()
        deadline = time.monotonic() + chosen.max_seconds if chosen.max_seconds else 0.0
        return cls(limits=chosen, deadline=deadline)

    def child(self) -> ParseContext:
        """One level deeper, same deadline and budget."""
        return ParseContext(self.limits, self.depth + 1, self.deadline, self.budget)

    @property
    def too_deep(self) -> bool:
        return self.depth > self.limits.max_depth

    def out_of_time(self) -> bool:
        return bool(self.deadline) and time.monotonic() > self.deadline

    def spend(self, nbytes: int) -> bool:
        """Account for `nbytes` more; False (nothing spent) when that would pass the limit."""
        if self.budget.bytes_used + nbytes > self.limits.max_total_bytes:
            return False
        self.budget.bytes_used += nbytes
        return True

    def take_member(self) -> bool:
        """Account for one more archive member; False when the member limit is reached."""
        if self.budget.members_used >= self.limits.max_members:
            return False
        self.budget.members_used += 1
        return True

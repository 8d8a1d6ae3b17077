"""Domain lists as packs write them: an entry matches itself and its subdomains.

DESIGN: every domain list matches the domain and its subdomains at a label boundary, with
or without a leading dot (`nhs.net` and `.nhs.net` both match `nhs.net` and `x.nhs.net`,
never `evilnhs.net`). Comparison is on lower-cased Unicode, as the parser gives domains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DomainSet"]


@dataclass(frozen=True, slots=True)
class DomainSet:
    """A set of domain suffixes, matched at label boundaries."""

    entries: frozenset[str] = frozenset()

    @classmethod
    def of(cls, entries: Iterable[str]) -> DomainSet:
        return cls(frozenset(e.strip().lstrip(".").rstrip(".").lower() for e in entries if e))

    def matches(self, domain: str) -> bool:
        """True when `domain` is an entry or a subdomain of one."""
        if not domain or not self.entries:
            return False
        name = domain.lower().rstrip(".")
        while True:
            if name in self.entries:
                return True
            dot = name.find(".")
            if dot < 0:
                return False
            name = name[dot + 1 :]

    def __bool__(self) -> bool:
        return bool(self.entries)

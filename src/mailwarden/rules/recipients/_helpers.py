"""What the recipient rules share: who sent the message, whose addresses are personal, evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...policy.findings import Evidence
from ...policy.pack import Pack
from ..base import RuleInput
from ..facts import Recipient, address_evidence

__all__ = [
    "Identity",
    "count_words",
    "distinct",
    "known_personal_addresses",
    "letters",
    "recipient_evidence",
    "sender_identity",
]


@dataclass(frozen=True, slots=True)
class Identity:
    """The person a rule judges as the sender: address (lower case), display name, trust."""

    address: str
    display_name: str
    authenticated: bool

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]

    @property
    def local_part(self) -> str:
        return self.address.rpartition("@")[0]


def sender_identity(inputs: RuleInput) -> Identity | None:
    """The authenticated sender, else the first `From:` address (marked unauthenticated).

    The display name is taken from `From:` only when it is the same address as the sender,
    so a delegate's login is never described with the owner's name.
    """
    from_ = inputs.message.from_[0] if inputs.message.from_ else None
    if inputs.facts.sender_authenticated:
        address = inputs.context.sender.strip().lower()
        same = from_ is not None and from_.addr_spec.lower() == address
        return Identity(address, from_.display_name if same and from_ else "", True)
    if from_ is None:
        return None
    return Identity(from_.addr_spec.lower(), from_.display_name, False)


def known_personal_addresses(pack: Pack) -> frozenset[str]:
    """Every staff member's known personal address from the pack (`personal_addresses`)."""
    return frozenset(a for addresses in pack.personal_addresses.values() for a in addresses)


def distinct(recipients: Iterable[Recipient]) -> tuple[Recipient, ...]:
    """Recipients without repeats of the same address (first place kept)."""
    seen: set[str] = set()
    out: list[Recipient] = []
    for recipient in recipients:
        if recipient.addr not in seen:
            seen.add(recipient.addr)
            out.append(recipient)
    return tuple(out)


def recipient_evidence(recipients: Iterable[Recipient], limit: int = 20) -> tuple[Evidence, ...]:
    """Masked header-address evidence for some recipients, each address once."""
    return tuple(address_evidence(r.address, r.where) for r in distinct(recipients))[:limit]


def count_words(count: int, singular: str, plural: str | None = None) -> str:
    """'1 address', '3 addresses'."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


_LETTERS = re.compile(r"[^a-z]+")


def letters(text: str) -> str:
    """Only the ASCII letters of `text`, lower case (digits and separators dropped)."""
    return _LETTERS.sub("", text.lower())

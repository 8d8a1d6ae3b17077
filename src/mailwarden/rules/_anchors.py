"""Contact details that belong to the organisation or to a sender's or recipient's own block.

Quoted history and attached letters carry signature blocks and header lines: "From: Street
Works Team <streetworks@norfolk.gov.uk>", a team's address and switchboard under it. They are
not about a third party. Two anchors decide it, both next to an address that is already known
not to be third-party data (the organisation's own, or a sender's or recipient's):

- a name on a header line ("From:", "To:", "Cc:" ...) with such an address, or written
  right before it ("Street Works Team <streetworks@...>"), is that mailbox's name;
- a phone number, street address or postcode in the same block (text between blank lines)
  as such an address is that block's contact details, unless the block also names a third
  party (a forwarded resident's letter keeps their details);
- a special-category word in a team or service name — on such a header line, or on a
  short title-case line of such a block ("Children's Safeguarding and Family Support") —
  names a part of the organisation, not anyone's health or circumstances.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..detectors import Entity, EntityType
from ..detectors.entity import SENSITIVE_TYPES

__all__ = ["Owned", "anchor_owners"]

_BLANK_LINE = re.compile(r"\n[ \t>]*\n")
_CONTACTS = frozenset({EntityType.PHONE_NUMBER, EntityType.STREET_ADDRESS, EntityType.UK_POSTCODE})
_PEOPLE = frozenset({EntityType.PERSON, EntityType.EMAIL_ADDRESS})
_HEADER_LINE = re.compile(r"[ \t>]*(?:from|to|cc|bcc|sender|reply-to)[ \t]*:", re.IGNORECASE)
_SMALL_WORDS = frozenset({"and", "of", "for", "the", "&", "in", "to", "with"})


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _right_before(text: str, entity: Entity, anchor_starts: set[int]) -> bool:
    """`Name <address>` or `Name (address)`: the name is the address's display name."""
    gap = text[entity.end : entity.end + 4]
    for size in range(len(gap) + 1):
        if entity.end + size in anchor_starts and gap[:size].strip(" \t\"'") in ("", "<", "("):
            return True
    return False


def _title_line(text: str, position: int) -> bool:
    """A short line of capitalised words, as a team or service name in a signature is."""
    start = _line_start(text, position)
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].strip(" \t>")
    words = [w for w in line.split() if w.lower() not in _SMALL_WORDS]
    if not words or len(line) > 80 or line.endswith((".", "?", "!", ":")):
        return False
    return sum(1 for w in words if w[:1].isupper()) >= 0.8 * len(words)


@dataclass(frozen=True, slots=True)
class Owned:
    """An entity with the owner found so far ('' = third party)."""

    entity: Entity
    owner: str


def _index(breaks: Sequence[int], position: int) -> int:
    return bisect.bisect_right(breaks, position)


def anchor_owners(text: str, found: Sequence[Owned]) -> list[str]:
    """Owners after the line and block anchors, one per entity of `found`, same order."""
    lines = [m.start() for m in re.finditer("\n", text)]
    blocks = [m.start() for m in _BLANK_LINE.finditer(text)]
    anchors = [o.entity for o in found if o.entity.type is EntityType.EMAIL_ADDRESS and o.owner]
    if not anchors:
        return [o.owner for o in found]
    anchor_lines = {
        _index(lines, a.start)
        for a in anchors
        if _HEADER_LINE.match(text, _line_start(text, a.start))
    }
    anchor_blocks = {_index(blocks, a.start) for a in anchors}
    starts = {a.start for a in anchors}
    owners = [
        "named beside the organisation's or a correspondent's own address"
        if not o.owner
        and o.entity.type is EntityType.PERSON
        and (_index(lines, o.entity.start) in anchor_lines or _right_before(text, o.entity, starts))
        else o.owner
        for o in found
    ]
    named_blocks = {
        _index(blocks, o.entity.start)
        for o, owner in zip(found, owners, strict=True)
        if not owner and o.entity.type in _PEOPLE
    }
    layout = _Layout(text, lines, blocks, anchor_lines, anchor_blocks - named_blocks)
    return [layout.owner(o.entity, owner) for o, owner in zip(found, owners, strict=True)]


@dataclass(frozen=True, slots=True)
class _Layout:
    """Line and block positions of one text, with the lines and blocks anchored by an address."""

    text: str
    lines: Sequence[int]
    blocks: Sequence[int]
    anchor_lines: set[int]
    quiet_blocks: set[int]
    """Anchored blocks that name no third party."""

    def owner(self, entity: Entity, owner: str) -> str:
        if owner:
            return owner
        quiet = _index(self.blocks, entity.start) in self.quiet_blocks
        if entity.type in _CONTACTS and quiet:
            return "contact details of the organisation or a correspondent"
        if entity.type in SENSITIVE_TYPES:
            on_anchor_line = _index(self.lines, entity.start) in self.anchor_lines
            if on_anchor_line or (quiet and _title_line(self.text, entity.start)):
                return "the name of a team or service"
        return ""

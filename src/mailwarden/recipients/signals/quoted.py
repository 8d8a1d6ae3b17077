"""Who the earlier messages of a thread went between, as the message itself shows it.

A reply or forward carries the message it answers below the new text, introduced by an
attribution line ("On Mon, 5 Jan 2026 at 10:12, Ruth Ford <ruth.ford@…> wrote:") or a
header block ("From: … / Sent: … / To: … / Cc: … / Subject: …", as Outlook writes it, and
"---------- Forwarded message ---------" blocks). Those lines name the previous
participants: metadata only, read from the message being checked, never stored.

`earlier_participants` gives:

- `answered`: the people on the message answered or forwarded (the topmost block): its
  author, and its To and Cc when a header block lists them (`answered_complete`);
- `shown`: everyone named in any attribution line or header block of the quoted history;
- `forward`: whether the message forwards (a forwarded block on top, or `FW:`/`Fwd:`).

People are matched by address, or by a display name of two words or more when a header
block shows names only (Outlook often writes `To: Ruth Ford; Jan Kózka`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...message.model import Message, SectionKind
from .names import name_tokens

__all__ = ["Earlier", "earlier_participants"]

_ATTRIBUTION = re.compile(
    r"^(?:On|Le|Am|El|Il|Op)\b(?P<head>.{0,300}?)\s*"
    r"(?:wrote|a écrit|schrieb|escribió|ha scritto|schreef)\s?:\s*$",
    re.IGNORECASE,
)
_HEADER = re.compile(
    r"^\*?(?P<name>From|Van|De|Von|Sent|Date|To|Cc|Subject|Verzonden|Envoyé|Gesendet|Aan|An|À"
    r"|Para|Objet|Betreff|Onderwerp)\s?:\*?\s?(?P<value>.*)$",
    re.IGNORECASE,
)
_FROM = frozenset({"from", "van", "de", "von"})
_TO = frozenset({"to", "aan", "an", "à", "para"})
_CC = frozenset({"cc"})
_FORWARD_MARK = re.compile(
    r"(?:-{2,}\s{0,4}Forwarded (?:message|by)\b|Begin forwarded message:|-{2,}\s{0,4}Forwarded\b"
    r"|-{2,}\s{0,4}Original Message\s{0,4}-{2,})",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")
_FORWARD_SUBJECT = re.compile(r"^\s*(?:fw|fwd)\s*:", re.IGNORECASE)
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]{0,8}>)+[ \t]?")
_MAX_LINES = 4000
_MAX_LINE = 1000


@dataclass(frozen=True, slots=True)
class Earlier:
    """The participants of the earlier messages a reply or forward shows (lower-case)."""

    answered: frozenset[str] = frozenset()
    """Addresses on the message answered or forwarded: its author, To and Cc as shown."""
    answered_names: frozenset[tuple[str, ...]] = frozenset()
    """Names (as `name_tokens`) shown on that message without an address."""
    answered_complete: bool = False
    """True when a header block listed that message's To: its audience is known."""
    shown: frozenset[str] = frozenset()
    """Addresses named anywhere in the quoted history's attribution lines or header blocks."""
    shown_names: frozenset[tuple[str, ...]] = frozenset()
    """Names shown there without an address."""
    forward: bool = False
    """The message forwards an earlier one rather than answering it."""

    def on_answered(self, address: str, display: str = "") -> bool:
        """True when `address` (or its display name) is on the message answered."""
        return address in self.answered or _named(display, address, self.answered_names)

    def shows(self, address: str, display: str = "") -> bool:
        """True when the quoted history names `address` (or its display name) as a participant."""
        return address in self.shown or _named(display, address, self.shown_names)


def _named(display: str, address: str, names: frozenset[tuple[str, ...]]) -> bool:
    if not names:
        return False
    tokens = name_tokens(display, address.rpartition("@")[0])
    return len(tokens) >= 2 and tokens in names


def _people(value: str) -> tuple[set[str], set[tuple[str, ...]]]:
    """Addresses and address-less names in a header value or an attribution line."""
    addresses: set[str] = set()
    names: set[tuple[str, ...]] = set()
    for part in value.split(";"):
        found = {a.lower().strip(".'’") for a in _ADDRESS.findall(part)}
        if found:
            addresses |= found
            if len(found) == 1 or "<" not in part:
                continue
        pieces = part.split(",")
        if len(pieces) == 2 and min(len(p.split()) for p in pieces) < 2:
            pieces = [part]  # "Ford, Ruth": one person written surname first
        for piece in pieces:
            if _ADDRESS.search(piece):
                continue
            tokens = name_tokens(piece.strip(), "")
            if 2 <= len(tokens) <= 4:
                names.add(tokens)
    return addresses, names


def _lines(message: Message) -> list[str]:
    body = message.body
    start = next(
        (s.start for s in body.sections if s.kind in (SectionKind.QUOTED, SectionKind.FORWARDED)),
        None,
    )
    if start is None:
        return []
    text = body.text[start:]
    lines = text.splitlines()[:_MAX_LINES]
    return [_QUOTE_PREFIX.sub("", line[:_MAX_LINE]).strip() for line in lines]


@dataclass(slots=True)
class _Block:
    """The people one attribution line or header block names."""

    addresses: set[str]
    names: set[tuple[str, ...]]
    lists_to: bool
    end: int
    """The index of the first line after the block."""


def _attribution_at(lines: list[str], i: int) -> _Block | None:
    line = lines[i]
    match = _ATTRIBUTION.match(line)
    if match is None and i + 1 < len(lines) and line[:3] in ("On ", "Le ", "Am "):
        match = _ATTRIBUTION.match(f"{line} {lines[i + 1]}")
    if match is None:
        return None
    head = match["head"]
    addresses, _ = _people(head)
    names: set[tuple[str, ...]] = set()
    if not addresses:
        tokens = name_tokens(head.rpartition(",")[2].strip(), "")
        if 2 <= len(tokens) <= 4:
            names.add(tokens)
    return _Block(addresses, names, False, i + 1)


def _header_block_at(lines: list[str], i: int) -> _Block | None:
    header = _HEADER.match(lines[i])
    if header is None or header["name"].lower() not in _FROM:
        return None
    block = _Block(set(), set(), False, i)
    j = i
    while j < len(lines) and j < i + 8:
        field = _HEADER.match(lines[j])
        if field is None:
            if j > i and lines[j]:
                break  # the header block has ended
            j += 1
            continue
        key = field["name"].lower()
        if key in _FROM and j > i:
            break  # the next block
        if key in _FROM or key in _TO or key in _CC:
            found, named = _people(field["value"])
            block.addresses |= found
            block.names |= named
            block.lists_to = block.lists_to or key in _TO
        j += 1
    block.end = j
    if not (block.addresses or block.names) or j <= i + 1:
        return None
    return block


def earlier_participants(message: Message) -> Earlier:
    """The earlier participants a reply or forward shows in its quoted history."""
    lines = _lines(message)
    forward = bool(_FORWARD_SUBJECT.match(message.subject))
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        if not blocks and _FORWARD_MARK.match(lines[i]) and "original" not in lines[i].lower():
            forward = True
        block = _attribution_at(lines, i) or _header_block_at(lines, i)
        if block is None:
            i += 1
            continue
        blocks.append(block)
        i = block.end
    if not blocks:
        return Earlier(forward=forward)
    top = blocks[0]
    return Earlier(
        answered=frozenset(top.addresses),
        answered_names=frozenset(top.names),
        answered_complete=top.lists_to,
        shown=frozenset(a for b in blocks for a in b.addresses),
        shown_names=frozenset(n for b in blocks for n in b.names),
        forward=forward,
    )

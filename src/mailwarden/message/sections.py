"""Where the sender's new words end: quoted replies, forwarded mail and the signature block.

Policies are about what the sender adds. A third party's name in a quoted reply was already
shared; the sender's own signature (name, role, phone) is not third-party data (DESIGN:
"What counts as personal data"). So the body is cut into sections a rule can tell apart.

Each marker is matched on one line (or two, for a wrapped attribution) with anchored,
bounded patterns, so the cost is linear in the text however it is shaped.
"""

from __future__ import annotations

import re

from .model import BodySection, SectionKind

__all__ = ["split_sections"]

_QUOTE_LINE = re.compile(r"[ \t]{0,8}>")
_ATTRIBUTION = re.compile(
    r"(?:On|Le|Am|El|Il|Op)\b.{0,300}\b"
    r"(?:wrote|a écrit|schrieb|escribió|ha scritto|schreef)\s?:\s*$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(r"-{2,}\s{0,4}Original Message\s{0,4}-{2,}", re.IGNORECASE)
_FORWARDED = re.compile(
    r"(?:-{2,}\s{0,4}Forwarded (?:message|by)\b|Begin forwarded message:|-{2,}\s{0,4}Forwarded\b)",
    re.IGNORECASE,
)
_OUTLOOK_RULE = re.compile(r"_{20,}\s*$")
_HEADER_FROM = re.compile(r"\*?(?:From|Van|De|Von)\s?:\*?\s", re.IGNORECASE)
_HEADER_NEXT = re.compile(
    r"\*?(?:Sent|Date|To|Subject|Verzonden|Envoyé|Gesendet)\s?:", re.IGNORECASE
)
_SIG_DELIMITER = re.compile(r"--[ \t]?$")
_CLOSING = re.compile(
    r"(?:kind(?:est)? regards|best regards|warm regards|regards|best wishes|many thanks|"
    r"thanks(?: again| very much)?|thank you|yours (?:sincerely|faithfully|truly)|cheers|"
    r"with (?:thanks|best wishes|kind regards)|best|sincerely)[\s,.!]*$",
    re.IGNORECASE,
)
_MOBILE = re.compile(r"Sent from (?:my|Outlook|Mail for)\b", re.IGNORECASE)
_SIGNATURE_MAX_LINES = 25
_CLOSING_MAX_LINES = 10
_MAX_LINE = 1000


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line without its ending) for every line."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        out.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return out


def _header_block(lines: list[tuple[int, str]], i: int) -> bool:
    """A 'From: … / Sent: … / To: …' block as Outlook writes above quoted mail."""
    if not _HEADER_FROM.match(lines[i][1][:_MAX_LINE]):
        return False
    following = (line[:_MAX_LINE] for _, line in lines[i + 1 : i + 5])
    return sum(1 for line in following if _HEADER_NEXT.match(line)) >= 2


def _history_start(lines: list[tuple[int, str]]) -> tuple[int, SectionKind] | None:
    """Index of the first line of quoted or forwarded history, and its kind."""
    for i, (_, line) in enumerate(lines):
        head = line[:_MAX_LINE]
        if _FORWARDED.match(head.strip()):
            return i, SectionKind.FORWARDED
        if _ORIGINAL.match(head.strip()) or _header_block(lines, i):
            return i, SectionKind.QUOTED
        if _OUTLOOK_RULE.match(head) and any(
            _header_block(lines, j) for j in range(i + 1, i + 3) if j < len(lines)
        ):
            return i, SectionKind.QUOTED
        if _ATTRIBUTION.match(head.strip()):
            return i, SectionKind.QUOTED
        if (
            i + 1 < len(lines)
            and head.strip()[:3] in ("On ", "Le ", "Am ")
            and _ATTRIBUTION.match(f"{head.strip()} {lines[i + 1][1][:_MAX_LINE].strip()}")
        ):
            return i, SectionKind.QUOTED
        if _QUOTE_LINE.match(head):
            return i, SectionKind.QUOTED
    return None


def _closing_block(lines: list[tuple[int, str]], i: int, end: int) -> bool:
    """A closing line ("Kind regards,") followed by a short block of short lines.

    The block must be small: treating a long tail as signature would hide third-party
    data from the rules, which is worse than missing a signature.
    """
    line = lines[i][1].strip()
    if not (_MOBILE.match(line) or (len(line) < 40 and _CLOSING.match(line))):
        return False
    tail = [text for _, text in lines[i + 1 : end] if text.strip()]
    return len(tail) <= _CLOSING_MAX_LINES and all(len(t) <= 100 for t in tail)


def _signature_start(lines: list[tuple[int, str]], end: int) -> int | None:
    """Index of the first signature line among lines[:end], or None.

    A closing on the first written line is the whole message ("Thanks"), not a signature.
    """
    first = next((i for i in range(end) if lines[i][1].strip()), end)
    lowest = max(first + 1, end - _SIGNATURE_MAX_LINES)
    for i in range(end - 1, lowest - 1, -1):
        if _SIG_DELIMITER.match(lines[i][1]):
            return i
    for i in range(lowest, end):
        if _closing_block(lines, i, end):
            return i
    return None


def split_sections(text: str) -> tuple[BodySection, ...]:
    """Cut `text` into new / signature / quoted-or-forwarded sections, in order, with no gaps."""
    if not text:
        return ()
    lines = _lines(text)
    history = _history_start(lines)
    new_end = history[0] if history else len(lines)
    sig = _signature_start(lines, new_end)
    cut_sig = lines[sig][0] if sig is not None else None
    cut_hist = lines[new_end][0] if new_end < len(lines) else len(text)
    sections: list[BodySection] = []
    new_stop = cut_sig if cut_sig is not None else cut_hist
    if new_stop > 0:
        sections.append(BodySection(SectionKind.NEW, 0, new_stop))
    if cut_sig is not None and cut_hist > cut_sig:
        sections.append(BodySection(SectionKind.SIGNATURE, cut_sig, cut_hist))
    if history is not None and cut_hist < len(text):
        sections.append(BodySection(history[1], cut_hist, len(text)))
    return tuple(sections)

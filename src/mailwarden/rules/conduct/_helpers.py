"""Helpers shared by the conduct rules: where to look, and evidence made of cue terms only.

Conduct is judged on what the sender wrote in this message: the subject and the new text of
the body, never the quoted history they are replying to (a complaint quoted back to its
writer is not the officer's language). Evidence names the curated cue terms that matched,
read from the detector's notation ("idiot(s|ic)?" is shown as "idiot"), never text of the
message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ...detectors.conduct import ConductSignal
from ...message.model import Message, SectionKind
from ...policy.findings import Evidence, Hit
from .._common import listed
from ..base import RuleInput

__all__ = [
    "MIN_SCORE_OPTION",
    "Detector",
    "conduct_hit",
    "cue_words",
    "evidence_of",
    "forwarded_places",
    "is_forward",
    "new_text_places",
    "quoted",
    "readable_cue",
    "signals",
]

Detector = Callable[[str], tuple[ConductSignal, ...]]

MIN_SCORE_OPTION: dict[str, Any] = {
    "type": "number",
    "minimum": 0,
    "maximum": 1,
    "description": "the detector score from which the rule acts (default 0.6)",
}

_GROUP = re.compile(r"\(([^()]*)\)(\?)?")
_FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:re|aw|sv)\s*:\s*)*(?:fwd?|fw|tr|wg|doorst)\s*:", re.I)


def readable_cue(term: str) -> str:
    """A cue in the detectors' notation as plain words: first choice kept, optional parts
    dropped, `<n>` shown as N and `<money>` as £N."""
    text = term
    while True:
        changed = _GROUP.sub(lambda m: "" if m.group(2) else m.group(1).split("|")[0], text)
        if changed == text:
            break
        text = changed
    text = text.replace("<n>", "N").replace("<money>", "£N")
    return " ".join(text.split())


def new_text_places(message: Message) -> list[tuple[str, str]]:
    """(where, text) of what the sender wrote: the subject and the new text of the body."""
    places = []
    if message.subject:
        places.append(("subject", message.subject))
    if message.body.new_text:
        places.append(("body", message.body.new_text))
    return places


def is_forward(message: Message) -> bool:
    """Forwarded by hand: a forwarded section, an 'FW:' subject, or a message attached."""
    body = message.body
    return (
        any(s.kind is SectionKind.FORWARDED for s in body.sections)
        or bool(_FORWARD_SUBJECT.match(message.subject))
        or bool(message.nested_messages())
    )


def forwarded_places(message: Message) -> list[tuple[str, str]]:
    """(where, text) of the history being passed on: quoted or forwarded text below the new
    text, and messages attached to this one."""
    places = []
    if message.body.history:
        places.append(("body", message.body.history))
    for number, nested in enumerate(message.nested_messages(), start=1):
        text = "\n".join(t for t in (nested.subject, nested.body.text) if t)
        if text:
            places.append((f"message:{number}", text))
    return places


def signals(
    inputs: RuleInput, detector: Detector, places: Iterable[tuple[str, str]]
) -> list[tuple[str, ConductSignal]]:
    """Signals at or above the binding's `min_score`, with where they were found."""
    floor = float(inputs.options.get("min_score", 0.6))
    return [(where, s) for where, text in places for s in detector(text) if s.score >= floor]


def cue_words(found: Sequence[tuple[str, ConductSignal]]) -> list[str]:
    """The distinct cues, readable, in the order found."""
    words: list[str] = []
    for _, signal in found:
        for cue in signal.cues:
            word = readable_cue(cue)
            if word and word not in words:
                words.append(word)
    return words


def evidence_of(
    found: Sequence[tuple[str, ConductSignal]], limit: int = 10
) -> tuple[Evidence, ...]:
    """One CONDUCT evidence per place and kind, masked as `subkind: ['cue', ...]`."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for where, signal in found:
        words = grouped.setdefault((where, signal.subkind or signal.kind.replace("_", " ")), [])
        for cue in signal.cues:
            word = readable_cue(cue)
            if word and word not in words:
                words.append(word)
    return tuple(
        Evidence("CONDUCT", where, f"{label}: [{', '.join(repr_word(w) for w in words)}]")
        for (where, label), words in list(grouped.items())[:limit]
    )


def repr_word(word: str) -> str:
    """A cue in single quotes, as the evidence lists them."""
    return f"'{word}'"


def quoted(words: Sequence[str], limit: int = 4) -> str:
    """'phrases like “a”, “b” and “c”' for a message line (cues are patterns, not quotes)."""
    return "phrases like " + listed([f"“{w}”" for w in words[:limit]])


def sorted_places(found: Iterable[tuple[str, ConductSignal]]) -> Iterator[str]:
    """Distinct places, in the order found."""
    seen: list[str] = []
    for where, _ in found:
        if where not in seen:
            seen.append(where)
            yield where


def conduct_hit(
    found: Sequence[tuple[str, ConductSignal]], message: str, fix: str
) -> Iterator[Hit]:
    """One hit for the signals found (none when there are none); `{cues}` in `message` is
    replaced by the quoted cue words."""
    if not found:
        return
    yield Hit(
        message=message.replace("{cues}", quoted(cue_words(found))),
        fix=fix,
        evidence=evidence_of(found),
    )

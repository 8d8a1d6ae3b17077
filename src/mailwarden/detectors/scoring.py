"""Confidence as Purview documents it: a shape alone is medium, a checksum raises it, a
supporting word nearby makes it high, a contradicting one lowers it.

Scores are on one scale for every detector, so a rule's threshold means the same thing
whatever the type. `detect()` returns, by default, what reaches `ACT` (what a rule should
act on); lower scores are there for whoever asks with `min_score`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .document import Document
from .entity import Entity, EntityType, Explanation
from .shapes import alternatives

__all__ = ["ACT", "HIGH", "LOW", "MEDIUM", "Context", "Score", "loose", "words_pattern"]

LOW = 0.3
"""A shape seen, nothing more: a 10-digit number."""
MEDIUM = 0.5
"""A distinctive shape, or a plain shape with a passing checksum."""
ACT = 0.6
"""The default threshold of `detect()`: what a rule acts on."""
HIGH = 0.85
"""Shape, checksum and a supporting word nearby."""


def words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of `words` (lower-case phrases) on word boundaries.

    Each branch starts with its first character and only then looks behind it ("t" not after
    a letter or digit, then "el", "elephone", ...): a pattern that starts with characters lets
    `re` skip straight to them, where a leading look-behind is tried at every position.
    """
    lowered = {w.lower() for w in words}
    tails: dict[str, list[str]] = {}
    for word in lowered:
        tails.setdefault(word[0], []).append(word[1:])
    branches = [
        f"{re.escape(first)}(?<![a-z0-9]{re.escape(first)})(?:{alternatives(rest)})"
        for first, rest in sorted(tails.items())
    ]
    pattern = re.compile("(?:" + "|".join(branches) + r")(?![a-z0-9])")
    _WORDS_OF[pattern.pattern] = tuple(sorted(lowered))
    return pattern


_WORDS_OF: dict[str, tuple[str, ...]] = {}
"""`words_pattern`'s patterns -> their words (for `loose`, compiled on first use so that
importing the detectors compiles no pattern that a run may never need)."""


def loose(words: re.Pattern[str]) -> re.Pattern[str] | None:
    """The words of `words` (from `words_pattern`) found anywhere, word boundaries not checked:
    wherever `words` finds a word in any slice of a text, this finds one overlapping the same
    place in the whole text. So a window it finds nothing in holds none of the words: a cheap
    test, made on the whole document at once, before the exact one. None for a pattern that
    `words_pattern` did not make (except `(?!)`, which matches nothing anywhere)."""
    if words.pattern == _NOTHING:
        return words
    listed = _WORDS_OF.get(words.pattern)
    return None if listed is None else _anywhere(listed)


@cache
def _anywhere(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(alternatives(words))


@cache
def _either(support: re.Pattern[str], contradict: re.Pattern[str]) -> re.Pattern[str] | None:
    """Either list's words anywhere (see `loose`), or None where that cannot be told."""
    found, against = loose(support), loose(contradict)
    if found is None or against is None:
        return None
    return re.compile(f"{found.pattern}|{against.pattern}")


_NOTHING = "(?!)"


_STOP = re.compile(r"[?!.\n](?:(?<=[?!])[ \t\n]|(?<=\n)[ \t]*\n|(?<=[^\W\d_]{5}\.)[ \t\n])")
"""Where a sentence ends: ?/! and a space, a blank line, or a full stop after a word of five
letters or more ("no.", "ref.", "tel." are abbreviations, not sentence ends). Written to start
with its four characters, so that `re` skips to them rather than trying every position."""


def _clip_before(window: str) -> str:
    """The part of `window` in the same sentence as what follows it."""
    last = None
    for last in _STOP.finditer(window):  # noqa: B007 - only the last stop matters
        pass
    return window[last.end() :] if last is not None else window


def _clip_after(window: str) -> str:
    """The part of `window` in the same sentence as what precedes it."""
    first = _STOP.search(window)
    return window[: first.start()] if first is not None else window


@dataclass(frozen=True, slots=True)
class Context:
    """Words that support or contradict a type, looked for in a window around the span.

    The window is short on purpose (`before` characters before the span and `after` after):
    "NHS number: 943 476 5919" supports; an "NHS" three paragraphs up does not.
    """

    support: re.Pattern[str]
    contradict: re.Pattern[str]
    before: int = 40
    after: int = 20

    def find(self, doc: Document, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(supporting words found, contradicting words found) around `text[start:end]`.

        In a pasted table the header of the value's column counts too ("NHS number" above a
        column of bare numbers), and the window stays in the value's row. Most values have no
        word of either list near them: for those one search of the window, without the word
        boundaries, says so.
        """
        header = doc.column_header(start)
        either = _either(self.support, self.contradict)
        if (
            not header
            and either is not None
            and either.search(doc.lower, max(0, start - self.before), end + self.after) is None
        ):
            return (), ()
        before, after = doc.before(start, self.before), doc.after(end, self.after)
        after = after.split("\n", 1)[0]  # the next line is the next field or sentence
        if header:  # a row of a table: the row above is about someone else
            before = before[before.rfind("\n") + 1 :]
        window = _clip_before(before) + " " + _clip_after(after) + " " + header
        return _words_in(self.support, window), _words_in(self.contradict, window)


def _words_in(words: re.Pattern[str], window: str) -> tuple[str, ...]:
    """Each match of `words` in `window` once, in order (`findall` where the pattern has no
    groups, since it makes no match objects)."""
    if words.groups:
        return tuple(dict.fromkeys(m.group(0) for m in words.finditer(window)))
    return tuple(dict.fromkeys(words.findall(window)))


@dataclass(frozen=True, slots=True)
class Score:
    """How a detector turns its evidence into one number, the same way for every type."""

    shape: float = LOW
    checksum_bonus: float = 0.3
    support_bonus: float = 0.35
    contradict_penalty: float = 0.45

    def of(
        self, *, checksum: bool | None, raised: bool, lowered: bool, shape: float | None = None
    ) -> float:
        """The score for one candidate, clamped to 0–1."""
        value = self.shape if shape is None else shape
        if checksum:
            value += self.checksum_bonus
        if raised:
            value += self.support_bonus
        if lowered:
            value -= self.contradict_penalty
        return max(0.0, min(1.0, round(value, 3)))

    def entity(
        self,
        entity_type: EntityType,
        start: int,
        end: int,
        *,
        detector: str,
        pattern: str,
        checksum: bool | None,
        raised: tuple[str, ...],
        lowered: tuple[str, ...],
        shape: float | None = None,
        note: str = "",
    ) -> Entity:
        """An entity scored from its evidence, with that same evidence as its explanation,
        so that the number and the reasons given for it cannot disagree."""
        return Entity(
            type=entity_type,
            start=start,
            end=end,
            score=self.of(
                checksum=checksum, raised=bool(raised), lowered=bool(lowered), shape=shape
            ),
            explanation=Explanation(
                detector=detector,
                pattern=pattern,
                checksum=None if checksum is None else ("passed" if checksum else "failed"),
                raised_by=raised,
                lowered_by=lowered,
                note=note,
            ),
        )

"""One detector per sensitive category: a curated term, scored by what is around it.

A term alone is seldom about a person: "the council's mental health strategy", "Christian
Aid", "Labour Market statistics", "the prison on the A11". So the term proposes and its
surroundings decide.

Scores, on the scale every detector shares (`scoring.py`):

- the term alone scores by its curated strength: weak 0.3, medium 0.4, strong 0.5;
- a person nearby adds 0.35: a pronoun or possessive ("she", "his"), a relation or role
  ("client", "tenant", "their son"), a title ("Mrs"), an age, a first-person disclosure
  ("I'm", "I am", "my");
- an organisation within three words takes off 0.2: "team", "service", "charity", "school"
  after a religion word, a road number, or the term inside a capitalised name ("Christian
  Aid", "Mental Health Strategy");
- a policy, publication, event, statistic or job nearby takes off 0.45 instead: "strategy",
  "policy", "survey", "campaign", "training", "statistics", "conference", "leads".

So no term alone reaches `ACT` (0.6); any term about a person does, unless an organisation is
also named (then only strong terms do: "her son is known to the crisis team for his
psychosis"); nothing next to a policy or publication does. "Nearby" is 40 characters either
side within the sentence, so an unrelated pronoun a paragraph away does not count.

Some terms carry the thing they introduce: "diagnosed with", "charged with", "suffers from"
take the next few words of the clause into their span, so the mask covers the condition or
the offence too. A phrase a category lists as not a term ("sectioned off", "stroke of luck")
suppresses the term inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, Explanation
from ._terms import (
    CONTEXT_TOKEN,
    LOWERED,
    LOWERED_STRONGLY,
    RAISED,
    SEPARATOR,
    SMALL_WORDS,
    WORD,
    Category,
    ContextWords,
    Table,
    Term,
    load_category,
    word_set,
)

__all__ = [
    "LOWER",
    "LOWER_STRONGLY",
    "RAISE",
    "TermDetector",
    "category_detector",
    "extension_end",
    "in_capitalised_name",
]

RAISE = 0.35
"""A person nearby: the term is about someone."""
LOWER = 0.2
"""An organisation beside the term, or a capitalised name: it may name a service, not a need."""
LOWER_STRONGLY = 0.45
"""A policy, publication or campaign nearby: the term is the topic, not a person's data."""

NEAR_BEFORE, NEAR_AFTER = 40, 40
"""Characters looked at for persons and policies (within the sentence)."""
BESIDE = 3
"""Words either side looked at for organisations ("Catholic primary school", "on the A11")."""

_WORD = re.compile(WORD)
_WORD_BEFORE = re.compile(rf"(?<!\w)({WORD}){SEPARATOR}\Z")
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][A-Za-z'\u2019]+)")
_PREVIOUS_WORD = re.compile(r"(?:^|(?<=[^A-Za-z'\u2019]))([A-Z][A-Za-z'\u2019]*)[ \t]+$")
_SENTENCE_START = frozenset('.!?:;\n\r"“(')
_BREAKS = ("? ", "! ", "\n\n")
_ABBREVIATIONS = word_set(
    "mr mrs ms mx dr st no nos ref tel mob fax etc eg ie approx dept cllr prof rev fr jr sr vs "
    "cf inc ltd co"
)
"""Words after which a full stop does not end a sentence (nor after a single letter: "J.")."""
_IN_A_NAME = "inside a capitalised name"


_NEXT_LINE_WORD = re.compile(r"[ \t]+([^\W_][\w'\u2019\-]*)")
_ARTICLES = frozenset({"a", "an", "the"})
_EXTENSION_STOPS = SMALL_WORDS | word_set(
    "but who which that since because so then when while whilst last this next yesterday "
    "today recently he she they his her their him them i we you it after before during "
    "following over near outside inside against about"
)
"""Words that end what a term introduces: "diagnosed with dementia | and had a stroke"."""


def extension_end(text: str, end: int, words: int) -> int:
    """Where the span of a term that takes in up to `words` following words ends: words on
    the same line, an article only before a word, stopping at punctuation and at words that
    start a new clause (so the span does not swallow the next term)."""
    position, taken = end, 0
    while taken < words:
        word = _NEXT_LINE_WORD.match(text, position)
        if word is None:
            break
        lower = word.group(1).lower()
        if lower in _ARTICLES and taken == 0 and position == end:
            position = word.end()
            continue
        if lower in _EXTENSION_STOPS:
            break
        position, taken = word.end(), taken + 1
    return position if taken else end


def _title_case(span: str) -> bool:
    parts = span.split()
    return any(c.islower() for c in span) and all(p[:1].isupper() for p in parts)


def in_capitalised_name(text: str, start: int, end: int) -> bool:
    """Whether a Title Case term sits in a run of capitalised words: "Christian Aid",
    "Mental Health Strategy", "Mr Christian"; a capital at a sentence start does not count."""
    if not _title_case(text[start:end]):
        return False
    if _NEXT_WORD.match(text, end) is not None:
        return True
    before = _PREVIOUS_WORD.search(text, max(0, start - 32), start)
    if before is None:
        return False
    lead = text[max(0, before.start(1) - 8) : before.start(1)].rstrip(" \t")
    return bool(lead) and lead[-1] not in _SENTENCE_START


def _ends_sentence(window: str, stop: int) -> bool:
    """Whether the ". " at `stop` ends a sentence (not "Mr. ", "no. " or "J. ")."""
    word = window[:stop].rsplit(None, 1)
    if not word:
        return True
    last = word[-1].rsplit(".", 1)[-1].lower()  # "e.g" -> "g", "i.e" -> "e"
    return len(last) > 1 and last not in _ABBREVIATIONS


def _sentence_before(window: str) -> str:
    """The part of `window` in the same sentence as what follows it."""
    cut = max(window.rfind(mark) for mark in _BREAKS)
    stop = window.rfind(". ")
    while stop > cut:
        if _ends_sentence(window, stop):
            cut = stop
            break
        stop = window.rfind(". ", 0, stop)
    return window[cut + 2 :] if cut >= 0 else window


def _sentence_after(window: str) -> str:
    """The part of `window` in the same sentence as what precedes it."""
    stops = [i for i in (window.find(mark) for mark in _BREAKS) if i >= 0]
    cut = min(stops) if stops else len(window)
    stop = window.find(". ")
    while 0 <= stop < cut:
        if stop == 0 or _ends_sentence(window, stop):
            cut = stop
            break
        stop = window.find(". ", stop + 2)
    return window[:cut]


def _whole_words_before(doc: Document, start: int) -> str:
    chars = NEAR_BEFORE
    window = doc.before(start, chars)
    if start - chars > 0 and doc.lower[start - chars - 1].isalnum():
        window = window.partition(" ")[2]  # a word cut in half says nothing
    return window


def _whole_words_after(doc: Document, end: int) -> str:
    chars = NEAR_AFTER
    window = doc.after(end, chars)
    stop = end + chars
    if stop < len(doc.lower) and doc.lower[stop].isalnum():
        window = window.rpartition(" ")[0]
    return window


def _road_number(token: str) -> bool:
    """A road ("the prison on the A11"): a place, not a person."""
    return 2 <= len(token) <= 5 and token[0] in "am" and token[1:].isdigit()


def _context_found(
    words: ContextWords, before: list[str], after: list[str]
) -> tuple[list[str], list[str], list[str]]:
    """(words that raise, that lower strongly, that lower) among the words `before` and
    `after` a term; words that lower count only within `BESIDE` words of it. Each is listed
    once, the longest phrase first where phrases overlap ("service user" raises; "service"
    alone lowers); no phrase runs across the term."""
    found: dict[str, list[str]] = {RAISED: [], LOWERED: [], LOWERED_STRONGLY: []}
    split = len(before)
    tokens = before + after
    i, count = 0, len(tokens)
    while i < count:
        token = tokens[i]
        size, hit = 1, words.kinds.get(token)
        if token in words.starts:
            room = (split if i < split else count) - i
            for longer in range(min(words.longest, room), 1, -1):
                phrase = " ".join(tokens[i : i + longer])
                if phrase in words.kinds:
                    size, hit = longer, words.kinds[phrase]
                    break
        beside = split - BESIDE <= i < split + BESIDE
        if hit is None and beside and _road_number(token):
            hit = (LOWERED, "a road")
        if hit is not None and (beside or hit[0] != LOWERED) and hit[1] not in found[hit[0]]:
            found[hit[0]].append(hit[1])
        i += size
    return found[RAISED], found[LOWERED_STRONGLY], found[LOWERED]


@dataclass(frozen=True, slots=True)
class TermDetector:
    """Proposes a category's terms in the shared scan; scores each by its context."""

    name: str
    category: Category

    @property
    def patterns(self) -> tuple[PatternSpec, ...]:
        return self.category.patterns

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> list[Entity]:
        found = self.lookup(doc.text, match, cased=not spec.caseless)
        if found is None:
            return []
        start, end, term = found
        raised, strongly, lowered = self.context(doc, start, end)
        score = term.weight + (RAISE if raised else 0.0)
        if strongly:
            score -= LOWER_STRONGLY
        elif lowered:
            score -= LOWER
        note = ""
        if term.extend:
            extended = extension_end(doc.text, end, term.extend)
            if extended > end:
                end = extended
                note = "span takes in the words after the term"
        return [
            Entity(
                type=self.category.type,
                start=start,
                end=end,
                score=max(0.0, min(1.0, round(score, 3))),
                explanation=Explanation(
                    detector=self.name,
                    # the category and strength only: naming the term would put the
                    # condition or offence itself into findings and logs
                    pattern=f"{self.category.type} term ({term.strength})",
                    raised_by=raised,
                    lowered_by=strongly + lowered,
                    note=note,
                ),
            )
        ]

    def context(
        self, doc: Document, start: int, end: int
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(words that raise, words that lower strongly, words or reasons that lower)."""
        before = CONTEXT_TOKEN.findall(_sentence_before(_whole_words_before(doc, start)))
        after = CONTEXT_TOKEN.findall(_sentence_after(_whole_words_after(doc, end)))
        raised, strongly, lowered = _context_found(self.category.context, before, after)
        if in_capitalised_name(doc.text, start, end):
            lowered.append(_IN_A_NAME)
        return tuple(raised), tuple(strongly), tuple(lowered)

    def lookup(
        self, text: str, match: re.Match[str], *, cased: bool
    ) -> tuple[int, int, Term] | None:
        """(start, end, term) of the longest term in the run of words `match` finds (its
        group 1), with any words of the term before it; None when the run starts no term, or
        when the longest match is a phrase the category lists as not one of its terms."""
        table = self.category.table(cased=cased)
        start = match.start()
        keys: list[str] = []
        ends: list[int] = []
        for word in _WORD.finditer(text, start, match.end(1)):
            keys.append(word.group(0) if cased else word.group(0).lower())
            ends.append(word.end())
            if len(keys) == 1 and keys[0] not in table.prefixes and keys[0] not in table.led:
                return None
        best = _longest(table, "", keys, ends, start)
        if keys[0] in table.led:
            for lead_start, lead in _leads(text, start, table, cased=cased):
                found = _longest(table, lead, keys, ends, lead_start)
                if found is not None and (best is None or found[1] - found[0] > best[1] - best[0]):
                    best = found
        return None if best is None or best[2].excluded else best


def _longest(
    table: Table, key: str, words: list[str], ends: list[int], span_start: int
) -> tuple[int, int, Term] | None:
    """The longest term whose key is `key` (the words before the run) and the run's first
    words, the run's words being `words` ending at `ends`."""
    best = None
    for word, end in zip(words, ends, strict=True):
        key += word  # a word is letters and digits only, so keys join without separators
        if key not in table.prefixes:
            break
        term = table.terms.get(key)
        if term is not None:
            best = (span_start, end, term)
    return best


def _leads(text: str, start: int, table: Table, *, cased: bool) -> Iterator[tuple[int, str]]:
    """(span start, key) for each run of words just before `start` that some term has before
    its head, read back one word at a time while the words end some lead."""
    key = ""
    for _ in range(table.max_lead):
        word = _WORD_BEFORE.search(text, max(0, start - 24), start)
        if word is None:
            return
        key = (word.group(1) if cased else word.group(1).lower()) + key
        if key not in table.lead_ends:
            return
        start = word.start()
        if key in table.leads:
            yield start, key


def category_detector(name: str) -> TermDetector:
    """The detector of the category whose terms are in `data/<name>.yaml`."""
    return TermDetector(name=f"sensitive.{name}", category=load_category(name))

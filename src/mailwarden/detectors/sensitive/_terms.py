"""Term lists of the sensitive categories: read from `data/`, prepared once for the scan.

A term is written in a small notation (`data/README.md`):

- a space matches spaces, a tab or a line break (mail clients wrap lines);
- a hyphen matches a hyphen, a space or nothing ("self-harm", "self harm", "selfharm");
- an apostrophe is optional, straight or curly ("Alzheimer's", "Alzheimers");
- `(...)` is an optional part ("conviction(s)");
- `{name}` stands for every entry of the file's set `name` ("member of {union}").

Two spellings of a term are the same term when they have the same letters and digits in the
same order (`term_key`), so a term is looked up, not matched. The scan looks for each term's
*head* (`head_of`: its rarest word, or two words when all of them are common); the exact
pattern takes the run of words that starts there; the detector looks up the longest term in
that run, reading back over any words the term has before its head ("type 2 " of "type 2
diabetes").

Heads go into the shared Hyperscan scan as plain literals, one expression each: plain literals
compile about ten times faster than word-boundary assertions, and alternations of literals
far slower still. A head shorter than six letters would turn up inside other words ("hiv" in
"archive", "rep" in "report"), so it is bounded: the whole-word ones share one `\b(?:...)\b`
expression, the others follow a character that cannot be part of a word (or start the text).
"""

from __future__ import annotations

import pkgutil
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from types import MappingProxyType
from typing import Any

import yaml

from ..base import PatternSpec
from ..entity import EntityType
from ..scoring import LOW, MEDIUM

__all__ = [
    "COMMON_WORDS",
    "CONTEXT_TOKEN",
    "LOWERED",
    "LOWERED_STRONGLY",
    "MAX_TAIL",
    "NOT_A_TERM",
    "RAISED",
    "SMALL_WORDS",
    "STRENGTHS",
    "VERY_COMMON_WORDS",
    "Category",
    "ContextWords",
    "Table",
    "Term",
    "exact_pattern",
    "expand",
    "load_category",
    "term_key",
    "word_set",
]

NOT_A_TERM = "not"
"""The strength of a `not_terms` phrase ("sectioned off", "stroke of luck")."""

STRENGTHS: Mapping[str, float] = MappingProxyType({"strong": MEDIUM, "medium": 0.4, "weak": LOW})
"""The score of a term seen alone, by its curated strength: never enough to act on."""


def word_set(words: str) -> frozenset[str]:
    """The words of `words`, separated by whitespace."""
    return frozenset(words.split())


SMALL_WORDS = word_set(
    "a an the in on at of to for with by from under into as and or not no is was be been being "
    "had has have"
)
"""Words never scanned for: a term's head is another of its words ("in prison", "had a stroke")."""

COMMON_WORDS = word_set(
    """
    act action activities admission adult adults after aid alert appearance appointment attack
    attempt background badge based behaviour black blue capacity care check child children
    concern concerns condition conditions conference control county court crown day delay
    domestic early education emergency emotional end evidence exchange face failure far female
    financial fire fit found global goes green health hearing help history home identity image
    initial interim interview investigation labour language law learning leave left letter life
    lines list long looked man medical missing mixed modern national need needs note notice
    officer order out package partner partners party physical police positive post print profile
    record records referral reform register registered relationship released remain reported
    results right risk royal same sample samples scan section self sentence serving sex shop sick
    significant social special speech strategy summary taken team test tested testing tests trade
    type uk union use user views went white woman youth rep representative official steward
    subscription subscriptions dues prevent
    """
)
"""Words too frequent in council mail to scan for when the term has a rarer one."""

VERY_COMMON_WORDS = word_set(
    """
    assessment children community data information meeting member members membership plan
    protection report review service support
    """
)
"""Words scanned for only when every other word of the term is small."""

WORD = r"[^\W_]+"
_SPACE = r"(?:[ \t\u00a0]{1,2}|[ \t\u00a0]?\r?\n[ \t\u00a0]{0,8})"
SEPARATOR = rf"(?:['\u2019]?(?:[\-\u2010\u2011]?{_SPACE}|[\-\u2010\u2011./&]|,{_SPACE}?)|['\u2019])"
"""What may stand between two words of one term: a space or line wrap, a hyphen, an
apostrophe, a full stop or ampersand inside an abbreviation ("s.47", "A&E"), a comma."""


MAX_TAIL = 6
"""The most words a term may have from its head on (one pattern for all, compiled once)."""


@lru_cache(maxsize=4)
def exact_pattern(words: int) -> re.Pattern[str]:
    """At a word start, the run of up to `words` words there (group 1), in which the detector
    finds the term by key. The match itself is empty, so the pattern also finds every word
    start where Hyperscan is missing and the patterns run one by one with `re`."""
    return re.compile(rf"(?<!\w)(?=({WORD}(?:{SEPARATOR}{WORD}){{0,{words - 1}}}))")


_BOUNDED_BELOW = 6
"""Heads shorter than this are scanned with a non-word character (or the text start) before."""
_PAIR_SPACES = (" ", "  ", r"\t", r"\xa0", r"\n", r"\r\n", r" \n", r" \r\n")
"""Between the two words of a two-word head: a space or two, a tab, a no-break space, or a
line break where a client wrapped (after a space or not). An indented continuation line is
not among them: a term whose words are all common is missed there."""
_NOT_WORD = r"[^0-9A-Za-z_\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\xff]"
"""Every Latin-1 character that Python's `\\w` does not match (and a few it does)."""
_UNIT = re.compile(r"[^ ]+")
_PART = re.compile(r"[\-']")
_OPTIONAL = re.compile(r"\(([^()]*)\)")
_SET = re.compile(r"\{([a-z_]+)\}")
_KEY_DROP = re.compile(r"[\W_]+")
_ALLOWED = re.compile(r"[A-Za-z0-9 '\-.,&/]+")


def term_key(text: str, *, cased: bool = False) -> str:
    """The form every spelling of a term shares: its letters and digits, lower-cased unless
    the term is case-sensitive."""
    return _KEY_DROP.sub("", text if cased else text.lower())


@dataclass(frozen=True, slots=True)
class Term:
    """One curated term: its written form, strength, and how far its span reaches."""

    text: str
    strength: str
    extend: int = 0
    """Words after the term that belong to the span ("diagnosed with" + the condition)."""
    exact_case: bool = False
    note: str = ""

    @property
    def weight(self) -> float:
        return STRENGTHS.get(self.strength, 0.0)

    @property
    def excluded(self) -> bool:
        """A phrase listed under `not_terms`: where it is the longest match, nothing is."""
        return self.strength == NOT_A_TERM


RAISED, LOWERED, LOWERED_STRONGLY = "raised", "lowered", "lowered_strongly"
"""The three kinds of context word (`data/context.yaml` and each category's own lists)."""

CONTEXT_TOKEN = re.compile(r"[a-z0-9]+")
"""How context words and the text around a term are cut into words (lower-cased text)."""


@dataclass(frozen=True, slots=True)
class ContextWords:
    """Words that say a term is about a person, or about an organisation or a policy, by their
    words joined with single spaces ("i m" for "I'm", "d o b" for "d.o.b")."""

    kinds: Mapping[str, tuple[str, str]]
    """Phrase -> (kind, the phrase as listed)."""
    starts: frozenset[str]
    """First words of the phrases of more than one word."""
    longest: int
    """Words in the longest phrase."""


@dataclass(frozen=True, slots=True)
class Table:
    """Terms of one case mode by key, with what a lookup needs to stop early."""

    terms: Mapping[str, Term]
    """Terms by `term_key` of every variant."""
    prefixes: frozenset[str]
    """Every prefix of a key: a run of words whose key is not one stops growing."""
    leads: frozenset[str]
    """Keys of the words some term has before its head ("type 2" of "type 2 diabetes")."""
    lead_ends: frozenset[str]
    """Every ending of a lead key: words before a head are read back while they make one."""
    max_lead: int
    """The most words any term has before its head."""
    led: frozenset[str]
    """Keys of the heads some term has words before: only after these are leads read back."""


@dataclass(frozen=True, slots=True)
class Category:
    """A category's terms, its context words and the literals its detector scans for."""

    type: EntityType
    caseless: Table
    cased: Table
    """Terms marked `case: exact`, keyed with their case."""
    context: ContextWords
    patterns: tuple[PatternSpec, ...]

    def table(self, *, cased: bool) -> Table:
        return self.cased if cased else self.caseless


def expand(text: str, sets: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    """Every variant a written term stands for, sets substituted and optional parts resolved."""
    sets = sets or {}
    names = _SET.findall(text)
    if names:
        out: list[str] = []
        for choice in product(*(list(sets[name]) for name in names)):
            filled = text
            for value in choice:
                filled = _SET.sub(value.replace("\\", r"\\"), filled, count=1)
            out.extend(expand(filled, sets))
        return list(dict.fromkeys(out))
    parts = _OPTIONAL.split(text)  # literal, optional, literal, optional, ...
    options = [[p] if i % 2 == 0 else ["", p] for i, p in enumerate(parts)]
    variants = ("".join(choice) for choice in product(*options))
    return list(dict.fromkeys(re.sub(r" {2,}", " ", v).strip() for v in variants))


def _rarity(word: str) -> int:
    lower = word.lower()
    if lower in VERY_COMMON_WORDS:
        return 0
    return 1 if lower in COMMON_WORDS or word.isdigit() else 2


def head_of(variant: str) -> tuple[str, str, bool]:
    """(the literal the scan looks for, the text of the term before it, whether the head is
    a whole word of the term).

    The head comes from the term's longest word that is neither a small word nor a common
    one, so the scan stops at "diabetes" rather than "type", at "conference" rather than
    "review"; the words before it are checked when the head is found. A hyphenated or
    apostrophised word is scanned for by its first part ("self" for "self-harm", which may
    also be written "self harm" or "selfharm"). When every word of the term is common ("care
    order", "sick leave") the head is two words, scanned with a space or a line break
    between them."""
    units = [(u.start(), u.end(), u.group(0)) for u in _UNIT.finditer(variant)]
    ranked = [
        (_rarity(part), len(part), -i)
        for i, (_, _, unit) in enumerate(units)
        if (part := _PART.split(unit)[0]) and part.lower() not in SMALL_WORDS
    ]
    if not ranked:
        raise ValueError(f"term {variant!r} has only small words")
    rarity, _, best = max(ranked)
    best = -best
    at, _, unit = units[best]
    head = _PART.split(unit)[0]
    if rarity < 2:
        if "-" in unit and "'" not in unit:  # "looked-after": the two parts of the word
            return "-".join(unit.split("-")[:2]), variant[:at], True
        for first, second in ((best, best + 1), (best - 1, best)):
            if first >= 0 and second < len(units) and not _PART.search(units[first][2]):
                pair_second = _PART.split(units[second][2])[0]
                if pair_second and variant[units[first][1] : units[second][0]] == " ":
                    return f"{units[first][2]} {pair_second}", variant[: units[first][0]], True
    return head, variant[:at], head == unit


def _head_specs(
    name: str, heads: Mapping[str, bool], *, cased: bool, words: int
) -> list[PatternSpec]:
    """The scan expressions for `heads` (head -> whether it is always a whole word).

    A long head is a plain literal: the exact pattern drops a hit inside a longer word. A
    short one would hit inside too many words ("hiv" in "archive", "rep" in "report"), so it
    must start a word and, when it is always a whole word, end one; the whole-word ones share
    one expression (word boundaries cost Hyperscan far more to compile than literals do). A
    head that a plain or open-ended head already starts with needs no expression of its own."""
    exact = exact_pattern(words)
    scans: list[tuple[str, str]] = []
    bounded: list[str] = []
    open_ended = ""
    for head in sorted(heads):
        if open_ended and head.startswith(open_ended):
            continue
        literal = re.escape(head)
        if " " in head or "-" in head:
            first, second = (re.escape(w) for w in re.split("[ -]", head))
            joins = _PAIR_SPACES if " " in head else (*_PAIR_SPACES, "-", "", r"\?")
            scans += [(head, first + join + second) for join in joins]
        elif len(head) >= _BOUNDED_BELOW:
            scans.append((head, literal))
            open_ended = head
        elif heads[head]:
            bounded.append(literal)
        else:
            scans += [(head, _NOT_WORD + literal), (head, "^" + literal)]
            open_ended = head
    if bounded:
        scans.append(("whole words", r"\b(?:" + "|".join(bounded) + r")\b"))
    return [
        PatternSpec(name=f"{name}:{label}", scan=scan, exact=exact, max_len=160, caseless=not cased)
        for label, scan in scans
    ]


def _read(name: str) -> dict[str, Any]:
    raw = pkgutil.get_data(__package__, f"data/{name}.yaml")  # the package's own files
    if raw is None:  # pragma: no cover - a loader that cannot read package data
        raise ValueError(f"sensitive/data/{name}.yaml: not found")
    source = raw.decode("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(source, Loader=loader)
    except yaml.YAMLError as error:
        raise ValueError(f"sensitive/data/{name}.yaml: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"sensitive/data/{name}.yaml: expected a mapping")
    return data


def _entries(name: str, data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    terms = data.get("terms")
    if not isinstance(terms, dict) or not set(terms) <= set(STRENGTHS):
        raise ValueError(f"sensitive/data/{name}.yaml: terms must map strong/medium/weak to lists")
    for strength, entries in terms.items():
        for entry in entries or ():
            spec: Mapping[str, Any] = entry if isinstance(entry, dict) else {"term": entry}
            if not isinstance(spec.get("term"), str):
                raise ValueError(f"sensitive/data/{name}.yaml: not a term: {entry!r}")
            unknown = set(spec) - {"term", "extend", "case", "note"}
            if unknown:
                raise ValueError(f"sensitive/data/{name}.yaml: unknown keys {sorted(unknown)}")
            yield strength, spec


def _check_variant(name: str, variant: str) -> None:
    if not _ALLOWED.fullmatch(variant) or not (variant[0].isalnum() and variant[-1].isalnum()):
        raise ValueError(
            f"sensitive/data/{name}.yaml: term {variant!r} must start and end with a letter or"
            " digit and use only letters, digits, spaces and - ' . , & /"
        )


def _phrase(text: str) -> str:
    return " ".join(CONTEXT_TOKEN.findall(text.lower()))


def _context_lists(data: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    kinds = {RAISED: "raised_by", LOWERED: "lowered_by", LOWERED_STRONGLY: "lowered_strongly_by"}
    out: dict[str, tuple[str, str]] = {}
    for kind, key in kinds.items():
        for word in data.get(key) or ():
            out[_phrase(str(word))] = (kind, str(word))
    return out


@lru_cache(maxsize=1)
def _shared() -> Mapping[str, tuple[str, str]]:
    return MappingProxyType(_context_lists(_read("context")))


def _context_words(data: Mapping[str, Any]) -> ContextWords:
    """The shared context words with the category's own, which win where both list one."""
    kinds = {**_shared(), **_context_lists(data)}
    kinds.pop("", None)
    return ContextWords(
        kinds=MappingProxyType(kinds),
        starts=frozenset(p.split(" ", 1)[0] for p in kinds if " " in p),
        longest=max((p.count(" ") + 1 for p in kinds), default=1),
    )


def _stronger(old: Term | None, new: Term) -> Term:
    return new if old is None or new.weight > old.weight else old


def _prefixes(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(key[:i] for key in keys for i in range(1, len(key) + 1))


def _table(
    terms: Mapping[str, Term], leads: Iterable[str], led: Iterable[str], *, cased: bool
) -> Table:
    keys = {term_key(lead, cased=cased) for lead in leads}
    return Table(
        terms=MappingProxyType(dict(terms)),
        prefixes=_prefixes(terms),
        leads=frozenset(keys),
        lead_ends=frozenset(key[i:] for key in keys for i in range(len(key))),
        max_lead=max((len(re.findall(WORD, lead)) for lead in leads), default=0),
        led=frozenset(led),
    )


_CATEGORY_KEYS = frozenset(
    {"category", "sets", "raised_by", "lowered_by", "lowered_strongly_by", "terms", "not_terms"}
)


@lru_cache(maxsize=16)
def load_category(name: str) -> Category:
    """The category whose terms are in `data/<name>.yaml`, prepared (once per process)."""
    data = _read(name)
    unknown = set(data) - _CATEGORY_KEYS
    if unknown:
        raise ValueError(f"sensitive/data/{name}.yaml: unknown keys {sorted(unknown)}")
    kind = EntityType(data["category"])
    sets = {k: [str(v) for v in vs] for k, vs in (data.get("sets") or {}).items()}
    tables: dict[bool, dict[str, Term]] = {False: {}, True: {}}
    heads: dict[bool, dict[str, bool]] = {False: {}, True: {}}
    leads: dict[bool, set[str]] = {False: set(), True: set()}
    led: dict[bool, set[str]] = {False: set(), True: set()}
    tail = 1
    for strength, spec in _entries(name, data):
        cased = spec.get("case") == "exact"
        term = Term(
            text=str(spec["term"]).replace("\u2019", "'"),
            strength=strength,
            extend=int(spec.get("extend", 0)),
            exact_case=cased,
            note=str(spec.get("note", "")),
        )
        for variant in expand(term.text, sets):
            _check_variant(name, variant)
            key = term_key(variant, cased=cased)
            tables[cased][key] = _stronger(tables[cased].get(key), term)
            head, lead, whole = head_of(variant)
            tail = max(tail, len(re.findall(WORD, variant[len(lead) :])))
            head = head if cased else head.lower()
            heads[cased][head] = heads[cased].get(head, True) and whole
            if lead:
                leads[cased].add(lead)
                led[cased].add(term_key(re.split("[ -]", head)[0], cased=cased))
    for written in data.get("not_terms") or ():
        phrase = Term(text=str(written), strength=NOT_A_TERM)
        for variant in expand(phrase.text, sets):
            _check_variant(name, variant)
            key = term_key(variant)
            tables[False].setdefault(key, phrase)
            head, lead, _ = head_of(variant)
            tail = max(tail, len(re.findall(WORD, variant[len(lead) :])))
            if lead:
                leads[False].add(lead)
                led[False].add(term_key(re.split("[ -]", head)[0]))
    if tail > MAX_TAIL:
        raise ValueError(f"sensitive/data/{name}.yaml: a term has {tail} words from its head")
    patterns = _head_specs(name, heads[False], cased=False, words=MAX_TAIL)
    patterns += _head_specs(f"{name}-cased", heads[True], cased=True, words=MAX_TAIL)

    return Category(
        type=kind,
        caseless=_table(tables[False], leads[False], led[False], cased=False),
        cased=_table(tables[True], leads[True], led[True], cased=True),
        context=_context_words(data),
        patterns=tuple(patterns),
    )

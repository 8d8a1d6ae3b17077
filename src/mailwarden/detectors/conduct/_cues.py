"""Cue lists of the conduct detectors: read from `data/`, compiled once into one pattern each.

A cue is a short phrase written in a small notation (`data/README.md`):

- a space matches spaces, a tab or a line break, with quote marks (`>`) after the break,
  since mail clients wrap lines and forwarded text is quoted;
- an apostrophe is optional, straight or curly ("don't", "don’t", "dont");
- a hyphen matches a hyphen, a space or nothing ("e-mail", "e mail", "email");
- `(a|b)` is a choice and `(a|b)?` or `(a)?` an optional part;
- `<n>` is a number in digits or words ("10", "ten"), `<money>` a sum in pounds ("£50"),
  `<words>` up to four words, each with the space after it ("a <words>business").

Every cue is matched case-insensitively and as whole words. All the cues of one file go into
one alternation, grouped by their first character, each group starting with that character
and only then looking behind it: `re` skips straight to the characters that can start a cue
instead of trying a look-behind at every position, so a 1 MB text costs a fraction of a
second. Which cue matched is read from the name of the group that matched (`lastgroup`); the
cue's written form, never the text of the message, is what a signal reports.
"""

from __future__ import annotations

import pkgutil
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import yaml

__all__ = [
    "NOT_A_CUE",
    "STRENGTHS",
    "Cue",
    "CueFile",
    "CueList",
    "Hit",
    "in_quotes",
    "load",
    "sentence_after",
    "sentence_before",
]

STRENGTHS = ("strong", "medium", "weak")
"""How strongly one cue alone says the kind; each detector gives each its own score."""
NOT_A_CUE = "not"
"""Listed under `not`: a phrase that, where it is the longest match, is no cue ("stupid
question" beside "stupid"); its hits carry this strength and detectors skip them."""

_SPACE = r"(?:[^\S\n]{1,3}|[^\S\n]{0,3}\n[\s>]{0,12})"
_APOSTROPHE = "['\u2019\u2018`]?"
_HYPHEN = "[-\u2010\u2011 ]?"
_NUMBER = (
    r"(?:[0-9]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|twenty[- ]five|thirty|forty|fifty|a hundred|hundred)"
)
_MONEY_TAIL = r" ?[0-9][0-9,]{0,9}(?:\.[0-9]{2})?k?"
_WORDS = rf"(?:[^\W_]+(?:['\u2019\-][^\W_]+)?{_SPACE}){{0,4}}"
_TOKENS: Mapping[str, str] = MappingProxyType(
    {"n": _NUMBER, "money": "£" + _MONEY_TAIL, "words": _WORDS}
)
_ALLOWED = re.compile(r"[a-z0-9 '\u2019\-.,&*!£%/:()|?<>]+")
_NOT_WORD_BEFORE = "(?<![^\\W_]{0})(?<![^\\W_][-\u2010\u2011]{0})"
"""A cue starts a word, and not the second part of a hyphenated compound ("flame-retarded")."""
_END = r"(?![^\W_]|[-\u2010\u2011][^\W_])"
"""A cue ends a word, and not a hyphenated compound ("idiot-proof")."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One curated phrase: as written (what a signal shows), its group and its strength."""

    term: str
    group: str
    strength: str


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a cue matched."""

    start: int
    end: int
    cue: Cue


@dataclass(frozen=True, slots=True)
class CueList:
    """Cues compiled into one pattern; the name of the group that matched names the cue."""

    pattern: re.Pattern[str]
    by_group: Mapping[str, Cue]

    @property
    def cues(self) -> tuple[Cue, ...]:
        return tuple(dict.fromkeys(self.by_group.values()))

    def find(self, text: str) -> Iterator[Hit]:
        """Every cue in `text`, left to right, not overlapping (the longest written cue wins
        where two start at the same place)."""
        for match in self.pattern.finditer(text):
            yield Hit(match.start(), match.end(), self.by_group[match.lastgroup or ""])

    def search(self, text: str) -> Cue | None:
        """The first cue in `text`, or None."""
        match = self.pattern.search(text)
        return None if match is None else self.by_group[match.lastgroup or ""]


@dataclass(frozen=True, slots=True)
class CueFile:
    """A detector's cues and the named phrase lists (guards) its module reads."""

    cues: CueList
    guards: Mapping[str, CueList]
    words: Mapping[str, tuple[str, ...]]
    """Each guard's phrases as written, for a module that reads them word by word."""

    def guard(self, name: str) -> CueList:
        return self.guards[name]


def _closing(notation: str, at: int) -> int:
    """Index of the `)` closing the `(` at `at`."""
    depth = 0
    for i in range(at, len(notation)):
        if notation[i] == "(":
            depth += 1
        elif notation[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(f"unbalanced parentheses in {notation!r}")


def _top_level_split(inner: str) -> list[str]:
    parts, depth, last = [], 0, 0
    for i, char in enumerate(inner):
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append(inner[last:i])
            last = i + 1
    parts.append(inner[last:])
    return parts


def _variants(notation: str) -> list[str]:
    """`notation` with any choice at its start spelt out, so each variant starts with a
    character or a token: "(i|we) accept" -> "i accept", "we accept"."""
    if not notation.startswith("("):
        return [notation]
    close = _closing(notation, 0)
    optional = notation[close + 1 : close + 2] == "?"
    rest = notation[close + 2 if optional else close + 1 :]
    out = [alt + rest for alt in _top_level_split(notation[1:close])]
    if optional:
        out.append(rest.lstrip(" "))
    return [v for variant in out if variant for v in _variants(variant)]


def _regex(notation: str) -> str:
    """The regex of a piece of notation (not yet bounded at its ends), each choice's longest
    alternative first."""
    out: list[str] = []
    i = 0
    while i < len(notation):
        char = notation[i]
        if char == "<":
            close = notation.index(">", i)
            out.append(_TOKENS[notation[i + 1 : close]])
            i = close + 1
            continue
        if char == "(":
            close = _closing(notation, i)
            # longest choice first: `re` takes the first that fits, not the longest
            choices = sorted(_top_level_split(notation[i + 1 : close]), key=len, reverse=True)
            out.append("(?:" + "|".join(_regex(choice) for choice in choices) + ")")
            i = close + 1
            continue
        if char == "?":
            out.append(char)
        elif char == " ":
            out.append(_SPACE)
        elif char in "'\u2019":
            out.append(_APOSTROPHE)
        elif char == "-":
            out.append(_HYPHEN)
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _first_and_rest(variant: str) -> tuple[str, str]:
    """(the regex of the variant's first character, the regex of the rest)."""
    if variant.startswith("<n>"):
        return "[0-9]", "[0-9]{0,2}" + _regex(variant[3:])
    if variant.startswith("<money>"):
        return "£", _MONEY_TAIL + _regex(variant[7:])
    if variant.startswith("<") or variant[0] in "( ":
        raise ValueError(f"a cue cannot start with {variant[0]!r}: {variant!r}")
    return re.escape(variant[0]), _regex(variant[1:])


def _check(term: str, where: str) -> None:
    if not _ALLOWED.fullmatch(term) or term != term.strip() or "  " in term:
        raise ValueError(f"{where}: {term!r} is not a cue (lower case, see data/README.md)")
    for token in re.findall(r"<([^>]*)>", term):
        if token not in _TOKENS:
            raise ValueError(f"{where}: unknown token <{token}> in {term!r}")
    if re.search(r"(?<!\))\?", term):
        raise ValueError(f"{where}: '?' only after ')' in {term!r}")
    re.compile(_regex(term))  # an unbalanced or empty group fails here


def compile_cues(cues: list[Cue]) -> CueList:
    """One pattern for `cues`: the variants of every cue, grouped by first character; within
    a group the `not` phrases first (an exception wins over the cue it is an exception to),
    then the longest written first, so that the longer cue wins."""
    by_first: dict[str, list[tuple[tuple[bool, int], str, str]]] = {}
    by_group: dict[str, Cue] = {}
    for index, cue in enumerate(cues):
        for number, variant in enumerate(_variants(cue.term)):
            first, rest = _first_and_rest(variant)
            name = f"c{index}_{number}"
            by_group[name] = cue
            rank = (cue.strength != NOT_A_CUE, -len(variant))
            by_first.setdefault(first, []).append((rank, name, rest))
    branches = []
    for first, entries in sorted(by_first.items()):
        alternatives = "|".join(f"(?P<{name}>{rest})" for _, name, rest in sorted(entries))
        branches.append(f"{first}{_NOT_WORD_BEFORE.format(first)}(?:{alternatives})")
    body = "|".join(branches) or "(?!)"
    pattern = re.compile(f"(?:{body}){_END}", re.IGNORECASE)
    return CueList(pattern=pattern, by_group=MappingProxyType(by_group))


def _read(name: str) -> dict[str, Any]:
    raw = pkgutil.get_data(__package__, f"data/{name}.yaml")  # the package's own files
    if raw is None:  # pragma: no cover - a loader that cannot read package data
        raise ValueError(f"conduct/data/{name}.yaml: not found")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=loader)
    except yaml.YAMLError as error:
        raise ValueError(f"conduct/data/{name}.yaml: {error}") from error
    if not isinstance(data, dict) or set(data) - {"groups", "guards"}:
        raise ValueError(f"conduct/data/{name}.yaml: expected a mapping of groups and guards")
    return data


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of strings")
    for term in value:
        _check(term, where)
    return list(value)


@lru_cache(maxsize=8)
def load(name: str) -> CueFile:
    """The cues and guards of `data/<name>.yaml`, compiled (once per process)."""
    data = _read(name)
    where = f"conduct/data/{name}.yaml"
    cues: list[Cue] = []
    groups = data.get("groups") or {}
    if not isinstance(groups, dict):
        raise ValueError(f"{where}: groups: expected a mapping")
    for group, by_strength in groups.items():
        kinds = (*STRENGTHS, NOT_A_CUE)
        if not isinstance(by_strength, dict) or set(by_strength) - set(kinds):
            raise ValueError(f"{where}: {group}: expected lists under {', '.join(kinds)}")
        for strength in kinds:
            for term in _strings(by_strength.get(strength, []), f"{where}: {group}.{strength}"):
                cues.append(Cue(term=term, group=str(group), strength=strength))
    terms = [cue.term for cue in cues]
    if len(set(terms)) != len(terms):
        repeated = sorted({t for t in terms if terms.count(t) > 1})
        raise ValueError(f"{where}: listed twice: {repeated}")
    guards_data = data.get("guards") or {}
    if not isinstance(guards_data, dict):
        raise ValueError(f"{where}: guards: expected a mapping")
    guards = {
        str(guard): compile_cues(
            [Cue(t, str(guard), "weak") for t in _strings(phrases, f"{where}: {guard}")]
        )
        for guard, phrases in guards_data.items()
    }
    words = {str(guard): tuple(phrases) for guard, phrases in guards_data.items()}
    return CueFile(
        cues=compile_cues(cues), guards=MappingProxyType(guards), words=MappingProxyType(words)
    )


_SENTENCE_END = re.compile(r"[.!?;](?=[\s\"'\u201d\u2019)])|\n[ \t>]*\n")


def sentence_before(text: str, start: int, limit: int = 80) -> str:
    """Up to `limit` characters before `start`, cut at the last sentence end among them."""
    window = text[max(0, start - limit) : start]
    last = None
    for last in _SENTENCE_END.finditer(window):  # noqa: B007 - only the last one matters
        pass
    return window if last is None else window[last.end() :]


def sentence_after(text: str, end: int, limit: int = 80) -> str:
    """Up to `limit` characters after `end`, cut at the first sentence end among them (the
    end itself kept, so that a question mark shows)."""
    window = text[end : end + limit]
    first = _SENTENCE_END.search(window)
    return window if first is None else window[: first.start() + 1]


def in_quotes(text: str, start: int, limit: int = 200) -> bool:
    """Whether `start` is inside a double-quoted stretch of its line: cited words, not the
    sender's own ("the tenant called him a \u201cwanker\u201d", 'the phrase "we accept")."""
    line_start = text.rfind("\n", max(0, start - limit), start) + 1
    before = text[max(line_start, start - limit) : start]
    opened = before.count("\u201c") - before.count("\u201d")
    return opened > 0 or before.count('"') % 2 == 1

"""The name lists the PERSON detector looks tokens up in, read once from `data/`.

Every set holds lower-case keys. A name written with diacritics is also kept without them
("zielińska" and "zielinska", "nguyễn" and "nguyen"), since mail often drops them; a folded
form that is an everyday word ("thế" folds to "the") is not kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Gazetteer", "fold", "gazetteer"]

_DATA = Path(__file__).with_name("data")
_FIRST_FIELD = re.compile(r"^[^\t\n]+", re.MULTILINE)
_COMBINING = re.compile("[\u0300-\u036f]")
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i"})


def fold(text: str) -> str:
    """`text` without diacritics ("Łukasz" -> "Lukasz"); unchanged when it is ASCII."""
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD)))


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-case lookup sets: names, names that are also everyday words, and non-names."""

    forenames: frozenset[str]
    surnames: frozenset[str]
    ambiguous: frozenset[str]
    """Names that are also common words or places ("grace", "may", "hill", "chelsea")."""
    words: frozenset[str]
    """Everyday words, job-title words and places that are no name ("please", "norwich")."""
    streets: frozenset[str]
    """Street-type words that are no name ("road", "avenue")."""


def _read(filename: str) -> str:
    return (_DATA / filename).read_text(encoding="utf-8").lower().replace("’", "'")


def _keys(text: str, words: frozenset[str]) -> frozenset[str]:
    exact = _FIRST_FIELD.findall(text)
    folded = _FIRST_FIELD.findall(fold(text))
    return frozenset(exact).union(k for k in folded if k not in words)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer (read on first use, then shared)."""
    words_text = _read("words.tsv")
    words = frozenset(_FIRST_FIELD.findall(words_text))
    streets = frozenset(re.findall(r"^([^\t\n]+)\tstreet word$", words_text, re.MULTILINE))
    ambiguous = _FIRST_FIELD.findall(_read("ambiguous.tsv"))
    return Gazetteer(
        forenames=_keys(_read("forenames.tsv"), words),
        surnames=_keys(_read("surnames.tsv"), words),
        ambiguous=frozenset(ambiguous),
        words=words,
        streets=streets,
    )

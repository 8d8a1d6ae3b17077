"""The name lists the PERSON detector looks tokens up in, read once from `data/`.

Every set holds lower-case keys. The build script keeps a name written with diacritics without
them too ("zielińska" and "zielinska", "nguyễn" and "nguyen"), since mail often drops them,
unless that form is an everyday word ("thế" folds to "the").
"""

from __future__ import annotations

import pkgutil
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Gazetteer", "fold", "gazetteer"]

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


def _lines(filename: str) -> list[str]:
    raw = pkgutil.get_data(__package__, f"data/{filename}")  # the package's own files
    if raw is None:  # pragma: no cover - a loader that cannot read package data
        raise ValueError(f"names/data/{filename}: not found")
    return raw.decode("utf-8").splitlines()


def _keys(filename: str) -> dict[str, str]:
    """First field -> second field of a tab-separated file."""
    return dict(line.split("\t", 1) for line in _lines(filename))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer (read on first use, then shared)."""
    words = _keys("words.tsv")
    return Gazetteer(
        forenames=frozenset(_lines("forenames.txt")),
        surnames=frozenset(_lines("surnames.txt")),
        ambiguous=frozenset(_keys("ambiguous.tsv")),
        words=frozenset(words),
        streets=frozenset(w for w, kind in words.items() if kind == "street word"),
    )

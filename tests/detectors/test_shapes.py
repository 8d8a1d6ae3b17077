"""Shared pattern fragments: a factored alternation matches as the plain one does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors.shapes import alternatives

_WORDS = st.lists(st.text(alphabet="abAB.", max_size=4), max_size=8)
_TEXT = st.text(alphabet="abAB. ", max_size=8)


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@given(_WORDS, _TEXT)
def test_factored_alternation_picks_what_the_plain_one_picks(words: list[str], text: str) -> None:
    for tail in ("", r"\b", "(?![ab])"):
        plain = re.compile(f"(?:{_plain(words)}){tail}")
        factored = re.compile(f"(?:{alternatives(words)}){tail}")
        for at in range(len(text) + 1):
            expected = plain.match(text, at)
            found = factored.match(text, at)
            assert (found and found.span()) == (expected and expected.span())


@given(_WORDS, _TEXT)
def test_caseless_factored_alternation_picks_what_the_plain_one_picks(
    words: list[str], text: str
) -> None:
    plain = re.compile(f"(?:{_plain(words)})(?![ab])", re.IGNORECASE)
    factored = re.compile(f"(?:{alternatives(words, caseless=True)})(?![ab])", re.IGNORECASE)
    for at in range(len(text) + 1):
        expected = plain.match(text, at)
        found = factored.match(text, at)
        assert (found and found.span()) == (expected and expected.span())


def test_shared_starts_are_factored_out() -> None:
    assert alternatives(["Road", "Rd", "Rise"]) == "R(?:ise|oad|d)"
    assert alternatives(["St", "Street"]) == "St(?:reet|)"

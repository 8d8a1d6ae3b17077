"""Context windows: where a sentence ends, and the words found around a span."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors.document import Document
from mailwarden.detectors.scoring import _STOP, Context, words_pattern

_PLAIN_STOP = re.compile(r"[?!][ \t\n]|\n[ \t]*\n|(?<=[^\W\d_]{5})\.[ \t\n]")
"""The sentence end spelled out, one alternative per kind of end."""


@given(st.text(alphabet="ab1é.?! \t\n", max_size=40))
def test_sentence_ends_are_the_plain_patterns(text: str) -> None:
    assert [m.span() for m in _STOP.finditer(text)] == [
        m.span() for m in _PLAIN_STOP.finditer(text)
    ]


def test_words_are_found_once_each_in_order() -> None:
    context = Context(support=words_pattern(["tel", "phone"]), contradict=re.compile(r"(?!)"))
    text = "phone or tel, tel again: 01632 960123"
    raised, lowered = context.find(Document(text), text.index("0"), len(text))
    assert raised == ("phone", "tel")
    assert lowered == ()


def test_a_pattern_with_groups_gives_whole_matches() -> None:
    context = Context(support=re.compile(r"(te)l"), contradict=re.compile(r"(?!)"))
    text = "tel 01632 960123"
    assert context.find(Document(text), 4, len(text))[0] == ("tel",)


def _plain_words(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(w.lower()) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


@given(
    st.lists(st.text(alphabet="abT/ .", min_size=1, max_size=5), min_size=1, max_size=6),
    st.text(alphabet="abt1/ .", max_size=30),
    st.integers(min_value=0, max_value=30),
)
def test_words_pattern_finds_what_the_plain_alternation_finds(
    words: list[str], text: str, at: int
) -> None:
    pattern, plain = words_pattern(words), _plain_words(words)
    assert [m.span() for m in pattern.finditer(text, at)] == [
        m.span() for m in plain.finditer(text, at)
    ]

"""UK_SORT_CODE: acted on when paired with an account number or named by a word; formats,
wrapping, near misses, context, masks, and properties over generated codes (none is a
real account's).
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.scoring import ACT, HIGH, LOW
from mailwarden.detectors.uk.sort_code import DETECTOR

from ..scan_checks import assert_prefilter_proposes_every_exact_match


def sort_codes(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.UK_SORT_CODE
    ]


def accounts(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.UK_BANK_ACCOUNT
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sort code 40-47-84 account 70872490", "40-47-84"),
        ("40-47-84 70872490", "40-47-84"),  # paired, no words
        ("40-47-84, 70872490", "40-47-84"),
        ("40-47-84 / 70872490", "40-47-84"),
        ("Account 70872490 sort code 40-47-84", "40-47-84"),  # account first
        ("a/c 70872490 40 47 84", "40 47 84"),
        ("Sort code: 40 47 84\nAccount number: 70872490", "40 47 84"),
        ("Sort Code: 40-47-\n84\nAccount No: 70872490", "40-47-\n84"),  # wrapped after a dash
        ("Sort code 40-47-84", "40-47-84"),  # a word alone
        ("Bank: 40-47-84", "40-47-84"),
        ("s/c 40.47.84", "40.47.84"),
        ("sort code 40\u201347\u201384", "40\u201347\u201384"),  # en dashes
        ("sort code 40\u00a047\u00a084", "40\u00a047\u00a084"),
        ("sort code 404784", "404784"),  # bare six digits need a word
        ("Sort code: 404784, account: 70872490", "404784"),
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert sort_codes(text) == [value]


def test_a_bare_pair_shape_is_below_the_threshold() -> None:
    assert sort_codes("40-47-84") == []
    (entity,) = [e for e in detect("40-47-84", min_score=0.0) if e.type is EntityType.UK_SORT_CODE]
    assert entity.score == LOW
    assert entity.explanation.checksum is None


@pytest.mark.parametrize(
    "text",
    [
        "404784",  # six bare digits
        "404784 70872490",  # six bare digits beside eight: no word, no pairing
        "Meeting 12-03-24 in room 4",  # a date's shape
        "Tel 01603 40 47 84",  # the middle of a phone number
        "40 47 84 12",
        "DOB 01-02-03 sort code",  # a contradicting word outweighs
    ],
)
def test_not_acted_on(text: str) -> None:
    assert sort_codes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "sort code 40-47-845",  # seven digits
        "sort code 4-04-784",
        "sort code 40-47-84-12",  # four pairs
        "sort code 40-47 84",  # mixed separators
        "sort code X40-47-84",  # tail of a code
        "sort code 40-47-84X",  # head of a code
        "sort code 1-40-47-84",
        "sort code 40/47/84",  # a date's separator
        "sort code 40:47:84",  # a time's
    ],
)
def test_near_misses_are_not_found(text: str) -> None:
    assert sort_codes(text, min_score=0.0) == []


def test_pairing_and_context_each_act_and_together_are_high() -> None:
    def score(text: str) -> float:
        (entity,) = [e for e in detect(text) if e.type is EntityType.UK_SORT_CODE]
        return entity.score

    assert ACT <= score("40-47-84 70872490") < HIGH
    assert ACT <= score("sort code 40-47-84") < HIGH
    assert score("sort code 40-47-84 account 70872490") >= HIGH
    (paired,) = [e for e in detect("40-47-84 70872490") if e.type is EntityType.UK_SORT_CODE]
    assert paired.explanation.checksum == "passed"
    assert paired.explanation.note == "paired with an account number"


def test_six_digits_after_an_account_label_are_an_account() -> None:
    assert sort_codes("account no 404784", min_score=0.0) == []
    assert accounts("account no 404784") == ["404784"]
    assert sort_codes("sort code 404784") == ["404784"]
    assert accounts("sort code 404784", min_score=0.0) == []


@pytest.mark.parametrize(
    "text",
    [
        "NI number: AB 12 34 56 C",  # the digits of a NINO
        "NI number: PY 318004 A",
        "Licence: THOMA 555279 J99YG",  # the digits of a driving licence
        "Call me on (07951) 483023 after 5",  # the tail of a phone number
        "Reached on 01603 518327.",
    ],
)
def test_digits_inside_other_values_are_not_proposed(text: str) -> None:
    assert sort_codes(text, min_score=0.0) == []
    assert accounts(text, min_score=0.0) == []


def test_a_paragraph_break_ends_the_pairing() -> None:
    assert sort_codes("40-47-84\n\n70872490") == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("sort code 40-47-84", "**-**-84"),
        ("sort code 40 47 84", "** ** 84"),
        ("s/c 404784", "****84"),
    ],
)
def test_mask_keeps_the_last_two(text: str, masked: str) -> None:
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_SORT_CODE]
    assert mask(entity, text) == masked


six_digits = st.text(alphabet=string.digits, min_size=6, max_size=6)
eight_digits = st.text(alphabet=string.digits, min_size=8, max_size=8)
separators = st.sampled_from(["-", " ", "\u2013"])


def pairs(value: str, sep: str) -> str:
    return sep.join((value[:2], value[2:4], value[4:]))


@given(six_digits, separators)
def test_every_code_is_found_with_a_word(value: str, sep: str) -> None:
    shown = pairs(value, sep)
    assert sort_codes(f"Sort code {shown} thanks") == [shown]
    assert sort_codes(f"Sort code {value} thanks") == [value]


@given(six_digits, separators, eight_digits)
def test_every_code_is_found_paired_with_an_account(value: str, sep: str, account: str) -> None:
    shown = pairs(value, sep)
    assert sort_codes(f"Details: {shown} {account} thanks") == [shown]
    assert sort_codes(f"Details: {account} {shown} thanks") == [shown]


@given(six_digits)
def test_a_wrapped_code_is_found(value: str) -> None:
    wrapped = f"{value[:2]}-{value[2:4]}-\n{value[4:]}"
    assert sort_codes(f"Sort code {wrapped}\nthanks") == [wrapped]


@given(six_digits, separators)
def test_mask_never_contains_the_raw_value(value: str, sep: str) -> None:
    text = f"Sort code {pairs(value, sep)}"
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_SORT_CODE]
    masked = mask(entity, text)
    assert value not in masked.replace(sep, "")
    assert masked.count("*") == 4
    assert masked.endswith(value[-2:])


SINGLE = Detectors([DETECTOR])
SINGLE_RE = Detectors([DETECTOR], use_hyperscan=False)


@given(
    st.lists(
        st.one_of(
            st.builds(pairs, six_digits, separators),
            six_digits,
            st.text(alphabet="0123456789 -\n\u00a0\u2013.", max_size=16),
        ),
        max_size=4,
    ).map(" ".join)
)
def test_the_prefilter_proposes_every_exact_match(text: str) -> None:
    assert_prefilter_proposes_every_exact_match(DETECTOR.patterns[0], text)


@given(six_digits, separators)
def test_both_scan_engines_agree(value: str, sep: str) -> None:
    text = f"Sort code {pairs(value, sep)}, thanks"
    assert SINGLE.detect(text, min_score=0.0) == SINGLE_RE.detect(text, min_score=0.0)

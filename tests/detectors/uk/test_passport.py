"""UK_PASSPORT: nine digits acted on only with a supporting word; formats, wrapping, near
misses, context, masks, and properties over generated numbers (none is a real passport).
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.scoring import ACT, HIGH, LOW
from mailwarden.detectors.uk.passport import DETECTOR

from ..scan_checks import assert_prefilter_proposes_every_exact_match


def passports(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.UK_PASSPORT
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Passport number: 120382978", "120382978"),
        ("passport no. 120382978", "120382978"),
        ("Her passport is 120382978.", "120382978"),
        ("120382978 (passport)", "120382978"),
        ("Passport 120 382 978", "120 382 978"),
        ("Passport 120-382-978", "120-382-978"),
        ("Passport\u00a0no\u00a0120382978", "120382978"),
        ("HMPO reference for passport: 120 382\n978", "120 382\n978"),
        ("Passport number 120 382 \r\n  978 attached", "120 382 \r\n  978"),
        ("Passport number 120382978 expires 01/03/2031", "120382978"),
    ],
)
def test_found_with_context_in_common_formats(text: str, value: str) -> None:
    assert passports(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Passport number 12038297",  # eight digits
        "Passport number 1203829781",  # ten digits
        "Passport number 120 382 97",
        "Passport number 120 382-978",  # mixed separators
        "Passport number X120382978",  # tail of a code
        "Passport number 120382978B",  # head of a code
        "Passport number ref-120382978",
        "Passport number 120382978/2",
    ],
)
def test_near_misses_are_not_found(text: str) -> None:
    assert passports(text, min_score=0.0) == []


def test_nine_bare_digits_are_not_acted_on() -> None:
    assert passports("120382978") == []
    (entity,) = [e for e in detect("120382978", min_score=0.0) if e.type is EntityType.UK_PASSPORT]
    assert entity.score == LOW < ACT
    assert entity.explanation.checksum is None


def test_support_raises_to_high() -> None:
    (entity,) = [e for e in detect("Passport no 120382978") if e.type is EntityType.UK_PASSPORT]
    assert entity.score >= HIGH
    assert "passport no" in entity.explanation.raised_by


@pytest.mark.parametrize(
    "text",
    [
        "Passport seen. Tel 120382978",  # contradicting word
        "Passport copy: order 120382978",
        "passport 0161 120 382 978",  # the tail of a longer number
        "passport 120 382 978 4",
    ],
)
def test_contradicting_context_or_glued_digits_drop_it(text: str) -> None:
    assert passports(text) == []


def test_context_in_another_sentence_does_not_count() -> None:
    assert passports("We checked the passport yesterday. The ticket is 120382978") == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [("Passport 120382978", "*****2978"), ("Passport 120 382 978", "*** **2 978")],
)
def test_mask_keeps_the_last_four(text: str, masked: str) -> None:
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_PASSPORT]
    assert mask(entity, text) == masked


nine_digits = st.text(alphabet=string.digits, min_size=9, max_size=9)


def threes(value: str) -> str:
    return f"{value[:3]} {value[3:6]} {value[6:]}"


@given(nine_digits, st.booleans())
def test_every_number_is_found_with_context(value: str, grouped: bool) -> None:
    shown = threes(value) if grouped else value
    assert passports(f"Passport number {shown} seen") == [shown]
    assert passports(f"Copy: {shown} seen") == []


@given(nine_digits)
def test_a_wrapped_number_is_found(value: str) -> None:
    wrapped = f"{value[:3]} {value[3:6]}\n{value[6:]}"
    assert passports(f"Passport number\n{wrapped}\nseen") == [wrapped]


@given(nine_digits, st.booleans())
def test_mask_never_contains_the_raw_value(value: str, grouped: bool) -> None:
    text = f"Passport number {threes(value) if grouped else value}"
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_PASSPORT]
    masked = mask(entity, text)
    assert value not in masked.replace(" ", "")
    assert masked.replace(" ", "").endswith(value[-4:])
    assert masked.count("*") == 5


SINGLE = Detectors([DETECTOR])
SINGLE_RE = Detectors([DETECTOR], use_hyperscan=False)


@given(
    st.lists(
        st.one_of(
            nine_digits.map(threes),
            nine_digits,
            st.text(alphabet="0123456789 -\n\u00a0\u2013.", max_size=16),
        ),
        max_size=4,
    ).map(" ".join)
)
def test_the_prefilter_proposes_every_exact_match(text: str) -> None:
    assert_prefilter_proposes_every_exact_match(DETECTOR.patterns[0], text)


@given(nine_digits, st.booleans())
def test_both_scan_engines_agree(value: str, grouped: bool) -> None:
    text = f"Passport {threes(value) if grouped else value}, seen"
    assert SINGLE.detect(text, min_score=0.0) == SINGLE_RE.detect(text, min_score=0.0)

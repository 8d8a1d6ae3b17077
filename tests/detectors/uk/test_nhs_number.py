"""UK_NHS_NUMBER: formats, wrapping, near misses, context, and properties over generated numbers.

Values come from the 999 test range or are generated; none belongs to a person.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.uk.nhs_number import nhs_check_digit_ok


def nhs_numbers(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.UK_NHS_NUMBER
    ]


def with_check_digit(nine: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else nine + str(check)


@pytest.mark.parametrize(
    "text",
    [
        "NHS number: 999 000 0026",
        "NHS No. 999-000-0026",
        "nhs number 9990000026",
        "Patient (NHS 999 000\n0026) was seen",
        "NHS: 999\u00a0000\u00a00026",
        "The NHS number is 999 000 0026.",
        "Service user 999 000 0026 attends",
    ],
)
def test_found_in_common_formats(text: str) -> None:
    assert len(nhs_numbers(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "NHS number: 999 000 0027",  # check digit wrong
        "NHS number: 999 000 002",  # too short
        "NHS number: 999 000 00261",  # too long
        "NHS number: 1999 000 0026",  # part of a longer number
        "NHS number: 999 000-0026",  # mixed separators
        "Invoice 9990000026",  # unspaced, contradicted
        "Order no. 999 000 0026 dispatched",  # contradicted
        "Call 0100000006 today",  # leading 0 and a call
        "ref ABC-9990000026",  # tail of a code
    ],
)
def test_near_misses_are_not_acted_on(text: str) -> None:
    assert nhs_numbers(text) == []


def test_unspaced_without_context_is_below_the_action_threshold() -> None:
    assert nhs_numbers("9990000026") == []
    assert nhs_numbers("9990000026", min_score=0.0) == ["9990000026"]


def test_explanation_names_checksum_and_context() -> None:
    (entity,) = detect("Patient NHS number: 999 000 0026")
    assert entity.explanation.checksum == "passed"
    assert "nhs number" in entity.explanation.raised_by
    assert entity.score >= 0.85


@given(st.integers(min_value=0, max_value=999_999).map(lambda n: f"999{n:06d}"))
def test_every_valid_number_is_found_with_context(nine: str) -> None:
    number = with_check_digit(nine)
    if number is None:
        return
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    assert nhs_numbers(f"NHS number {spaced} recorded") == [spaced]


@given(
    st.integers(min_value=0, max_value=999_999).map(lambda n: f"999{n:06d}"),
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_every_single_digit_mutation_is_dropped(nine: str, position: int, delta: int) -> None:
    number = with_check_digit(nine)
    if number is None:
        return
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    mutated = "".join(digits)
    assert not nhs_check_digit_ok(mutated)
    assert nhs_numbers(f"NHS number {mutated[:3]} {mutated[3:6]} {mutated[6:]}") == []


@given(st.integers(min_value=0, max_value=999_999).map(lambda n: f"999{n:06d}"))
def test_mask_never_contains_the_raw_value(nine: str) -> None:
    number = with_check_digit(nine)
    if number is None:
        return
    text = f"NHS number {number[:3]} {number[3:6]} {number[6:]}"
    for entity in detect(text):
        masked = mask(entity, text)
        assert number not in masked.replace(" ", "")
        assert masked.endswith(number[-4:])


def test_wrapped_after_a_space_is_found_by_both_scan_paths() -> None:
    from mailwarden.detectors.core import Detectors
    from mailwarden.detectors.uk.nhs_number import DETECTOR

    text = "NHS number 999 000 \n0026 recorded"
    for engine in (True, False):
        found = Detectors([DETECTOR], use_hyperscan=engine).detect(text)
        assert [text[e.start : e.end] for e in found] == ["999 000 \n0026"]


def test_other_scripts_digits_are_not_nhs_numbers() -> None:
    assert nhs_numbers("NHS number ٩٩٩ ٠٠٠ ٠٠٢٦") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("her NHS number as 999\n000 0026. Also present", "999\n000 0026"),
        ("NHS no.: 999\n000 0026\nNINO: on file", "999\n000 0026"),
        ("NHS number 999 \n000-0026 recorded", "999 \n000-0026"),
        (
            "Name\tDOB\tNHS No\tPostcode\nA. Example\t01/02/1980\t999\n000 0026\tNR1 1AA\n",
            "999\n000 0026",
        ),
        (
            "Name | DOB | NHS No | Postcode\nA. Example | 01/02/1980 | 999\n000 0026 | NR1 1AA\n",
            "999\n000 0026",
        ),
    ],
)
def test_wrapped_after_the_first_group_is_found(text: str, value: str) -> None:
    assert nhs_numbers(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "NHS number: 999\n000 0027",  # check digit wrong
        "NHS number: 999\n000 00261",  # too long
        "NHS number: 999\n\n000 0026",  # a blank line is no wrap
        "Invoice 999\n000 0026 paid",  # contradicted: the wrap adds no evidence
    ],
)
def test_wrapped_near_misses_are_not_acted_on(text: str) -> None:
    assert nhs_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "NHS no.: 9990000026\nTelephone: 01632 960123",
        "NHS number: 9990000026\nTel: 01632 960123\nGP: on file",
    ],
)
def test_the_next_fields_label_is_not_context(text: str) -> None:
    assert nhs_numbers(text) == ["9990000026"]


def test_a_contradicting_word_on_the_same_line_still_counts() -> None:
    assert nhs_numbers("NHS no.: 9990000026 (invoice ref)\nThanks") == []

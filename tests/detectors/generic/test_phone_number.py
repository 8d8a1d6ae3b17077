"""PHONE_NUMBER: UK and international layouts, wrapping, near misses, context, the NHS
overlap, masks, and properties over Ofcom's drama ranges (numbers kept for fiction)."""

from __future__ import annotations

import dataclasses

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.generic.phone_number import (
    _DRAMA,
    _MAX_NATIONAL,
    _TYPES,
    DETECTOR,
    _parse,
    _Plan,
    _region_and_type,
    phone_number_kind,
)


def phones(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.PHONE_NUMBER
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("01632 960 123", "01632 960 123"),
        ("(01632) 960123", "(01632) 960123"),
        ("+44 1632 960123", "+44 1632 960123"),
        ("07700 900 123", "07700 900 123"),
        ("0800 123 4567", "0800 123 4567"),
        ("020 7946 0000", "020 7946 0000"),
        ("Ring 0113 496 0999.", "0113 496 0999"),
        ("020-7946-0000", "020-7946-0000"),
        ("020.7946.0000", "020.7946.0000"),
        ("0121\u2013496\u20130000", "0121\u2013496\u20130000"),  # en dashes
        ("0121\u00a0496\u00a00000", "0121\u00a0496\u00a00000"),
        ("+44 (0)20 7946 0000", "+44 (0)20 7946 0000"),
        ("+44 (0) 20 7946 0000", "+44 (0) 20 7946 0000"),
        ("+447700900123", "+447700900123"),
        ("0044 20 7946 0000", "0044 20 7946 0000"),
        ("Tel: 01632\n960123", "01632\n960123"),  # wrapped
        ("Mobile 07700\n    900123 (evenings)", "07700\n    900123"),
        ("Call 07700900123", "07700900123"),
        ("07700900123", "07700900123"),  # run together, no context: at the threshold
        ("+1 (212) 555-2368", "+1 (212) 555-2368"),
        ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),
        ("+49 30 1234567", "+49 30 1234567"),
        ("+353 1 234 5678", "+353 1 234 5678"),
        ("(phone: 01632 960123)", "01632 960123"),
        ("01632 960123 12 Elm Road", "01632 960123"),  # a later figure is not part of it
        ("Tel 01632 960123, ext. 45", "01632 960123"),
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert phones(text) == [value]


def test_two_numbers_side_by_side() -> None:
    text = "Tel 01632 960123 or 07700 900123"
    assert phones(text) == ["01632 960123", "07700 900123"]
    # run together with no word between, the second may be the tail of a longer figure
    text = "See 01632 960123 07700 900123"
    assert phones(text) == ["01632 960123"]
    assert phones(text, min_score=0.0) == ["01632 960123", "07700 900123"]


@pytest.mark.parametrize(
    "text",
    [
        "Details: 00-31-01 00000000 thanks",  # sort code and account, not +31 10 ...
        "Details: 00310100 00-00-00 thanks",
        "Details: 00 00 08 00000000 thanks",  # not 0800 000000
        "Details: 01900610 00-00-00 thanks",
        "Details: 00\u201300\u201308 00000000 thanks",
        "Details: 00310100 00 00 00 thanks",
    ],
)
def test_bank_details_are_not_phone_numbers(text: str) -> None:
    assert phones(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "01632 960 12",  # too short
        "0163 2960",
        "1632 960123",  # no trunk 0, no +
        "01234 1234567 891",  # no plan has it
        "00000 000000",
        "+44 0000 000000",
        "01/02/2024 10:00",  # a date and time
        "0.123 0.456 0.789 0.101",  # decimals
        "version 0.12.345.6789",
        "IP 010.020.030.040",
        "ABC0207946000",  # tail of a code
        "02079460000XYZ",
        "1020 7946 0000",  # a longer digit run
        "Invoice 020 7946 0000",  # contradicted
        "Order 07700900123",
        "Our ref 01632 960123",
        "01632 960.12345",  # a number cut inside a figure
    ],
)
def test_near_misses_are_not_acted_on(text: str) -> None:
    assert phones(text) == []


def test_contradicted_number_is_still_reported_below_the_threshold() -> None:
    assert phones("Invoice 020 7946 0000", min_score=0.0) == ["020 7946 0000"]


def test_scores_layout_and_context() -> None:
    (laid_out,) = detect("020 7946 0000")
    (run_together,) = detect("02079460000")
    (raised,) = detect("Tel: 020 7946 0000")
    assert laid_out.score == 0.8
    assert run_together.score == 0.6
    assert raised.score == 1.0
    assert "tel" in raised.explanation.raised_by
    assert raised.explanation.checksum == "passed"
    assert raised.explanation.note == "fixed line"


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("01632960123", "drama (Ofcom)"),
        ("07700900123", "drama (Ofcom)"),
        ("+441632960123", "drama (Ofcom)"),
        ("02079460000", "fixed line"),
        ("08001234567", "freephone"),
        ("+12125552368", "fixed line or mobile, US"),
        ("01234", None),
        ("07700900", None),
    ],
)
def test_phone_number_kind(number: str, kind: str | None) -> None:
    assert phone_number_kind(number) == kind


def test_nhs_number_is_never_called_a_phone_number() -> None:
    # 080 010 0018 passes the NHS check digit and is a valid freephone number
    text = "NHS number: 080 010 0018"
    kinds = [e.type for e in detect(text)]
    assert EntityType.PHONE_NUMBER not in kinds
    assert kinds == [EntityType.UK_NHS_NUMBER]
    assert phones("NHS number: 999 000 0026", min_score=0.0) == []


def test_the_same_digits_after_tel_are_a_phone_number() -> None:
    text = "Tel: 080 010 0018"
    assert [e.type for e in detect(text)] == [EntityType.PHONE_NUMBER]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("01632 960974", "***** ***974"),
        ("+44 1632 960974", "+** **** ***974"),
        ("07700900974", "********974"),
    ],
)
def test_mask_keeps_the_last_three_digits(text: str, masked: str) -> None:
    (entity,) = detect(text)
    assert mask(entity, text) == masked


def test_prefilter_finds_what_the_exact_pattern_finds() -> None:
    text = (
        "Tel 01632 960123, (01632) 960124; +44 7700 900125 or 0800 123 4567\n"
        "fax 020\u20137946\u20130001 and 0121 496\n0002, ref 12345678901"
    )
    fast = Detectors([DETECTOR]).detect(text, min_score=0.0)
    slow = Detectors([DETECTOR], use_hyperscan=False).detect(text, min_score=0.0)
    assert fast == slow
    assert len(fast) == 6


DRAMA = [
    ("01632", "960", 3),
    ("07700", "900", 3),
    ("020", "7946 0", 3),
    ("0113", "496 0", 3),
    ("0121", "496 0", 3),
    ("0131", "496 0", 3),
    ("0161", "496 0", 3),
    ("0191", "498 0", 3),
    ("029", "2018 0", 3),
]
drama_numbers = st.builds(
    lambda r, n: (r[0], r[1] + f"{n:0{r[2]}d}"),
    st.sampled_from(DRAMA),
    st.integers(min_value=0, max_value=999),
)
LAYOUTS = [
    lambda area, local: f"{area} {local}",
    lambda area, local: f"({area}) {local}",
    lambda area, local: f"+44 {area[1:]} {local}",
    lambda area, local: f"+44 (0){area[1:]} {local}",
    lambda area, local: f"{area}{local}".replace(" ", ""),
    lambda area, local: f"{area}-{local}".replace(" ", "-"),
    lambda area, local: f"{area}\n{local}",
]


@given(drama_numbers, st.sampled_from(LAYOUTS))
def test_every_drama_number_is_found_in_every_layout(
    number: tuple[str, str], layout: object
) -> None:
    assert callable(layout)
    written = layout(*number)
    assert phones(f"Please call me on {written} after six.") == [written]


@given(drama_numbers)
def test_mask_never_contains_the_raw_value(number: tuple[str, str]) -> None:
    written = f"{number[0]} {number[1]}"
    text = f"Tel {written}"
    (entity,) = detect(text)
    masked = mask(entity, text)
    digits = written.replace(" ", "")
    assert digits not in masked.replace(" ", "")
    assert masked.replace(" ", "").endswith(digits[-3:])
    assert sum(c.isdigit() for c in masked) == 3


def test_no_plus_44_region_has_a_national_number_longer_than_the_bound() -> None:
    for region in COUNTRY_CODE_TO_REGION_CODE[44]:
        metadata = PhoneMetadata.metadata_for_region(region)
        assert max(metadata.general_desc.possible_length) + 1 <= _MAX_NATIONAL


@pytest.mark.parametrize("digits", range(12, 18))
def test_a_national_number_too_long_for_any_plan_is_none(digits: int) -> None:
    number = "01632960" + "1" * (digits - 8)
    assert phone_number_kind(number) is None
    assert not phonenumbers.is_valid_number(phonenumbers.parse(number, "GB"))


def _kind_by_validity(number: str) -> str | None:
    """`phone_number_kind` spelled out with `is_valid_number`, as the library documents it."""
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(parsed):
        kind = _TYPES.get(phonenumbers.number_type(parsed), "valid")
        region = phonenumbers.region_code_for_number(parsed) or "international"
        return kind if region == "GB" else f"{kind}, {region}"
    if parsed.country_code == 44 and _DRAMA.fullmatch(str(parsed.national_number)):
        return "drama (Ofcom)"
    return None


@given(
    st.sampled_from(["0", "01", "02", "03", "07", "08", "+44", "+440", "+1", "+353", "+49", "00"]),
    st.text(alphabet="0123456789", min_size=6, max_size=14),
)
def test_kind_agrees_with_the_validity_check(head: str, tail: str) -> None:
    number = head + tail
    assert phone_number_kind(number) == _kind_by_validity(number)


@given(
    st.sampled_from(
        ["+44", "+441624", "+447624", "+441534", "+441481", "+1", "+7", "+800", "+39", "+49"]
    ),
    st.text(alphabet="0123456789", min_size=4, max_size=10),
)
def test_region_and_type_are_the_librarys(head: str, tail: str) -> None:
    try:
        parsed = phonenumbers.parse(head + tail, "GB")
    except phonenumbers.NumberParseException:
        return
    expected = (phonenumbers.region_code_for_number(parsed), phonenumbers.number_type(parsed))
    assert _region_and_type(parsed) == expected


@given(
    st.sampled_from(["0", "+44", "+440", "+4400", "+1", "+353"]),
    st.sampled_from(["1", "2", "3", "5", "7", "8", "9", "180020", "1624", "7624", "0", ""]),
    st.text(alphabet="0123456789", min_size=5, max_size=10),
)
def test_a_uk_number_is_read_as_the_library_reads_it(prefix: str, head: str, tail: str) -> None:
    number = prefix + head + tail
    try:
        expected = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return
    assert _parse(number) == expected


@given(st.from_regex(r"[1-9][0-9]{5,11}", fullmatch=True))
def test_each_plans_combined_pattern_types_numbers_as_its_tests_one_by_one(national: str) -> None:
    for region in ("GB", "GG", "IM", "JE", "IE", "FR", "US"):
        plan = _Plan.of(PhoneMetadata.metadata_for_region(region, None))
        assert plan.combined is not None
        one_by_one = dataclasses.replace(plan, combined=None)
        assert plan.number_type(national) == one_by_one.number_type(national)
    uk = phonenumbers.PhoneNumber(country_code=44, national_number=int(national))
    gb = _Plan.of(PhoneMetadata.metadata_for_region("GB", None))
    if phonenumbers.region_code_for_number(uk) == "GB":
        assert gb.number_type(national) == phonenumbers.number_type(uk)

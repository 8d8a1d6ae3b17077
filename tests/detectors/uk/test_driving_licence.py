"""UK_DRIVING_LICENCE: the DVLA structure, spacing, wrapping, issue number, case, near
misses, context, masks, and properties over generated numbers.

MORGA 753116 SM9IJ is the DVLA's published specimen; the rest are generated.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.scoring import ACT, HIGH
from mailwarden.detectors.uk.driving_licence import DETECTOR, birth_fields_ok

from ..scan_checks import assert_prefilter_proposes_every_exact_match

SPECIMEN = "MORGA753116SM9IJ"
DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def licences(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.UK_DRIVING_LICENCE
    ]


def spaced(value: str) -> str:
    return f"{value[:5]} {value[5:11]} {value[11:]}"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (SPECIMEN, SPECIMEN),
        ("Licence: MORGA 753116 SM9IJ", "MORGA 753116 SM9IJ"),
        ("driving licence MORGA753116SM9IJ 35", "MORGA753116SM9IJ 35"),  # issue number
        ("MORGA-753116-SM9IJ", "MORGA-753116-SM9IJ"),
        ("DVLA no. MORGA 753116\nSM9IJ seen", "MORGA 753116\nSM9IJ"),
        ("licence MORGA 753116 \r\n   SM9IJ", "MORGA 753116 \r\n   SM9IJ"),
        ("(LEE99 807290 J99AB)", "LEE99 807290 J99AB"),  # short surname, no middle initial
        ("NG999 962290 AB9CD", "NG999 962290 AB9CD"),  # woman born in February (52)
        ("O9999 910315 A99XY", "O9999 910315 A99XY"),
        ("Driving licence number: morga753116sm9ij", "morga753116sm9ij"),  # lower, with context
        ("See MORGA753116SM9IJ.", "MORGA753116SM9IJ"),
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert licences(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        # decade, month, day, year: 7 13 01 6 is month 13
        "Licence MORGA 713016 SM9IJ",  # month 13
        "Licence MORGA 700016 SM9IJ",  # month 00
        "Licence MORGA 750016 SM9IJ",  # month 50
        "Licence MORGA 763016 SM9IJ",  # month 63
        "Licence MORGA 740116 SM9IJ",  # month 40
        "Licence MORGA 701006 SM9IJ",  # day 00
        "Licence MORGA 701326 SM9IJ",  # day 32
        "Licence MORGA 702306 SM9IJ",  # 30 February
        "Licence MORGA 754316 SM9IJ",  # 31 April (a woman's month)
        "Licence MOR9A 753116 SM9IJ",  # padding inside the surname
        "Licence 9ORGA 753116 SM9IJ",
        "Licence MORGA 753116 9M9IJ",  # padding before an initial
        "Licence MORGA 753116 SM9I1",  # a digit among the check letters
        "Licence MORGA 753116 SMAIJ",  # a letter where the digit goes
        "Licence MORGA75311SM9IJ",  # five digits
        "Licence XMORGA753116SM9IJ",  # tail of a longer code
        "Licence MORGA753116SM9IJK",  # head of a longer code
        "Licence MORGA753116SM9IJ-2",
    ],
)
def test_near_misses_are_not_found(text: str) -> None:
    assert licences(text, min_score=0.0) == []


def test_acts_alone_and_context_raises() -> None:
    (alone,) = [e for e in detect(SPECIMEN) if e.type is EntityType.UK_DRIVING_LICENCE]
    assert ACT <= alone.score < HIGH
    assert alone.explanation.checksum == "passed"
    (raised,) = [
        e
        for e in detect(f"DVLA licence number {SPECIMEN}")
        if e.type is EntityType.UK_DRIVING_LICENCE
    ]
    assert raised.score >= HIGH
    assert "licence number" in raised.explanation.raised_by


def test_lower_case_needs_context() -> None:
    assert licences(SPECIMEN.lower()) == []
    assert licences(SPECIMEN.lower(), min_score=0.0) == [SPECIMEN.lower()]


@pytest.mark.parametrize(
    "text", [f"Order {SPECIMEN} dispatched", f"Part no {SPECIMEN}", f"Serial {spaced(SPECIMEN)}"]
)
def test_contradicting_context_drops_below_the_threshold(text: str) -> None:
    assert licences(text) == []
    assert len(licences(text, min_score=0.0)) == 1


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("MORGA 753116 SM9IJ", "***** ****** *M9IJ"),
        ("MORGA753116SM9IJ", "************M9IJ"),
        ("MORGA753116SM9IJ 35", "**************IJ 35"),
    ],
)
def test_mask_keeps_the_last_four_and_the_spaces(text: str, masked: str) -> None:
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_DRIVING_LICENCE]
    assert mask(entity, text) == masked


def test_birth_fields() -> None:
    assert birth_fields_ok("02", "29") and birth_fields_ok("52", "29")
    assert not birth_fields_ok("02", "30") and not birth_fields_ok("11", "31")
    assert birth_fields_ok("62", "31") and not birth_fields_ok("50", "01")


letters = st.sampled_from(string.ascii_uppercase)


@st.composite
def valid_licences(draw: st.DrawFn) -> str:
    surname = "".join(draw(st.lists(letters, min_size=1, max_size=5))).ljust(5, "9")
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=DAYS[month - 1]))
    month += 50 if draw(st.booleans()) else 0
    decade, year = draw(st.integers(0, 9)), draw(st.integers(0, 9))
    initials = draw(letters) + (draw(letters) if draw(st.booleans()) else "9")
    check = draw(letters) + draw(letters)
    return f"{surname}{decade}{month:02d}{day:02d}{year}{initials}{draw(st.integers(0, 9))}{check}"


@given(valid_licences(), st.booleans())
def test_every_valid_number_is_found(value: str, space: bool) -> None:
    shown = spaced(value) if space else value
    assert licences(f"Driving licence {shown} checked") == [shown]
    assert licences(f"Copy {shown} checked") == [shown]
    assert licences(f"Driving licence {shown.lower()} checked") == [shown.lower()]


@given(valid_licences())
def test_a_wrapped_number_is_found(value: str) -> None:
    wrapped = f"{value[:5]} {value[5:11]}\n{value[11:]}"
    assert licences(f"Driving licence\n{wrapped}\nchecked") == [wrapped]


@given(valid_licences(), st.integers(min_value=0, max_value=99))
def test_every_impossible_birth_date_is_dropped(value: str, day: int) -> None:
    month = int(value[6:8]) % 50
    if 1 <= day <= DAYS[month - 1]:
        return
    mutated = f"{value[:8]}{day:02d}{value[10:]}"
    assert licences(f"Driving licence {mutated}", min_score=0.0) == []


@given(valid_licences(), st.booleans())
def test_mask_never_contains_the_raw_value(value: str, space: bool) -> None:
    text = f"Driving licence {spaced(value) if space else value}"
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_DRIVING_LICENCE]
    masked = mask(entity, text)
    assert value not in masked.replace(" ", "")
    assert value[:5] not in masked
    assert masked.replace(" ", "").endswith(value[-4:])


SINGLE = Detectors([DETECTOR])
SINGLE_RE = Detectors([DETECTOR], use_hyperscan=False)


@given(
    st.lists(
        st.one_of(
            valid_licences().map(spaced),
            valid_licences(),
            st.text(alphabet="MORGA9753116SIJmorga \n-\u00a0", max_size=20),
        ),
        max_size=4,
    ).map(" ".join)
)
def test_the_prefilter_proposes_every_exact_match(text: str) -> None:
    assert_prefilter_proposes_every_exact_match(DETECTOR.patterns[0], text)


@given(valid_licences(), st.booleans())
def test_both_scan_engines_agree(value: str, space: bool) -> None:
    text = f"Licence {spaced(value) if space else value}, checked"
    assert SINGLE.detect(text, min_score=0.0) == SINGLE_RE.detect(text, min_score=0.0)

"""UK_NINO: spacing, wrapping, case, every prefix rule, near misses, context, masks, and
properties over generated numbers.

Values are generated; the prefixes come from HMRC's rules, the digits are arbitrary.
"""

from __future__ import annotations

import itertools
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.scoring import ACT, HIGH
from mailwarden.detectors.uk.nino import DETECTOR, nino_prefix_ok

from ..scan_checks import assert_prefilter_proposes_every_exact_match

NEVER_FIRST = set("DFIQUV")
NEVER_SECOND = set("DFIOQUV")
NEVER_PAIRS = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
ALL_PAIRS = ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2)]
VALID_PREFIXES = [
    p
    for p in ALL_PAIRS
    if p[0] not in NEVER_FIRST and p[1] not in NEVER_SECOND and p not in NEVER_PAIRS
]
INVALID_PREFIXES = sorted(set(ALL_PAIRS) - set(VALID_PREFIXES))


def ninos(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.UK_NINO
    ]


def spaced(value: str) -> str:
    return f"{value[:2]} {value[2:4]} {value[4:6]} {value[6:8]} {value[8]}"


def test_prefix_rules_match_hmrc() -> None:
    assert len(VALID_PREFIXES) == 20 * 19 - 7  # the seven never-issued pairs use allowed letters
    assert all(nino_prefix_ok(p) for p in VALID_PREFIXES)
    assert not any(nino_prefix_ok(p) for p in INVALID_PREFIXES)
    assert not nino_prefix_ok("QQ")  # HMRC's own example prefix


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NI number: AB 12 34 56 C", "AB 12 34 56 C"),
        ("AB123456C", "AB123456C"),
        ("Her NINO is JG103759A.", "JG103759A"),
        ("AB 123456 C", "AB 123456 C"),
        ("AB-12-34-56-C", "AB-12-34-56-C"),
        ("AB\u00a012\u00a034\u00a056\u00a0C", "AB\u00a012\u00a034\u00a056\u00a0C"),
        ("(AB 12 34 56 D)", "AB 12 34 56 D"),
        ("national insurance no.: AB123456B", "AB123456B"),
        ("NI no AB 12 34\n56 C please", "AB 12 34\n56 C"),
        ("NI no AB 12 34 \r\n   56 C please", "AB 12 34 \r\n   56 C"),
        ("NI number ab123456c", "ab123456c"),  # lower case, with context
        ("national insurance Ab 12 34 56 c", "Ab 12 34 56 c"),  # mixed case, with context
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert ninos(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "NI number QQ 12 34 56 C",  # HMRC's example: Q never first or second
        "NI number DA123456C",  # D never first
        "NI number AO123456C",  # O never second
        "NI number GB123456C",  # never issued
        "NI number TN123456C",  # temporary, never issued
        "NI number ZZ123456C",
        "NI number AB123456E",  # suffix beyond D
        "NI number AB12345C",  # five digits
        "NI number AB1234567C",  # seven digits
        "NI number XAB123456C",  # tail of a longer code
        "NI number AB123456CD",  # head of a longer code
        "NI number AB123456C1",
        "NI number REF-AB123456C",  # after a dash
        "NI number A1B23456C",
    ],
)
def test_near_misses_are_not_found(text: str) -> None:
    assert ninos(text, min_score=0.0) == []


def test_capitals_act_alone_and_context_raises() -> None:
    (alone,) = [e for e in detect("AB123456C") if e.type is EntityType.UK_NINO]
    assert ACT <= alone.score < HIGH
    assert alone.explanation.checksum == "passed"
    (raised,) = [e for e in detect("NI number AB123456C") if e.type is EntityType.UK_NINO]
    assert raised.score >= HIGH
    assert "ni number" in raised.explanation.raised_by


def test_lower_case_needs_context() -> None:
    assert ninos("ab123456c") == []
    assert ninos("ab123456c", min_score=0.0) == ["ab123456c"]
    assert ninos("Nino: ab123456c") == ["ab123456c"]


@pytest.mark.parametrize(
    "text",
    ["Part no AB123456C", "Order AB123456C arrived", "Serial AB 12 34 56 C", "SKU AB123456A"],
)
def test_contradicting_context_drops_below_the_threshold(text: str) -> None:
    assert ninos(text) == []
    assert len(ninos(text, min_score=0.0)) == 1


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("AB 12 34 56 C", "** ** *4 56 C"),
        ("AB123456C", "*****456C"),
        ("AB-12-34-56-C", "**-**-*4-56-C"),
    ],
)
def test_mask_keeps_the_last_four_and_the_separators(text: str, masked: str) -> None:
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_NINO]
    assert mask(entity, text) == masked


valid_ninos = st.builds(
    lambda prefix, digits, suffix: prefix + digits + suffix,
    st.sampled_from(VALID_PREFIXES),
    st.text(alphabet=string.digits, min_size=6, max_size=6),
    st.sampled_from("ABCD"),
)


@given(valid_ninos, st.booleans(), st.booleans())
def test_every_valid_number_is_found(value: str, space: bool, lower: bool) -> None:
    shown = spaced(value) if space else value
    shown = shown.lower() if lower else shown
    assert ninos(f"NI number {shown} on file") == [shown]
    if not lower:
        assert ninos(f"Applicant {shown} on file") == [shown]


@given(valid_ninos)
def test_a_wrapped_number_is_found(value: str) -> None:
    wrapped = f"{value[:2]} {value[2:4]} {value[4:6]}\n{value[6:8]} {value[8]}"
    assert ninos(f"NI number\n{wrapped}\nThanks") == [wrapped]


@given(st.sampled_from(INVALID_PREFIXES), st.text(alphabet=string.digits, min_size=6, max_size=6))
def test_every_invalid_prefix_is_dropped(prefix: str, digits: str) -> None:
    value = prefix + digits + "A"
    assert ninos(f"NI number {spaced(value)}", min_score=0.0) == []
    assert ninos(f"NI number {value}", min_score=0.0) == []


@given(valid_ninos, st.sampled_from("EFGHXZ"))
def test_every_invalid_suffix_is_dropped(value: str, suffix: str) -> None:
    assert ninos(f"NI number {value[:8]}{suffix}", min_score=0.0) == []


@given(valid_ninos, st.booleans())
def test_mask_never_contains_the_raw_value(value: str, space: bool) -> None:
    text = f"NI number {spaced(value) if space else value}"
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_NINO]
    masked = mask(entity, text)
    assert value not in masked.replace(" ", "")
    assert value[:2] not in masked
    assert masked.replace(" ", "").endswith(value[-4:])


SINGLE = Detectors([DETECTOR])
SINGLE_RE = Detectors([DETECTOR], use_hyperscan=False)


@given(
    st.lists(
        st.one_of(
            valid_ninos.map(spaced),
            valid_ninos,
            st.text(alphabet="ABJGQZabc0123456789 -\n\u00a0\u2013.", max_size=16),
        ),
        max_size=4,
    ).map(" ".join)
)
def test_the_prefilter_proposes_every_exact_match(text: str) -> None:
    assert_prefilter_proposes_every_exact_match(DETECTOR.patterns[0], text)


@given(valid_ninos, st.booleans())
def test_both_scan_engines_agree(value: str, space: bool) -> None:
    text = f"NINO {spaced(value) if space else value}, see file"
    assert SINGLE.detect(text, min_score=0.0) == SINGLE_RE.detect(text, min_score=0.0)

"""UK_POSTCODE: every outward form, spacing, case and context, near misses, masks, and
properties over postcodes generated from the grammar.

Postcodes here are generated or are well-known non-residential examples.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.uk.postcode import DETECTOR, is_postcode


def postcodes(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.UK_POSTCODE
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Send it to NR1 9ZZ please", "NR1 9ZZ"),  # A9
        ("Post to M1 1AE.", "M1 1AE"),  # A9
        ("B33 8TH", "B33 8TH"),  # A99
        ("Croydon CR2 6XH", "CR2 6XH"),  # AA9
        ("Doncaster DN55 1PT", "DN55 1PT"),  # AA99
        ("London W1A 0AX", "W1A 0AX"),  # A9A
        ("London EC1A 1BB", "EC1A 1BB"),  # AA9A
        ("SW1A 1AA", "SW1A 1AA"),
        ("NR19ZZ", "NR19ZZ"),  # no space
        ("NR1  9ZZ", "NR1  9ZZ"),  # two spaces
        ("NR1\u00a09ZZ", "NR1\u00a09ZZ"),  # no-break space
        ("(NR1 9ZZ)", "NR1 9ZZ"),
        ("Norwich, NR1 9ZZ, UK", "NR1 9ZZ"),
        ("GIR 0AA", "GIR 0AA"),
        ("Ascension Island ASCN 1ZZ", "ASCN 1ZZ"),
        ("postcode: nr1 9zz", "nr1 9zz"),  # lower case with context
        ("Post code Nr1 9zZ", "Nr1 9zZ"),  # mixed case with context
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert postcodes(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "QR1 9ZZ",  # Q never first
        "VX1 9ZZ",  # V never first
        "NI1 9ZZ",  # I never second
        "NR1 9ZC",  # C never in the inward code
        "NR1 9IZ",  # I never in the inward code
        "NR1 9ZK",
        "NR1 9MZ",
        "NR1 9OZ",
        "NR1 9VZ",
        "W1I 0AX",  # I not allowed after A9
        "EC1Z 1BB",  # Z not allowed after AA9
        "NR123 9ZZ",  # outward too long
        "NR1 99ZZ",  # inward too long
        "NR1 9Z",  # inward too short
        "GIR 0AB",  # GIR only with 0AA
        "ASCN 2ZZ",
        "nr1 9zz",  # lower case, no context
        "on the 3rd floor",
        "ABNR1 9ZZ",  # tail of a longer code
        "NR1 9ZZX",
        "part-NR1 9ZZ",
        "Ref NR1 9ZZ",  # contradicted
        "Order number NR19ZZ",
    ],
)
def test_near_misses_are_not_acted_on(text: str) -> None:
    assert postcodes(text) == []


def test_lower_case_is_reported_below_the_threshold_without_context() -> None:
    assert postcodes("nr1 9zz", min_score=0.0) == ["nr1 9zz"]


def test_unspaced_scores_below_spaced() -> None:
    (spaced,) = detect("NR1 9ZZ")
    (unspaced,) = detect("NR19ZZ")
    assert unspaced.score < spaced.score
    assert unspaced.score >= 0.6


def test_context_raises_and_is_explained() -> None:
    (entity,) = detect("Home postcode NR1 9ZZ")
    assert "postcode" in entity.explanation.raised_by
    assert entity.score >= 0.85
    assert entity.explanation.checksum is None


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("NR1 9ZZ", "NR1 ***"),
        ("NR19ZZ", "NR1 ***"),
        ("EC1A 1BB", "EC1A ***"),
        ("postcode sw1a 1aa", "SW1A ***"),
    ],
)
def test_mask_keeps_the_outward_code(text: str, masked: str) -> None:
    (entity,) = detect(text)
    assert mask(entity, text) == masked


def test_prefilter_finds_what_the_exact_pattern_finds() -> None:
    text = "NR1 9ZZ, nr1 9zz; EC1A1BB (W1A  0AX) GIR 0AA and 3rd M1\u00a01AE"
    fast = Detectors([DETECTOR]).detect(text, min_score=0.0)
    slow = Detectors([DETECTOR], use_hyperscan=False).detect(text, min_score=0.0)
    assert fast == slow
    assert len(fast) == 6


AREA_FIRST = "ABCDEFGHIJKLMNOPRSTUWYZ"
AREA_SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"
A9A_LETTER = "ABCDEFGHJKPSTUW"
AA9A_LETTER = "ABEHMNPRVWXY"
UNIT = "ABDEFGHJLNPQRSTUWXYZ"
digit = st.sampled_from("0123456789")
outward = st.one_of(
    st.tuples(st.sampled_from(AREA_FIRST), digit),
    st.tuples(st.sampled_from(AREA_FIRST), digit, digit),
    st.tuples(st.sampled_from(AREA_FIRST), st.sampled_from(AREA_SECOND), digit),
    st.tuples(st.sampled_from(AREA_FIRST), st.sampled_from(AREA_SECOND), digit, digit),
    st.tuples(st.sampled_from(AREA_FIRST), digit, st.sampled_from(A9A_LETTER)),
    st.tuples(
        st.sampled_from(AREA_FIRST),
        st.sampled_from(AREA_SECOND),
        digit,
        st.sampled_from(AA9A_LETTER),
    ),
).map("".join)
inward = st.tuples(digit, st.sampled_from(UNIT), st.sampled_from(UNIT)).map("".join)
valid_postcodes = st.builds(lambda o, i: f"{o} {i}", outward, inward).filter(
    lambda p: not p.startswith("GIR")
)


@given(valid_postcodes)
def test_every_generated_postcode_is_found(postcode: str) -> None:
    assert is_postcode(postcode)
    assert postcodes(f"Please write to us at {postcode} soon.") == [postcode]
    compact = postcode.replace(" ", "")
    assert postcodes(f"Deliver to {compact}") == [compact]


@given(valid_postcodes)
def test_lower_case_generated_postcode_needs_context(postcode: str) -> None:
    lower = postcode.lower()
    assert postcodes(f"Something {lower} else") == []
    assert postcodes(f"My postcode is {lower}") == [lower]


@given(valid_postcodes, st.sampled_from("CIKMOV"), st.integers(min_value=1, max_value=2))
def test_inward_with_a_forbidden_letter_is_never_found(
    postcode: str, bad: str, position: int
) -> None:
    chars = list(postcode)
    chars[len(chars) - 3 + position] = bad
    mutated = "".join(chars)
    assert postcodes(f"Write to {mutated}", min_score=0.0) == []


@given(valid_postcodes)
def test_mask_never_contains_the_inward_code(postcode: str) -> None:
    text = f"Address: {postcode}"
    for entity in detect(text):
        masked = mask(entity, text)
        assert masked.endswith("***")
        assert postcode.replace(" ", "") not in masked.replace(" ", "")

"""STREET_ADDRESS: one-line and envelope-style blocks, house numbers and names, where the
block ends, bare streets, context, the postcode overlap, masks, and properties over
generated addresses. Streets and towns are common names; postcodes are generated shapes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.uk.street_address import DETECTOR


def addresses(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.STREET_ADDRESS
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 Elm Road", "12 Elm Road"),
        ("She lives at 12 Elm Road.", "12 Elm Road"),
        ("12a High St, Bury St Edmunds", "12a High St, Bury St Edmunds"),
        ("12-14 St Mary's Road", "12-14 St Mary's Road"),
        ("12 The Avenue", "12 The Avenue"),
        ("12, Elm Road", "12, Elm Road"),
        ("Flat 3, 12 Elm Road", "Flat 3, 12 Elm Road"),
        ("Apartment 4B, 7 Old Kent Road", "Apartment 4B, 7 Old Kent Road"),
        ("12 ELM ROAD", "12 ELM ROAD"),
        ("Rose Cottage, Elm Lane", "Rose Cottage, Elm Lane"),  # house name, no number
        ("Nelson House\n12 Elm Road", "Nelson House\n12 Elm Road"),
        (
            "Flat 3, 12 Elm Road\nNorwich\nNR1 9ZZ",  # envelope style
            "Flat 3, 12 Elm Road\nNorwich\nNR1 9ZZ",
        ),
        (
            "Send it to 12 Elm Road, Norwich, Norfolk NR1 9ZZ. Thanks",
            "12 Elm Road, Norwich, Norfolk NR1 9ZZ",
        ),
        (
            "12-14 St Mary's Road, Newcastle upon Tyne NE1 1AA, UK",
            "12-14 St Mary's Road, Newcastle upon Tyne NE1 1AA, UK",
        ),
        ("12 ELM ROAD\nNORWICH\nNR1 9ZZ", "12 ELM ROAD\nNORWICH\nNR1 9ZZ"),
        ("10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA"),
        ("12 Elm Road NR1 9ZZ", "12 Elm Road NR1 9ZZ"),
        ("12 Elm\n  Road, Norwich", "12 Elm\n  Road, Norwich"),  # wrapped
        (
            "Flat 3, Rose Cottage, 12 Elm Road, Norwich NR1 9ZZ",
            "Flat 3, Rose Cottage, 12 Elm Road, Norwich NR1 9ZZ",
        ),
        ("Address: Elm Road, Norwich NR1 9ZZ", "Elm Road, Norwich NR1 9ZZ"),
        ("2 Chapel Loke, Norwich", "2 Chapel Loke, Norwich"),
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert addresses(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 Elm Road\n\nKind regards\nJo", "12 Elm Road"),
        ("12 Elm Road\nKind regards", "12 Elm Road"),
        ("12 Elm Road, Norwich is lovely", "12 Elm Road"),
        ("12 Elm Road\nTel: 01632 960123", "12 Elm Road"),
        ("12 Elm Road. Please call", "12 Elm Road"),
        ("12 Elm Road, Norwich.\nThe meeting", "12 Elm Road, Norwich"),
    ],
)
def test_the_block_ends_where_the_address_does(text: str, value: str) -> None:
    assert addresses(text) == [value]


def test_two_addresses_in_one_sentence() -> None:
    assert addresses("12 Elm Road and 14 Oak Lane") == ["12 Elm Road", "14 Oak Lane"]


@pytest.mark.parametrize(
    "text",
    [
        "Elm Road is closed",  # a place
        "We took Elm Road to the station",
        "In 2019 Church Street was busy",  # a year, not a house number
        "the 12 elm road trees",  # not capitalised
        "12 Elm Roads",  # not a street type
        "The Way forward",
        "Road closure: 12 Elm Road",  # contradicted
    ],
)
def test_not_acted_on(text: str) -> None:
    assert addresses(text) == []


def test_bare_street_is_a_place() -> None:
    assert addresses("We took Elm Road to the station", min_score=0.0) == []
    assert addresses("The Way forward", min_score=0.0) == []
    assert addresses("Elm Road, Norwich NR1 9ZZ", min_score=0.0) == []
    assert [e.type for e in detect("Elm Road, Norwich NR1 9ZZ")] == [EntityType.UK_POSTCODE]
    (entity,) = detect("His address: Elm Road, Norwich")
    assert entity.score == 0.65
    assert entity.explanation.pattern == "street name only"


def test_scores() -> None:
    (numbered,) = detect("12 Elm Road")
    (named,) = detect("Rose Cottage, Elm Lane")
    (with_postcode, _) = detect("12 Elm Road, Norwich NR1 9ZZ")  # the block, then its postcode
    (raised, _) = detect("Her home address is 12 Elm Road, Norwich NR1 9ZZ")
    assert numbered.score == 0.7
    assert named.score == 0.65
    assert with_postcode.score == 0.9
    assert raised.score == 1.0
    assert "home address" in raised.explanation.raised_by
    assert "postcode" in with_postcode.explanation.note


def test_the_block_outranks_its_own_postcode_which_is_reported_inside_it() -> None:
    text = "Flat 3, 12 Elm Road\nNorwich\nNR1 9ZZ"
    assert [e.type for e in detect(text)] == [EntityType.STREET_ADDRESS, EntityType.UK_POSTCODE]
    text = "Address: Elm Road, Norwich NR1 9ZZ"
    assert [e.type for e in detect(text)] == [EntityType.STREET_ADDRESS, EntityType.UK_POSTCODE]


def test_mask_hides_the_whole_block() -> None:
    text = "Flat 3, 12 Elm Road\nNorwich\nNR1 9ZZ"
    block, postcode = detect(text)
    assert mask(block, text) == "[address]"
    assert mask(postcode, text) == "NR1 ***"


def test_prefilter_finds_what_the_exact_pattern_finds() -> None:
    text = (
        "Flat 3, 12 Elm Road\nNorwich\nNR1 9ZZ\n\nRose Cottage, Elm Lane, Diss and "
        "14 Oak Lane; 7 ST MARY\u2019S ROAD, Elm Road NR2 1AA. Address: Mill Lane"
    )
    fast = Detectors([DETECTOR]).detect(text, min_score=0.0)
    slow = Detectors([DETECTOR], use_hyperscan=False).detect(text, min_score=0.0)
    assert fast == slow
    assert len(fast) == 5


names = st.sampled_from(["Elm", "Oak", "Church", "Station", "Mill", "St Mary's", "Old Kent"])
types = st.sampled_from(["Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent"])
towns = st.sampled_from(["Norwich", "King's Lynn", "Great Yarmouth", "Stratford-upon-Avon"])
numbers = st.builds(
    lambda n, letter: f"{n}{letter}",
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["", "a", "B"]),
)
postcodes = st.sampled_from(["NR1 9ZZ", "SW1A 1AA", "IP33 1AB", "NE1 1AA", "M1 1AE"])
separators = st.sampled_from([", ", "\n", ",\n"])


@given(st.tuples(numbers, names, types), towns, postcodes, separators)
def test_every_generated_address_block_is_found_whole(
    street: tuple[str, str, str], town: str, postcode: str, sep: str
) -> None:
    number, name, kind = street
    block = f"{number} {name} {kind}{sep}{town}{sep}{postcode}"
    assert addresses(f"Please write to:\n{block}\n\nKind regards") == [block]


@given(numbers, names, types)
def test_mask_never_contains_the_raw_value(number: str, name: str, kind: str) -> None:
    text = f"Lives at {number} {name} {kind}"
    (entity,) = detect(text)
    assert mask(entity, text) == "[address]"


def test_the_postcode_of_an_address_block_is_also_reported() -> None:
    from mailwarden.detectors import EntityType, detect

    text = "The tenant lives at 12 Elm Road, Norwich NR1 9ZZ."
    found = {(e.type, text[e.start : e.end]) for e in detect(text)}
    assert (EntityType.STREET_ADDRESS, "12 Elm Road, Norwich NR1 9ZZ") in found
    assert (EntityType.UK_POSTCODE, "NR1 9ZZ") in found

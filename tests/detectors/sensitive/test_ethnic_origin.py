"""ETHNIC_ORIGIN: a person's ethnic group or national origin; not restaurants or events."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on

ETHNIC = EntityType.ETHNIC_ORIGIN


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The family are Irish Travellers.", "Irish Travellers"),
        ("She is of Pakistani heritage.", "Pakistani"),
        ("Her ethnicity is recorded on the referral.", "ethnicity"),
        ("His ethnic origin is given as White British.", "ethnic origin"),
        ("The client is Polish and needs an interpreter.", "Polish"),
        ("He describes himself as mixed race.", "mixed race"),
        ("The tenant is a Gypsy and wants a pitch.", "Gypsy"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, ETHNIC, span)


@pytest.mark.parametrize(
    "text",
    [
        "The Chinese takeaway on the high street has applied for a new licence.",
        "Her favourite is the Indian restaurant on Elm Road.",
        "Please polish the floors before the inspection.",
        "Race equality scheme consultation closes on Friday.",
        "Chinese New Year celebration in the market place.",
        "The Polish shop on Mill Lane wants a late licence.",
        "He came first in the race on Sunday.",
    ],
)
def test_businesses_and_events_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, ETHNIC)

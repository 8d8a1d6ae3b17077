"""RELIGION: a person's religion or belief, or practice that shows it; not charities, schools,
venues or names."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on

RELIGION = EntityType.RELIGION


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("She is a practising Muslim.", "Muslim"),
        ("Mr Cohen is Jewish and does not work on Saturdays.", "Jewish"),
        ("He is a Jehovah's Witness and refuses blood transfusions.", "Jehovah's Witness"),
        ("Her son attends the mosque on Fridays.", "attends the mosque"),
        ("The resident is a Sikh and wears a turban.", "Sikh"),
        ("I am an atheist.", "atheist"),
        ("Their family are Catholic.", "Catholic"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, RELIGION, span)


@pytest.mark.parametrize(
    "text",
    [
        "Christian Aid collection",
        "Christian Aid week collection volunteers can pick up envelopes from reception.",
        "St Mary's Catholic Primary School admissions close on Friday.",
        "Her son goes to the Catholic school on Elm Road.",
        "Christian Smith will chair the meeting.",
        "Ramadan opening hours for the leisure centre.",
        "The Church of England school has asked for a new crossing.",
        "The interfaith forum meets at the Hindu temple hall.",
        "Her Christian name is spelt wrongly on the form.",
        "The family want a halal option at the community lunch.",
    ],
)
def test_charities_schools_and_names_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, RELIGION)

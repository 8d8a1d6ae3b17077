"""HEALTH: conditions, treatment, disability and care needs about a person; not services,
strategies or schemes."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on

HEALTH = EntityType.HEALTH


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "her son was sectioned under the Mental Health Act last week",
            "sectioned under the Mental Health Act",
        ),
        ("She has type 2 diabetes and struggles with the stairs.", "type 2 diabetes"),
        ("I'm diabetic and need a ground floor flat.", "diabetic"),
        ("Mrs Jones was diagnosed with dementia in May.", "diagnosed with dementia"),
        ("The tenant told me he is on methadone.", "methadone"),
        ("Her daughter is pregnant and due in March.", "pregnant"),
        ("Their son has autism and is waiting for a school place.", "autism"),
        ("The client has a history of self-harm.", "self-harm"),
        ("He was admitted to hospital on Friday night.", "admitted to hospital"),
        ("Please find attached his GP letter about the stairs.", "GP letter"),
        ("Her mental health has deteriorated since the eviction notice.", "mental health"),
        ("My wife is a wheelchair user.", "wheelchair user"),
        ("She suffers from bipolar disorder.", "suffers from bipolar disorder"),
        ("The resident was prescribed sertraline last month.", "sertraline"),
        ("His care plan was reviewed on Tuesday.", "care plan"),
        ("Her Blue Badge expired in June.", "Blue Badge"),
        ("The patient had a stroke in 2019.", "had a stroke"),
        ("He is HIV positive and worried about the neighbours knowing.", "HIV positive"),
        ("She was being treated for cancer at the time.", "being treated for cancer"),
        ("Their daughter has Down's syndrome.", "Down's syndrome"),
        ("Their daughter has Downs syndrome.", "Downs syndrome"),
        ("He says he self harms when things get bad.", "self harms"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, HEALTH, span)


@pytest.mark.parametrize(
    "text",
    [
        "Mental Health Strategy 2025",
        "The council's mental health strategy was approved by cabinet.",
        "She sent me the Mental Health Strategy 2025 consultation.",
        "Cancer Research UK fun run on Saturday.",
        "Blue Badge applications are now processed online.",
        "Please complete the disability access audit for the library.",
        "The prescribed form must be returned within 28 days.",
        "Disabled parking bays will be repainted next week.",
        "Dementia Friends training for all staff is on the learning hub.",
        "World Mental Health Day events in the library.",
        "The mental health team will send their newsletter on Friday.",
        "He had a stroke of luck with the parking permit.",
        "She manages the occupational health contract for the council.",
        "Care plan templates are on the intranet.",
        "His presentation on dementia-friendly communities went well.",
        "He was sectioned off from the rest of the open-plan office.",
        "He suffers from a lack of time.",
        "Her diagnosis of the problem with the boiler was correct.",
        "She works in the Cancer Services team.",
        "Pregnant women should book the early appointment.",
    ],
)
def test_services_and_policies_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, HEALTH)


def test_a_strong_term_with_a_person_survives_a_service_nearby() -> None:
    assert_fires("Her son is known to the crisis team for his psychosis.", HEALTH, "psychosis")

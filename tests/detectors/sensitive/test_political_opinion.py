"""POLITICAL_OPINION: a person's party membership, votes and views; not councillors' public
parties or the labour market."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on, found

POLITICAL = EntityType.POLITICAL_OPINION


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("He is a member of the Labour Party.", "member of the Labour Party"),
        ("My neighbour's political views are well known.", "political views"),
        ("She voted Leave and told everyone.", "voted Leave"),
        ("The applicant is a Reform UK supporter.", "Reform UK"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, POLITICAL, span)


def test_party_membership_is_acted_on() -> None:
    assert found("The employee is a Conservative party member.", POLITICAL)


@pytest.mark.parametrize(
    "text",
    [
        "Labour Market statistics",
        "The latest Labour Market statistics show a fall in vacancies.",
        "Cllr Smith (Labour) asked about the bus route.",
        "The Labour group will meet before full council.",
        "He gave a conservative estimate of the cost.",
        "Agency labour costs rose this quarter.",
        "The Green Party candidate for the ward has asked for a meeting.",
    ],
)
def test_public_office_and_markets_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, POLITICAL)

"""TRADE_UNION: a person's union membership or representation; not the union as an
organisation, flags or the verb "unite"."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on

UNION = EntityType.TRADE_UNION


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Mr X is a member of Unison", "member of Unison"),
        ("She will be accompanied by her union rep.", "union rep"),
        ("I am a GMB member.", "GMB member"),
        ("He has been a trade union member for 20 years.", "trade union member"),
        ("The employee's Unite rep has asked for the notes.", "Unite rep"),
        ("Her RCN representative will attend the hearing.", "RCN representative"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, UNION, span)


@pytest.mark.parametrize(
    "text",
    [
        "Unite the Union conference venue booking",
        "The union flag will fly at half mast.",
        "We sang in unison at the carol service.",
        "Trade union recognition agreement review.",
        "Unison have submitted a pay claim for next year.",
        "Please unite behind the new plan.",
        "The United Kingdom Shared Prosperity Fund bid.",
    ],
)
def test_the_union_as_an_organisation_is_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, UNION)

"""SEXUAL_ORIENTATION: a person's orientation, sex life or gender identity; not networks or
events."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on

ORIENTATION = EntityType.SEXUAL_ORIENTATION


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("He told me he is gay.", "gay"),
        ("Her same-sex partner will attend the review.", "same-sex partner"),
        ("The pupil came out as transgender last term.", "came out as transgender"),
        ("She is a lesbian and lives with her partner.", "lesbian"),
        ("The client's sexual orientation is recorded on the file.", "sexual orientation"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, ORIENTATION, span)


@pytest.mark.parametrize(
    "text",
    [
        "The LGBT staff network meets on Thursday.",
        "Sexual orientation monitoring questions for the staff survey.",
        "Marvin Gaye tribute night at the civic hall.",
        "Her team is organising the LGBTQ history month exhibition.",
    ],
)
def test_networks_and_events_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, ORIENTATION)

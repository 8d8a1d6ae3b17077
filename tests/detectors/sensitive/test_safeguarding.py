"""SAFEGUARDING: abuse, neglect, exploitation and the statutory processes about a child or
adult; not training, policies or the teams that run them."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on

SAFEGUARDING = EntityType.SAFEGUARDING


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("the client disclosed domestic abuse", "domestic abuse"),
        ("Their daughter is subject to a child protection plan.", "child protection plan"),
        ("He is a looked-after child placed out of county.", "looked-after child"),
        ("A section 47 enquiry was opened for her son.", "section 47 enquiry"),
        ("We made a MASH referral for the boy on Monday.", "MASH referral"),
        ("The mother is known to MARAC.", "MARAC"),
        ("Her son is at risk of significant harm.", "at risk of significant harm"),
        ("She was the victim of coercive control for years.", "coercive control"),
        ("There are concerns that the child is being neglected.", "being neglected"),
        ("Mrs Smith is an adult at risk and lives alone.", "adult at risk"),
        ("A DoLS authorisation is in place for her.", "DoLS"),
        ("Safeguarding concern raised about Mr Brown.", "Safeguarding concern"),
        ("He is LAC and the review is next week.", "LAC"),
        ("The girl was referred because of FGM concerns.", "FGM"),
        ("Her son has been groomed online.", "groomed"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, SAFEGUARDING, span)


@pytest.mark.parametrize(
    "text",
    [
        "Safeguarding training for all staff who work with children is now on the learning hub.",
        "The Domestic Abuse Act 2021 places new duties on the council.",
        "Please read the child protection policy before the visit.",
        "The Local Safeguarding Children Partnership annual report is attached.",
        "She leads the domestic abuse team.",
        "He is the designated safeguarding lead for the school.",
        "Dog grooming parlour planning application.",
        "The black lace curtains in the place are neglected.",
        "Domestic abuse awareness campaign posters for the libraries.",
        "Her neglect of her duties was raised at the disciplinary.",
        "He adopted a more positive approach to the work.",
        "Her report on domestic abuse services is attached.",
    ],
)
def test_services_and_policies_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, SAFEGUARDING)

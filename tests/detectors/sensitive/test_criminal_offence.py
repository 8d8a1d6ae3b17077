"""CRIMINAL_OFFENCE: arrests, charges, convictions and sentences of a person; not places,
HR probation periods or crime-reduction work."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on

CRIMINAL = EntityType.CRIMINAL_OFFENCE


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The tenant was arrested on Friday.", "arrested"),
        ("He has an unspent conviction for burglary.", "unspent conviction"),
        ("Her partner was remanded in custody.", "remanded in custody"),
        ("The applicant disclosed a criminal record.", "criminal record"),
        ("Mr Patel is currently in prison.", "in prison"),
        ("She was charged with assault after the incident.", "charged with assault"),
        ("He is on probation until 2026.", "on probation"),
        ("The young person was given a police caution.", "police caution"),
        ("Their son is on bail until the hearing.", "on bail"),
        ("A restraining order was made against her ex-partner.", "restraining order"),
        ("He was released from prison last month.", "released from prison"),
        ("The resident has an ASBO.", "ASBO"),
        ("He has a conviction for theft from 2019.", "conviction for theft"),
        ("The applicant declared previous convictions.", "previous convictions"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, CRIMINAL, span)


@pytest.mark.parametrize(
    "text",
    [
        "The prison on the A11 is closed to visitors this weekend.",
        "He says the prison on the A11 is closed to visitors.",
        "Please treat these figures with caution.",
        "Staff on their probation period must complete the induction.",
        "She completed her probation review in March.",
        "Cardiac arrest training is on Tuesday.",
        "A DBS check is required for this post.",
        "The crime reduction partnership meets in the town hall.",
        "Youth offending statistics for the last quarter are attached.",
        "His conviction that the plan will work is admirable.",
        "She has a strong conviction about fairness.",
        "She was charged with leading the project.",
        "She asked whether the prison visits centre is open on Sunday.",
    ],
)
def test_places_and_hr_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, CRIMINAL)

"""GENETIC_BIOMETRIC: a person's genetic data or biometrics; not device log-ins, cameras or
"did not attend"."""

from __future__ import annotations

import pytest

from mailwarden.detectors import EntityType

from .helpers import assert_fires, assert_not_acted_on

GENETIC = EntityType.GENETIC_BIOMETRIC


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("A DNA test confirmed the father.", "DNA test"),
        ("Her fingerprints were taken at the police station.", "fingerprints"),
        ("The child's paternity test results arrived today.", "paternity test"),
        ("He has a genetic condition that affects his kidneys.", "genetic condition"),
    ],
)
def test_about_a_person_is_acted_on(text: str, span: str) -> None:
    assert_fires(text, GENETIC, span)


@pytest.mark.parametrize(
    "text",
    [
        "Use your fingerprint to unlock the laptop.",
        "Facial recognition cameras in the town centre.",
        "Public service is in our DNA.",
        "The patient did not attend, DNA recorded.",
        "Biometric data guidance for schools.",
    ],
)
def test_devices_and_systems_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(text, GENETIC)

"""Signal 5, salutation mismatch ("Dear Sarah" to john.patel@…) and greetings that never fire."""

from __future__ import annotations

import pytest

from mailwarden.recipients.signals import SignalKind, greeting_name, misdirection_signals

from .helpers import NORFOLK, NOW, history, message


def _salutation(to: str, greeting: str, cc: tuple[str, ...] = ()) -> list[str]:
    body = f"{greeting}\n\nThanks for your time today; notes to follow.\n"
    found = misdirection_signals(message([to], cc=cc, body=body), None, NORFOLK, history(), now=NOW)
    return [r for s in found if s.kind is SignalKind.SALUTATION_MISMATCH for r in s.reasons]


@pytest.mark.parametrize(
    ("to", "greeting"),
    [
        ("john.patel@norfolk.gov.uk", "Dear Sarah,"),
        ("John Patel <jp1@norfolk.gov.uk>", "Hi Sarah,"),
        ('"Patel, John" <jp1@norfolk.gov.uk>', "Hello Sarah"),
        ("anita.patel@nhs.net", "Dear Mrs Shah,"),
        ("anita.patel@nhs.net", "Good morning Dr Shah"),
        ("anita.patel@nhs.net", "Dear Sarah Jones,"),
        ("j.patel@norfolk.gov.uk", "Dear Sarah,"),
    ],
)
def test_salutation_mismatch_fires(to: str, greeting: str) -> None:
    reasons = _salutation(to, greeting)
    assert reasons and "S." in reasons[0] and "patel" not in reasons[0].lower()


@pytest.mark.parametrize(
    ("to", "greeting"),
    [
        ("john.patel@norfolk.gov.uk", "Dear John,"),
        ("john.patel@norfolk.gov.uk", "Hi Johnny,"),
        ("j.patel@norfolk.gov.uk", "Dear John,"),
        ("anita.patel@nhs.net", "Dear Mrs Patel,"),
        ("anita.patel@nhs.net", "Dear Dr Anita Patel"),
        ("Christopher Lamb <c.lamb@norfolk.gov.uk>", "Hi Chris,"),
        ("Elizabeth Hart <e.hart@norfolk.gov.uk>", "Hi Liz"),
        ("john.patel@norfolk.gov.uk", "Dear all,"),
        ("john.patel@norfolk.gov.uk", "Hi team"),
        ("john.patel@norfolk.gov.uk", "Dear Sir or Madam,"),
        ("john.patel@norfolk.gov.uk", "Dear Sir/Madam"),
        ("john.patel@norfolk.gov.uk", "Morning both,"),
        ("john.patel@norfolk.gov.uk", "Hi Sarah and John,"),
        ("duty.team@norfolk.gov.uk", "Dear Sarah,"),
        ("jpatel@norfolk.gov.uk", "Dear Sarah,"),
        ("john.patel@norfolk.gov.uk", "Please see the notes below."),
        ("john.patel@norfolk.gov.uk", "hi there"),
    ],
)
def test_salutation_does_not_fire(to: str, greeting: str) -> None:
    assert _salutation(to, greeting) == []


def test_several_to_recipients_are_skipped_but_cc_is_not_counted() -> None:
    m = message(["john.patel@norfolk.gov.uk", "anita.shah@norfolk.gov.uk"], body="Dear Sarah,\n")
    assert not [
        s
        for s in misdirection_signals(m, None, NORFOLK, history(), now=NOW)
        if s.kind is SignalKind.SALUTATION_MISMATCH
    ]
    assert _salutation("john.patel@norfolk.gov.uk", "Dear Sarah,", cc=("duty.team@norfolk.gov.uk",))


def test_greeting_name() -> None:
    assert greeting_name("Dear Mrs Patel,\n\nText") == ("patel", True)
    assert greeting_name("\n\nHi Sarah - quick one") == ("sarah", False)
    assert greeting_name("Dear all") is None
    assert greeting_name("Thanks") is None

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
        (
            "Designated Safeguarding Lead - Hadley Brook Primary <dsl@school.taw.org.uk>",
            "Dear Mrs Jukes,",
        ),
        ("Hadley Brook Primary School Office <office2@school.taw.org.uk>", "Dear Mrs Jukes,"),
        ("jpatel@norfolk.gov.uk", "Dear Sarah,"),
        ("john.patel@norfolk.gov.uk", "Please see the notes below."),
        ("john.patel@norfolk.gov.uk", "hi there"),
    ],
)
def test_salutation_does_not_fire(to: str, greeting: str) -> None:
    assert _salutation(to, greeting) == []


def _signals(m: object, past: object = None) -> list[tuple[str, str]]:
    found = misdirection_signals(m, None, NORFOLK, past or history(), now=NOW)  # type: ignore[arg-type]
    return [(s.recipient, s.reasons[0]) for s in found if s.kind is SignalKind.SALUTATION_MISMATCH]


def test_greeting_the_colleague_in_copy_does_not_fire() -> None:
    m = message(
        ["Ruth Ford <ruth.ford@norfolk.gov.uk>"],
        cc=["Jan Kózka <jan.kozka@norfolk.gov.uk>"],
        body="Hi Jan,\n\nCould you pick this one up?\n",
    )
    assert _signals(m) == []


def test_greeting_none_of_the_recipients_fires_on_each_to_recipient() -> None:
    m = message(["john.patel@norfolk.gov.uk", "anita.shah@norfolk.gov.uk"], body="Dear Sarah,\n")
    got = _signals(m)
    assert [r for r, _ in got] == ["john.patel@norfolk.gov.uk", "anita.shah@norfolk.gov.uk"]
    assert "none of the recipients" in got[0][1] and "only recipient" not in got[0][1]
    assert "john.patel" not in got[0][1]


def test_a_team_mailbox_in_copy_is_passed_over_and_a_greeting_to_one_of_two_fits() -> None:
    assert _salutation("john.patel@norfolk.gov.uk", "Dear Sarah,", cc=("duty.team@norfolk.gov.uk",))
    m = message(["john.patel@norfolk.gov.uk", "sarah.jones@norfolk.gov.uk"], body="Dear Sarah,\n")
    assert _signals(m) == []


def test_a_recipient_whose_name_cannot_be_read_might_be_the_one_greeted() -> None:
    assert _salutation("john.patel@norfolk.gov.uk", "Dear Sarah,", cc=("sjones@example.org",)) == []


@pytest.mark.parametrize(
    ("to", "greeting", "fires"),
    [
        ("Suzanne Reeves <suzanne.reeves@norfolk.gov.uk>", "Dear Suzanne Farrell,", True),
        ("Alexander Palmer <alexander.palmer@norfolk.gov.uk>", "Morning Alexandra,", True),
        ("Alexandra Frost <alexandra.frost@norfolk.gov.uk>", "Hi Alex,", False),
        ('"Bruce J." <bruce1995@icloud.com>', "Dear Bruce James,", False),
        ('"Adetayo M." <adetayo_morawo@gmail.com>', "Dear Adetayo Morawo,", False),
        ("baker.lindsey13@gmail.com", "Dear Lindsey Baker,", False),
    ],
)
def test_full_names_short_forms_and_initials(to: str, greeting: str, fires: bool) -> None:
    assert bool(_salutation(to, greeting)) is fires


def test_salutation_needs_no_history() -> None:
    m = message(["Sarah Johnson <sarah.johnson@norfolk.gov.uk>"], body="Hi Priya,\n")
    young = history([((("a@norfolk.gov.uk", ""),), 3)])
    assert [s.kind for s in misdirection_signals(m, None, NORFOLK, None, now=NOW)] == [
        SignalKind.SALUTATION_MISMATCH
    ]
    assert _signals(m, young)


def test_greeting_name() -> None:
    assert greeting_name("Dear Mrs Patel,\n\nText") == ("patel", True)
    assert greeting_name("\n\nHi Sarah - quick one") == ("sarah", False)
    assert greeting_name("Dear all") is None
    assert greeting_name("Thanks") is None

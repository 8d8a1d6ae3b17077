"""Signal 6, attachment names someone else: the wrong file attached (NCC-E7)."""

from __future__ import annotations

import pytest

from mailwarden.message.model import Message
from mailwarden.message.reader import parse_message_bytes
from mailwarden.recipients.signals import SignalKind, misdirection_signals

from .helpers import NORFOLK, NOW, history


def _mail(body: str, attachment: str, subject: str = "Referral LCS 1234567") -> Message:
    raw = f"""From: Mark Thompson <mark.thompson@norfolk.gov.uk>
To: Priya Patel <priya.patel@nhs.net>
Subject: {subject}
Date: Mon, 02 Mar 2026 10:00:00 +0000
Message-ID: <a1@norfolk.gov.uk>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

{body}

Regards,
Mark
--b
Content-Type: text/plain; charset=utf-8
Content-Disposition: attachment; filename="referral.txt"

{attachment}
--b--
"""
    return parse_message_bytes(raw.encode())


RIGHT = "Please find attached the referral for Amelia Kowalczyk (LCS 1234567)."
AMELIA = (
    "Referral form\nChild's name: Amelia Kowalczyk\nMother: Mrs Dorota Kowalczyk\nLCS 1234567\n"
)
OLIVER = "Referral form\nChild's name: Oliver Brennan\nDate of birth: 14/03/2017\nLCS 7654321\n"


def _signals(message: Message, past: object = None) -> list[tuple[str, float, str]]:
    found = misdirection_signals(message, None, NORFOLK, past, now=NOW)  # type: ignore[arg-type]
    return [
        (s.where, s.score, " ".join(s.reasons))
        for s in found
        if s.kind is SignalKind.ATTACHMENT_MISMATCH
    ]


def test_wrong_file_fires_with_masked_reasons() -> None:
    got = _signals(_mail(f"Dear Priya,\n\n{RIGHT}", OLIVER))
    assert len(got) == 1
    where, score, reasons = got[0]
    assert where == "attachment:1" and score == 0.8
    assert "O. B." in reasons and "ending 321" in reasons
    assert "Oliver" not in reasons and "7654321" not in reasons


def test_right_file_does_not_fire() -> None:
    assert _signals(_mail(f"Dear Priya,\n\n{RIGHT}", AMELIA)) == []


def test_a_file_naming_the_right_person_and_others_stays_below_threshold() -> None:
    text = AMELIA + "Also present: Oliver Brennan (neighbour)\n"
    got = _signals(_mail(f"Dear Priya,\n\n{RIGHT}", text))
    assert all(score < 0.5 for _, score, _ in got)


def test_a_mail_naming_nobody_stays_below_threshold() -> None:
    got = _signals(
        _mail(
            "Dear Priya,\n\nPlease see the attached form.",
            OLIVER.replace("LCS 7654321\n", ""),
            subject="Form",
        )
    )
    assert [score for _, score, _ in got] == [0.45]
    assert "names nobody" in got[0][2]


@pytest.mark.parametrize(
    ("body", "subject"),
    [
        ("Please find attached the referral for Oliver Brennan.", "Referral"),  # name only
        ("Please find attached the referral (LCS 7654321).", "Referral"),  # case only
        ("OB was seen at home yesterday. The form is attached.", "Visit"),  # initials
    ],
)
def test_a_file_is_accounted_for_by_its_person_or_its_case(body: str, subject: str) -> None:
    assert _signals(_mail(f"Dear Priya,\n\n{body}", OLIVER, subject=subject)) == []


def test_a_relative_sharing_the_surname_is_family_not_a_mix_up() -> None:
    text = OLIVER + "Parent/carer: Siobhan Brennan\n"
    body = "Please find attached the referral for Oliver Brennan (LCS 7654321)."
    assert _signals(_mail(f"Dear Priya,\n\n{body}", text)) == []


def test_the_senders_own_surname_in_the_signature_does_not_account_for_a_file() -> None:
    text = "Referral form\nName: Jan Regards\nDate of birth: 14/03/1950\nLCS 7654321\n"
    got = _signals(_mail(f"Dear Priya,\n\n{RIGHT}", text.replace("Regards", "Mark")))
    assert [score for _, score, _ in got] == [0.8]


def test_names_without_personal_data_are_not_compared() -> None:
    rota = "Day,Officer,Duty\nMon,Oliver Brennan,Visits\nTue,Dorota Nowak,Office\n"
    assert _signals(_mail(f"Dear Priya,\n\n{RIGHT}", rota)) == []


def test_runs_without_history_and_during_the_learning_period() -> None:
    message = _mail(f"Dear Priya,\n\n{RIGHT}", OLIVER)
    assert _signals(message, None)
    assert _signals(message, history([((("x@norfolk.gov.uk", ""),), 2)]))


def test_skipped_when_only_recipients_are_given() -> None:
    from mailwarden.policy.context import Context
    from mailwarden.rules.facts import Facts

    message = _mail(f"Dear Priya,\n\n{RIGHT}", OLIVER)
    facts = Facts(message, NORFOLK, Context(now=NOW))
    assert misdirection_signals(message, facts.recipients, NORFOLK, history(), now=NOW) == ()
    assert misdirection_signals(message, facts, NORFOLK, history(), now=NOW) != ()

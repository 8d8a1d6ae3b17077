"""What counts as third-party personal data (DESIGN: personal data in a message)."""

from __future__ import annotations

import datetime as dt

import pytest

from mailwarden.message.reader import parse_message_bytes
from mailwarden.policy.context import Context
from mailwarden.policy.loader import load_pack
from mailwarden.rules.facts import Facts

NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)


def _facts(body: str, to: str = "Dana Whitfield <dana.whitfield@supplier.example>") -> Facts:
    raw = (
        "From: Alex Officer <a.officer@norfolk.gov.uk>\n"
        f"To: {to}\nSubject: Update\nDate: Mon, 02 Mar 2026 10:00:00 +0000\n\n{body}"
    ).encode()
    message = parse_message_bytes(raw)
    return Facts(message, load_pack("norfolk"), Context(now=NOW))


def _third(facts: Facts) -> list[tuple[str, str]]:
    return [(str(e.type), e.value) for e in facts.third_party()]


SIGNATURE = (
    "Kind regards,\n\nAlex Officer\nSocial Worker\nNorfolk County Council\nTel: 01632 960123\n"
)


def test_the_senders_signature_and_the_recipients_name_are_not_third_party() -> None:
    facts = _facts(f"Dear Dana Whitfield,\n\nThe delivery is due on Friday.\n\n{SIGNATURE}")
    assert _third(facts) == []
    assert facts.personal_data() == ()


def test_a_residents_identifiers_are_third_party() -> None:
    facts = _facts(
        f"Dear Dana,\n\nAmelia Kowalczyk, NHS number 999 123 4578, needs a bed.\n\n{SIGNATURE}"
    )
    kinds = {kind for kind, _ in _third(facts)}
    assert {"PERSON", "UK_NHS_NUMBER"} <= kinds
    assert facts.personal_data()


def test_contact_details_without_a_person_are_a_venue_not_personal_data() -> None:
    facts = _facts(f"Dear Dana,\n\nThe meeting is at 12 Mill Lane, Norwich NR2 4AB.\n\n{SIGNATURE}")
    assert facts.personal_data() == ()


QUOTED_COUNCIL = (
    "Please see below.\n\n{sig}\n"
    "From: Street Works Team <streetworks@norfolk.gov.uk>\n"
    "Sent: 24 March 2026 07:01\n"
    "To: Children's Safeguarding and Family Support <cs.support@norfolk.gov.uk>\n"
    "Subject: Permits\n\n"
    "The permits are approved.\n\n"
    "Street Works Team\nChildren's Safeguarding and Family Support\n"
    "County Hall, Martineau Lane, Norwich NR1 2DH\nTel: 01632 960240\n"
    "Email: streetworks@norfolk.gov.uk\n"
)

QUOTED_RESIDENT = (
    "Please see below.\n\n{sig}\n"
    "From: Bronwen Llewellyn <bronwen.llewellyn1984@gmail.com>\n"
    "Sent: 24 March 2026 07:01\n"
    "To: Highways <highways@norfolk.gov.uk>\n"
    "Subject: Pothole\n\n"
    "There is a pothole outside my house.\n\n"
    "Bronwen Llewellyn\n14 Mill Lane, Norwich NR2 4AB\nTel: 07700 900123\n"
)


def test_a_forwarded_council_header_and_signature_are_not_third_party() -> None:
    facts = _facts(QUOTED_COUNCIL.format(sig=SIGNATURE))
    assert facts.personal_data() == (), _third(facts)


def test_a_forwarded_residents_letter_keeps_their_details() -> None:
    facts = _facts(QUOTED_RESIDENT.format(sig=SIGNATURE))
    kinds = {kind for kind, _ in _third(facts)}
    assert {"PERSON", "STREET_ADDRESS", "PHONE_NUMBER"} <= kinds, _third(facts)
    assert facts.personal_data()


@pytest.mark.parametrize(
    "body",
    [
        "Please contact duty@norfolk.gov.uk about the boy's mental health crisis today.\n",
        "Her depression has worsened since the eviction.\n",
    ],
)
def test_special_category_words_in_prose_still_count(body: str) -> None:
    facts = _facts(f"Dear Dana,\n\n{body}\n{SIGNATURE}")
    assert any(e.type.name == "HEALTH" for e in facts.third_party()), _third(facts)


def test_a_name_in_prose_beside_a_council_address_is_still_third_party() -> None:
    facts = _facts(
        "Dear Dana,\n\nPlease ask Bronwen Llewellyn to email duty@norfolk.gov.uk about her "
        f"benefit claim.\n\n{SIGNATURE}"
    )
    assert ("PERSON", "Bronwen Llewellyn") in _third(facts)

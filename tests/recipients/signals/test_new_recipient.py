"""Signal 1, new or rare recipient: fires for first-time and rare recipients, not usual ones."""

from __future__ import annotations

import pytest

from mailwarden.recipients import SenderHistory
from mailwarden.recipients.signals import SignalKind, SignalOptions, misdirection_signals

from .helpers import NORFOLK, NOW, USUAL, history, message


def _kinds(
    to: list[str],
    hist: SenderHistory | None = None,
    options: SignalOptions | None = None,
) -> list[tuple[str, str, str]]:
    found = misdirection_signals(
        message(to), None, NORFOLK, hist or history(), now=NOW, options=options
    )
    return [(s.kind, s.recipient, s.where) for s in found if s.kind is SignalKind.NEW_RECIPIENT]


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        (["sarah.johnson@norfolk.gov.uk"], []),
        (["Sarah.Johnson@Norfolk.gov.uk"], []),
        (["kevin.osei@norfolk.gov.uk"], [("kevin.osei@norfolk.gov.uk", "recipient:1")]),
        (
            ["duty.team@norfolk.gov.uk", "j.bloggs@hotmail.co.uk"],
            [("j.bloggs@hotmail.co.uk", "recipient:2")],
        ),
        (["mark.thompson@norfolk.gov.uk"], []),
    ],
)
def test_new_recipient_fires_only_for_unfamiliar_addresses(
    to: list[str], expected: list[tuple[str, str]]
) -> None:
    assert [(r, w) for _, r, w in _kinds(to)] == expected


def test_rare_recipient_counts_up_to_the_option() -> None:
    past = history([((u,), 12) for u in USUAL] + [((("ana.ruiz@norfolk.gov.uk", ""),), 2)])
    to = ["ana.ruiz@norfolk.gov.uk"]
    assert _kinds(to, hist=past) == []
    assert _kinds(to, hist=past, options=SignalOptions(rare_count=2)) != []


def test_new_domain_scores_higher_and_reasons_are_masked() -> None:
    found = misdirection_signals(
        message(["kevin.osei@norfolk.gov.uk", "dana@advocacy.example"]),
        None,
        NORFOLK,
        history(),
        now=NOW,
    )
    by = {s.recipient: s for s in found}
    assert by["dana@advocacy.example"].score > by["kevin.osei@norfolk.gov.uk"].score
    text = " ".join(r for s in found for r in s.reasons)
    assert "k***@norfolk.gov.uk" in text and "kevin.osei" not in text


def test_learning_period_by_messages_and_by_days() -> None:
    to = ["kevin.osei@norfolk.gov.uk"]
    small = history([((u,), 5) for u in USUAL])  # 20 messages
    assert _kinds(to, hist=small) == []
    assert _kinds(to, hist=small, options=SignalOptions(min_messages=20)) != []
    young = history(start=NOW.replace(month=2, day=25))
    assert _kinds(to, hist=young) == []
    assert _kinds(to, hist=young, options=SignalOptions(min_days=5)) != []


def test_confirmed_recipient_never_fires() -> None:
    past = history(confirmed=["Kevin.Osei@norfolk.gov.uk"])
    assert _kinds(["kevin.osei@norfolk.gov.uk"], hist=past) == []


def test_no_history_gives_no_anomaly_signal() -> None:
    found = misdirection_signals(message(["kevin.osei@norfolk.gov.uk"]), None, NORFOLK, None)
    assert found == ()


def _scores(to: list[str], hist: SenderHistory | None = None, **kw: str) -> dict[str, float]:
    found = misdirection_signals(message(to, **kw), None, NORFOLK, hist or history(), now=NOW)
    return {s.recipient: s.score for s in found if s.kind is SignalKind.NEW_RECIPIENT}


def test_what_makes_a_first_time_recipient_likelier_a_slip() -> None:
    past = history(
        [((u,), 12) for u in USUAL] + [((("dana.lee@advocacy.example", ""),), 6)],
    )
    got = _scores(
        [
            "kevin.osei@norfolk.gov.uk",  # a new colleague
            "sam.ray@advocacy.example",  # a new person at a partner written to often
            "new.person@gmail.com",  # webmail: gmail.com written to often says nothing
            "someone@unheard-of.example",  # a domain never written to
        ],
        past,
    )
    assert got == {
        "kevin.osei@norfolk.gov.uk": 0.4,
        "sam.ray@advocacy.example": 0.4,
        "new.person@gmail.com": 0.6,
        "someone@unheard-of.example": 0.8,
    }


def test_a_partner_domain_written_to_rarely_is_not_yet_familiar() -> None:
    past = history([((u,), 12) for u in USUAL] + [((("dana.lee@advocacy.example", ""),), 2)])
    assert _scores(["sam.ray@advocacy.example"], past) == {"sam.ray@advocacy.example": 0.6}
    options = SignalOptions(usual_domain_count=2)
    found = misdirection_signals(
        message(["sam.ray@advocacy.example"]), None, NORFOLK, past, now=NOW, options=options
    )
    assert [s.score for s in found if s.kind is SignalKind.NEW_RECIPIENT] == [0.4]


def test_recipients_taken_from_the_message_answered_are_not_suspects() -> None:
    body = (
        "Dear Lindsey,\n\nThank you for your email.\n\n"
        "On Mon, 2 Mar 2026 at 09:16, Lindsey Baker <lb13@gmail.com> wrote:\n> Please help.\n"
    )
    reply = "In-Reply-To: <r1@gmail.com>\nReferences: <r1@gmail.com>"
    got = _scores(["lb13@gmail.com", "x.new@gmail.com"], body=body, headers=reply)
    assert got == {"x.new@gmail.com": 0.6}
    # The same addresses on a new message were typed or picked: both are suspects.
    assert set(_scores(["lb13@gmail.com", "x.new@gmail.com"], body=body)) == {
        "lb13@gmail.com",
        "x.new@gmail.com",
    }

"""Signal 3, unusual for the group: the others usually appear together without this one."""

from __future__ import annotations

from mailwarden.recipients.signals import SignalKind, misdirection_signals

from .helpers import NORFOLK, NOW, history, message

CASE = (
    ("sarah.johnson@norfolk.gov.uk", ""),
    ("head@oakfield-primary.example", ""),
    ("hv.team@nhs.net", ""),
)
PAST = history(
    [
        (CASE, 15),
        ((("sarah.jones@norfolk.gov.uk", ""),), 6),
        ((("head@oakfield-primary.example", ""), ("priya.patel@nhs.net", "")), 5),
        ((("duty.team@norfolk.gov.uk", ""),), 10),
    ]
)


def _group(to: list[str], past: object = PAST) -> list[tuple[str, str]]:
    found = misdirection_signals(message(to), None, NORFOLK, past, now=NOW)  # type: ignore[arg-type]
    return [(s.recipient, s.reasons[0]) for s in found if s.kind is SignalKind.UNUSUAL_FOR_GROUP]


def test_swapped_member_fires_and_names_the_usual_one_masked() -> None:
    got = _group(["sarah.jones@norfolk.gov.uk", "head@oakfield-primary.example", "hv.team@nhs.net"])
    assert [r for r, _ in got] == ["sarah.jones@norfolk.gov.uk"]
    assert "usually with s***@norfolk.gov.uk" in got[0][1]
    assert "sarah.johnson" not in got[0][1]


def _scores(to: list[str], past: object = PAST) -> list[float]:
    found = misdirection_signals(message(to), None, NORFOLK, past, now=NOW)  # type: ignore[arg-type]
    return [s.score for s in found if s.kind is SignalKind.UNUSUAL_FOR_GROUP]


def test_a_swap_scores_high_for_a_near_stranger_and_low_for_another_regular() -> None:
    case = ["head@oakfield-primary.example", "hv.team@nhs.net"]
    assert _scores(["sarah.jones@norfolk.gov.uk", *case]) == [0.45]  # six messages: usual
    rare = history([(CASE, 30), ((("sarah.jones@norfolk.gov.uk", ""),), 2)])
    assert _scores(["sarah.jones@norfolk.gov.uk", *case], rare) == [0.8]


def test_a_reply_is_not_judged_as_a_group() -> None:
    found = misdirection_signals(
        message(
            ["sarah.jones@norfolk.gov.uk", "head@oakfield-primary.example", "hv.team@nhs.net"],
            headers="In-Reply-To: <r1@nhs.net>\nReferences: <r1@nhs.net>",
        ),
        None,
        NORFOLK,
        history([(CASE, 30), ((("sarah.jones@norfolk.gov.uk", ""),), 2)]),
        now=NOW,
    )
    assert not [s for s in found if s.kind is SignalKind.UNUSUAL_FOR_GROUP]


def test_known_contact_never_with_the_group_fires() -> None:
    got = _group(["head@oakfield-primary.example", "hv.team@nhs.net", "duty.team@norfolk.gov.uk"])
    assert [r for r, _ in got] == ["duty.team@norfolk.gov.uk"]


def test_usual_group_and_usual_pairs_do_not_fire() -> None:
    assert (
        _group(["sarah.johnson@norfolk.gov.uk", "head@oakfield-primary.example", "hv.team@nhs.net"])
        == []
    )
    assert _group(["head@oakfield-primary.example", "priya.patel@nhs.net"]) == []
    assert _group(["duty.team@norfolk.gov.uk"]) == []


def test_a_single_usual_contact_with_a_new_copy_is_left_to_signal_one() -> None:
    assert _group(["duty.team@norfolk.gov.uk", "kevin.osei@norfolk.gov.uk"]) == []


def test_confirmed_recipient_does_not_fire() -> None:
    past = history(
        [(CASE, 15), ((("sarah.jones@norfolk.gov.uk", ""),), 6), ((("x@norfolk.gov.uk", ""),), 10)],
        confirmed=["sarah.jones@norfolk.gov.uk"],
    )
    assert (
        _group(
            ["sarah.jones@norfolk.gov.uk", "head@oakfield-primary.example", "hv.team@nhs.net"], past
        )
        == []
    )

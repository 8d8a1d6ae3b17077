"""Signal 4, a thread's audience widened: an outside domain in an internal thread, reply-all."""

from __future__ import annotations

from mailwarden.recipients.signals import SignalKind, misdirection_signals

from .helpers import NORFOLK, NOW, history, message

REPLY = "In-Reply-To: <t2@norfolk.gov.uk>\nReferences: <t1@norfolk.gov.uk> <t2@norfolk.gov.uk>"
PAST = history(
    threads=[
        ("t1@norfolk.gov.uk", ["sarah.johnson@norfolk.gov.uk", "duty.team@norfolk.gov.uk"]),
        ("t1@norfolk.gov.uk", ["sarah.johnson@norfolk.gov.uk"]),
    ]
)


def _thread(to: list[str], headers: str = REPLY) -> list[tuple[str, str, float]]:
    found = misdirection_signals(message(to, headers=headers), None, NORFOLK, PAST, now=NOW)
    kinds = {SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD, SignalKind.AUDIENCE_WIDENED}
    return [(s.kind, s.recipient, s.score) for s in found if s.kind in kinds]


def test_outside_address_in_an_internal_thread_fires() -> None:
    got = _thread(["sarah.johnson@norfolk.gov.uk", "dad.of.child@hotmail.co.uk"])
    assert got == [(SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD, "dad.of.child@hotmail.co.uk", 0.9)]
    got = _thread(["sarah.johnson@norfolk.gov.uk", "tom.fletcher@gmail.com"])
    assert got == [(SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD, "tom.fletcher@gmail.com", 0.8)]


def test_reply_all_adding_a_colleague_widens_the_audience() -> None:
    got = _thread(
        ["sarah.johnson@norfolk.gov.uk", "duty.team@norfolk.gov.uk", "kevin.osei@norfolk.gov.uk"]
    )
    assert got == [(SignalKind.AUDIENCE_WIDENED, "kevin.osei@norfolk.gov.uk", 0.6)]


def test_same_audience_new_thread_or_unknown_thread_do_not_fire() -> None:
    assert _thread(["sarah.johnson@norfolk.gov.uk", "duty.team@norfolk.gov.uk"]) == []
    assert _thread(["dad.of.child@hotmail.co.uk"], headers="") == []
    other = "In-Reply-To: <zz@x.example>\nReferences: <zz@x.example>"
    assert _thread(["dad.of.child@hotmail.co.uk"], headers=other) == []


def test_thread_signals_wait_for_the_learning_period() -> None:
    young = history(
        [((("a@norfolk.gov.uk", ""),), 3)],
        threads=[("t1@norfolk.gov.uk", ["sarah.johnson@norfolk.gov.uk"])],
    )
    m = message(["dad.of.child@hotmail.co.uk"], headers=REPLY)
    assert misdirection_signals(m, None, NORFOLK, young, now=NOW) == ()

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


RESIDENT = "lindsey.baker13@gmail.com"
FORWARDED = f"""Dear Marilyn,

Please see below - can you pick this up?

---------- Forwarded message ---------
From: Lindsey Baker <{RESIDENT}>
Date: Mon, 02 Mar 2026 at 09:16
Subject: My application
To: Mark Thompson <mark.thompson@norfolk.gov.uk>

Dear Mark,

My daughter's application has not been answered.
"""


def _answer(author: str, text: str = "Thanks for this.") -> str:
    return f"Thanks, noted.\n\nOn Mon, 02 Mar 2026 at 09:30, {author} wrote:\n> {text}\n"


def _signals(
    to: list[str], body: str, cc: tuple[str, ...] = (), subject: str = "RE: Update", past=PAST
) -> list[tuple[str, str, float]]:
    m = message(to, cc=cc, body=body, subject=subject, headers=REPLY)
    found = misdirection_signals(m, None, NORFOLK, past, now=NOW)
    kinds = {
        SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD,
        SignalKind.AUDIENCE_WIDENED,
        SignalKind.OUTSIDER_ADDED_TO_REPLY,
    }
    return [(s.kind, s.recipient, s.score) for s in found if s.kind in kinds]


def test_a_forward_inside_the_organisation_is_not_widening() -> None:
    got = _signals(["Marilyn Harper <marilyn.harper@norfolk.gov.uk>"], FORWARDED, subject="FW: x")
    assert got == []


def test_a_forward_taking_an_internal_thread_outside_fires() -> None:
    got = _signals(["priya.patel@nhs.net"], "FYI, see below.\n", subject="FW: Update")
    assert got == [(SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD, "priya.patel@nhs.net", 0.8)]


def test_a_reply_to_the_resident_who_started_the_thread_is_not_taking_it_outside() -> None:
    # History saw only the internal forward; the quoted message shows the resident wrote it.
    got = _signals([RESIDENT], _answer(f"Lindsey Baker <{RESIDENT}>"))
    assert got == []


def test_a_reply_adding_an_outsider_not_on_the_message_answered_fires() -> None:
    past = history(threads=[("t1@norfolk.gov.uk", [RESIDENT]), ("t1@norfolk.gov.uk", [])])
    body = _answer("Sarah Johnson <sarah.johnson@norfolk.gov.uk>")
    got = _signals(["sarah.johnson@norfolk.gov.uk"], body, cc=(RESIDENT,), past=past)
    assert got == [(SignalKind.OUTSIDER_ADDED_TO_REPLY, RESIDENT, 0.7)]
    got = _signals(["sarah.johnson@norfolk.gov.uk"], body, cc=("dad@hotmail.co.uk",), past=past)
    assert got == [(SignalKind.OUTSIDER_ADDED_TO_REPLY, "dad@hotmail.co.uk", 0.8)]


def test_everyone_on_an_outlook_header_block_is_on_the_message_answered() -> None:
    body = (
        "Thanks all.\n\n________________________________\n"
        f"From: Sarah Johnson <sarah.johnson@norfolk.gov.uk>\nSent: 02 March 2026 09:30\n"
        f"To: Mark Thompson\nCc: {RESIDENT}; Kevin Osei\nSubject: Update\n\nSee notes.\n"
    )
    to = ["sarah.johnson@norfolk.gov.uk"]
    cc = (RESIDENT, "Kevin Osei <kevin.osei@norfolk.gov.uk>")
    assert _signals(to, body, cc=cc) == []
    got = _signals(to, body, cc=("Anita Shah <anita.shah@norfolk.gov.uk>",))
    assert got == [(SignalKind.AUDIENCE_WIDENED, "anita.shah@norfolk.gov.uk", 0.6)]

"""Recipient history values: what one sent message teaches, and how a sender's history adds up."""

from __future__ import annotations

import datetime as dt

from mailwarden.message.reader import parse_message_bytes
from mailwarden.recipients import SentObservation, build_history, observe, thread_id

T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)

REPLY = (
    b"From: Alex Officer <a.officer@norfolk.gov.uk>\n"
    b"To: Dana Whitfield <Dana.Whitfield@supplier.example>, a.officer@norfolk.gov.uk\n"
    b"Cc: duty.team@norfolk.gov.uk\nBcc: archive@norfolk.gov.uk\n"
    b"Subject: Re: Delivery\nMessage-ID: <r2@norfolk.gov.uk>\n"
    b"In-Reply-To: <r1@supplier.example>\nReferences: <r0@norfolk.gov.uk> <r1@supplier.example>\n\n"
    b"Thanks.\n"
)


def test_observe_takes_recipients_without_the_sender_and_no_content() -> None:
    message = parse_message_bytes(REPLY)
    seen = observe(message, "A.Officer@norfolk.gov.uk", T0)
    assert seen.sender == "a.officer@norfolk.gov.uk"
    assert seen.recipients == (
        ("dana.whitfield@supplier.example", "Dana Whitfield"),
        ("duty.team@norfolk.gov.uk", ""),
        ("archive@norfolk.gov.uk", ""),
    )
    assert seen.thread == "r0@norfolk.gov.uk" == thread_id(message)
    assert seen.key == "r2@norfolk.gov.uk"


def _sent(day: int, *to: str, thread: str = "", key: str = "") -> SentObservation:
    at = T0 + dt.timedelta(days=day)
    return SentObservation("a@x.gov.uk", at, tuple((t, "") for t in to), thread, key or f"k{day}")


def test_history_counts_pairs_domains_threads_and_dedupes_by_key() -> None:
    history = build_history(
        "a@x.gov.uk",
        [
            _sent(0, "b@x.gov.uk", "c@p.example", thread="t1"),
            _sent(1, "b@x.gov.uk", thread="t1"),
            _sent(1, "b@x.gov.uk", thread="t1"),  # same key as the one before: counted once
            _sent(3, "c@p.example", "d@p.example"),
        ],
        confirmed=frozenset({"e@gmail.com"}),
    )
    assert history.messages == 3
    assert history.count("b@x.gov.uk") == 2 and history.count("c@p.example") == 2
    assert history.recipients["c@p.example"].first_seen == T0
    assert history.recipients["c@p.example"].last_seen == T0 + dt.timedelta(days=3)
    assert history.co_recipients["c@p.example"] == {"b@x.gov.uk": 1, "d@p.example": 1}
    assert history.domains == {"x.gov.uk": 2, "p.example": 2}
    assert history.threads["t1"] == frozenset({"b@x.gov.uk", "c@p.example"})
    assert history.confirmed("E@gmail.com") and history.count("e@gmail.com") == 0
    assert history.first_seen == T0


def test_other_senders_observations_are_ignored() -> None:
    other = SentObservation("z@x.gov.uk", T0, (("b@x.gov.uk", ""),), "", "z1")
    assert build_history("a@x.gov.uk", [other]).messages == 0

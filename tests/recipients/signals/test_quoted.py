"""The earlier participants a reply or forward shows: attribution lines and header blocks."""

from __future__ import annotations

from mailwarden.recipients.signals.quoted import earlier_participants

from .helpers import message


def test_an_attribution_line_names_the_author_of_the_message_answered() -> None:
    body = (
        "Fine by me.\n\nOn Mon, 2 Mar 2026 at 09:30, Ruth Ford <Ruth.Ford@norfolk.gov.uk> "
        "wrote:\n> Can you take this?\n>\n> On Sun, 1 Mar 2026, Lindsey Baker "
        "<lb13@gmail.com> wrote:\n>> Please help.\n"
    )
    earlier = earlier_participants(message(["ruth.ford@norfolk.gov.uk"], body=body))
    assert earlier.answered == {"ruth.ford@norfolk.gov.uk"}
    assert earlier.shown == {"ruth.ford@norfolk.gov.uk", "lb13@gmail.com"}
    assert not earlier.answered_complete and not earlier.forward


def test_an_outlook_header_block_with_names_only() -> None:
    body = (
        "Hi Jan,\n\nNoted.\n\n________________________________\nFrom: Ruth Ford\n"
        "Sent: 02 March 2026 09:30\nTo: Mark Thompson; Ford, Jan\nCc: kevin.osei@norfolk.gov.uk\n"
        "Subject: Visit\n\nHello\n"
    )
    earlier = earlier_participants(message(["ruth.ford@norfolk.gov.uk"], body=body))
    assert earlier.answered_complete
    assert earlier.on_answered("ruth.ford@norfolk.gov.uk", "Ruth Ford")
    assert earlier.on_answered("jan.ford@norfolk.gov.uk", "Jan Ford")
    assert earlier.on_answered("kevin.osei@norfolk.gov.uk")
    assert earlier.on_answered("ruth.ford@norfolk.gov.uk")  # the address spells the name
    assert not earlier.on_answered("rford@norfolk.gov.uk")  # a name it does not show
    assert not earlier.shows("anita.shah@norfolk.gov.uk", "Anita Shah")


def test_a_forwarded_block_and_a_plain_message() -> None:
    body = (
        "See below.\n\n---------- Forwarded message ---------\nFrom: Lindsey Baker "
        "<lb13@gmail.com>\nDate: Mon, 2 Mar 2026 at 09:16\nSubject: Help\n"
        "To: Mark Thompson <mark.thompson@norfolk.gov.uk>\n\nPlease help.\n"
    )
    earlier = earlier_participants(message(["a@norfolk.gov.uk"], body=body, subject="Help"))
    assert earlier.forward and earlier.answered_complete
    assert earlier.answered == {"lb13@gmail.com", "mark.thompson@norfolk.gov.uk"}
    plain = earlier_participants(message(["a@norfolk.gov.uk"], subject="FW: notes"))
    assert plain.forward and not plain.shown
    assert earlier_participants(message(["a@norfolk.gov.uk"])).shown == frozenset()

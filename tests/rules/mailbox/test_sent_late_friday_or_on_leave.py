"""sent-late-friday-or-on-leave: the clock in the pack's time zone, and the out-of-office state."""

from __future__ import annotations

import datetime as dt

from ..attachments._build import findings, message

RULE = "sent-late-friday-or-on-leave"
TEXT = (
    "Hi Sam,\n\nPlease pick up the referral for Mrs Edith Marlow (NHS number 999 234 5675) on "
    "Monday.\n\nKind regards,\n\nAlex Officer\nSocial Worker\nNorfolk County Council\n"
    "Tel: 01632 960210\n"
)
REFERRAL = message(sender="alex.officer@norfolk.gov.uk", to=("sam.reid@norfolk.gov.uk",), text=TEXT)
THURSDAY = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)


def test_friday_noon_is_read_in_the_packs_time_zone() -> None:
    # 11:30 UTC on 3 April 2026 is 12:30 BST: Friday afternoon in Norfolk.
    late = dt.datetime(2026, 4, 3, 11, 30, tzinfo=dt.UTC)
    (finding,) = findings("norfolk", REFERRAL, RULE, now=late)
    assert finding.evidence[0].masked == "Friday 12:30 BST"
    early = dt.datetime(2026, 4, 3, 10, 30, tzinfo=dt.UTC)  # 11:30 BST
    assert findings("norfolk", REFERRAL, RULE, now=early) == []


def test_out_of_office_on_any_day_advises() -> None:
    (finding,) = findings("norfolk", REFERRAL, RULE, now=THURSDAY, out_of_office=True)
    assert str(finding.action) == "advise"
    assert "until you are back" in finding.message


def test_no_personal_data_no_finding_even_on_leave() -> None:
    plain = message(
        sender="alex.officer@norfolk.gov.uk",
        to=("sam.reid@norfolk.gov.uk",),
        text=TEXT.replace("the referral for Mrs Edith Marlow (NHS number 999 234 5675)", "it"),
    )
    assert findings("norfolk", plain, RULE, now=THURSDAY, out_of_office=True) == []

"""Writes src/mailwarden/samples/welcome.eml: the bundled sample, wholly synthetic.

Names are invented, domains are reserved (example.org) or the council's own, the phone
number is in Ofcom's drama range (01632 960xxx) and the NHS number is in the 999 test range.
Run: python scripts/make_sample.py (deterministic: fixed dates and boundaries).
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//mailwarden//sample//EN\r
METHOD:REQUEST\r
BEGIN:VEVENT\r
UID:sample-review-0001@norfolk.gov.uk\r
DTSTAMP:20260105T090000Z\r
DTSTART;TZID=Europe/London:20260112T100000\r
DTEND;TZID=Europe/London:20260112T110000\r
SUMMARY:Case review - Amelia Thornbury\r
LOCATION:County Hall, Room 4\r
ORGANIZER;CN=Priya Natarajan:mailto:priya.natarajan@norfolk.gov.uk\r
ATTENDEE;CN=Tomasz Kowalczyk:mailto:t.kowalczyk@example.org\r
CLASS:PUBLIC\r
END:VEVENT\r
END:VCALENDAR\r
"""

CSV = """name,nhs_number,postcode,next_visit\r
Amelia Thornbury,999 000 0026,NR1 9ZZ,2026-01-12\r
Joseph Adeyemi,999 000 0034,NR2 9ZZ,2026-01-14\r
"""

BODY = """Dear Tomasz,

Thank you for your call this morning. As agreed, the visit schedule for the two
residents we discussed is attached, and I have sent an invitation for the review.

Amelia Thornbury (NHS number 999 000 0026) will need a ground-floor room.

Kind regards,
Priya Natarajan
Senior Practitioner, Adult Social Care
Norfolk County Council
01632 960 123

From: Tomasz Kowalczyk <t.kowalczyk@example.org>
Sent: 05 January 2026 08:41
To: Priya Natarajan <priya.natarajan@norfolk.gov.uk>
Subject: Visits next week

Hi Priya, could you send me the visit schedule? Thanks, Tomasz
"""


def build() -> bytes:
    msg = EmailMessage()
    msg["From"] = "Priya Natarajan <priya.natarajan@norfolk.gov.uk>"
    msg["To"] = "Tomasz Kowalczyk <t.kowalczyk@example.org>"
    msg["Cc"] = "Duty Team <adult.duty@norfolk.gov.uk>"
    msg["Subject"] = "RE: Visits next week - case LAS 1048273"
    msg["Date"] = "Mon, 05 Jan 2026 16:52:00 +0000"
    msg["Message-ID"] = "<sample-0001@norfolk.gov.uk>"
    msg["In-Reply-To"] = "<visits-0001@example.org>"
    msg["References"] = "<visits-0001@example.org>"
    msg.set_content(BODY)
    msg.add_attachment(CSV.encode(), maintype="text", subtype="csv", filename="visit-schedule.csv")
    msg.add_attachment(ICS.encode(), maintype="text", subtype="calendar", filename="invite.ics")
    msg.set_boundary("=====mailwarden-sample-0001=====")
    return msg.as_bytes(policy=SMTP)


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "src" / "mailwarden" / "samples" / "welcome.eml"
    target.write_bytes(build())
    print(f"wrote {target}")

"""Documents with no personal data: minutes, newsletters, policy text, invoices, invites.

They are where false positives show: invoice, order and ticket numbers that pass the NHS
mod-11 check, Luhn-passing tracking numbers, nine-digit VAT and meeting IDs, dates that are
not births (some written like sort codes, 12-03-24), street names without a house number,
organisations named after people, month names, and sensitive topics about nobody.
Nothing in them is labelled, so anything reported is a false positive.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import gen_values as v
from gen_builder import Builder
from gen_text import COMMITTEES, ORGANISATIONS, SENSITIVE_TOPICS, paragraph, street

__all__ = ["CLEAN_KINDS"]

SUPPLIERS = (
    "Harrison & Sons Ltd",
    "Laura Ashley Ltd",
    "Ernst & Young LLP",
    "Anglian Water Services Ltd",
    "Greenfield Grounds Maintenance Ltd",
    "Norfolk Print Services Ltd",
)
"""Invoice senders; two are named after people, as many firms are."""


def _date(rng: random.Random) -> str:
    return v.written_date(rng, v.recent_date(rng))[0]


def _short_date(rng: random.Random) -> str:
    """dd-mm-yy, which has the shape of a sort code."""
    d = v.recent_date(rng)
    return f"{d.day:02d}-{d.month:02d}-{d.year % 100:02d}"


def _mod11(rng: random.Random, spaced: bool) -> str:
    number = v.mod11_passing(rng)
    return f"{number[:3]} {number[3:6]} {number[6:]}" if spaced else number


def minutes(rng: random.Random) -> Builder:
    b = Builder()
    committee = rng.choice(COMMITTEES)
    b.add(f"Minutes of the {committee} held on {_date(rng)} at County Hall\n\n")
    b.add(f"Present: {rng.randint(6, 11)} members. Apologies were received from two members.\n")
    b.add(f"1. The minutes of the meeting held in {rng.choice(v.MONTHS)} were agreed.\n")
    b.add(f"2. Planning application 24/0{rng.randint(1000, 9999)}/FUL, land off {street(rng)}: ")
    b.add("approved subject to conditions.\n")
    b.add(f"3. Budget monitoring report (ref {_mod11(rng, rng.random() < 0.5)}): ")
    b.add(f"forecast underspend of £{rng.randint(10, 900)},{rng.randint(100, 999)}.\n")
    b.add(f"4. {rng.choice(SENSITIVE_TOPICS)}\n")
    b.add(f"5. {paragraph(rng, 2)}\n")
    b.add(f"Date of next meeting: {v.date_words(rng, v.recent_date(rng))} ")
    b.add(f"(papers by {_short_date(rng)}).\n")
    return b


def newsletter(rng: random.Random) -> Builder:
    b = Builder()
    month = rng.choice(v.MONTHS)
    b.add(f"{month} staff newsletter\n\n")
    b.add(f"{rng.choice(SENSITIVE_TOPICS)} {rng.choice(SENSITIVE_TOPICS)}\n\n")
    orgs = rng.sample(ORGANISATIONS[:10], 3)
    b.add(f"Thanks to {orgs[0]}, {orgs[1]} and {orgs[2]} for supporting the winter appeal. ")
    b.add(f"The {street(rng)} car park will be closed from {_date(rng)} for resurfacing. ")
    b.add(f"In {rng.choice(['May', 'June', 'April', 'August'])} we welcomed new starters ")
    b.add("to the contact centre.\n\n")
    b.add(paragraph(rng, 3) + "\n\nCommunications Team\n")
    return b


def policy(rng: random.Random) -> Builder:
    b = Builder()
    b.add("Information Security Policy - section 4: email\n\n")
    b.add("4.1 Do not send NHS numbers, National Insurance numbers or bank details to ")
    b.add("external addresses unless the message is encrypted.\n")
    b.add("4.2 Passwords must be at least 12 characters and must never be sent by email; ")
    b.add("a PIN must not be written down.\n")
    b.add("4.3 Special category data under Article 9 UK GDPR, such as health, ethnic origin ")
    b.add("or trade union membership, needs an additional condition for processing.\n")
    b.add("4.4 Enquiries under Section 47 of the Children Act 1989 are handled by the ")
    b.add("safeguarding team.\n")
    b.add(f"4.5 This policy was approved on {_date(rng)} and will be reviewed in ")
    b.add(f"{rng.choice(v.MONTHS)} {rng.randint(2025, 2027)}.\n\n{paragraph(rng, 2)}\n")
    return b


def invoice(rng: random.Random) -> Builder:
    b = Builder()
    supplier = rng.choice(SUPPLIERS)
    b.add(f"INVOICE\n{supplier}\n\n")
    b.add(f"Invoice number: {_mod11(rng, False)}\n")
    b.add(f"Invoice date: {_date(rng)}\n")
    b.add(f"Purchase order: 45{rng.randint(10_000_000, 99_999_999)}\n")
    b.add(f"Order no.: {_mod11(rng, True)}\n")
    b.add(f"VAT registration: GB {rng.randint(100, 999)} {rng.randint(1000, 9999)} ")
    b.add(f"{rng.randint(10, 99)}\n")
    b.add(f"Company number: {rng.randint(1_000_000, 9_999_999):08d}\n")
    b.add(f"Customer account: {rng.randint(10_000_000, 99_999_999)}\n\n")
    for item in rng.sample(["Grounds maintenance", "Printing", "Consultancy", "Cleaning"], 2):
        b.add(f"{item}\t{rng.randint(1, 40)}\t£{rng.randint(100, 5000)}.00\n")
    b.add(f"\nPayment due by {_date(rng)}. Please quote the invoice number.\n")
    return b


def invite(rng: random.Random) -> Builder:
    b = Builder()
    b.add(f"{rng.choice(COMMITTEES)} pre-meeting\n\n")
    b.add(f"When: {_date(rng)} 10:00-11:00\nWhere: Room {rng.randint(1, 4)}.{rng.randint(1, 30)}")
    b.add(", County Hall, or join online\n")
    b.add(f"Meeting ID: {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)} ")
    b.add(f"{rng.randint(100, 999)}\nConference ID: {rng.randint(100_000_000, 999_999_999)}#\n\n")
    b.add(paragraph(rng, 2) + "\n")
    return b


def ticket(rng: random.Random) -> Builder:
    b = Builder()
    b.add(f"Your request INC{rng.randint(1_000_000, 9_999_999)} has been updated.\n\n")
    b.add(f"Status: resolved on {_date(rng)}\n")
    b.add(f"Courier tracking number: {v.luhn_reference(rng)}\n")
    b.add(f"Ticket reference: {_mod11(rng, rng.random() < 0.3)}\n")
    b.add(f"Asset tag: {rng.choice('ABCDEFGH')}{rng.randint(10_000, 99_999)}\n\n")
    b.add(paragraph(rng, 2) + "\n\nIT Service Desk\n")
    return b


CLEAN_KINDS: dict[str, tuple[Callable[[random.Random], Builder], int]] = {
    "minutes": (minutes, 3),
    "newsletter": (newsletter, 2),
    "policy": (policy, 1),
    "invoice": (invoice, 3),
    "invite": (invite, 2),
    "ticket": (ticket, 2),
}
"""Document builders with no personal data, and their relative weights."""

"""Documents that hold personal data: case notes, referrals, replies, tables, payments.

Each builder writes what a council officer or a resident would, labels every value it
places, and mixes in hard negatives (meeting dates, invoice numbers passing mod-11,
street names alone, organisation names) that stay unlabelled. The wording is written for
this benchmark and shares no template with the detectors' tests.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import gen_values as v
from gen_builder import Builder
from gen_names import NameSource, Person, mention
from gen_text import (
    HOUSE_NAMES,
    LOCALITIES,
    ORGANISATIONS,
    SENSITIVE,
    TOWNS,
    paragraph,
    street,
)

__all__ = ["PII_KINDS", "Ctx"]


@dataclass(slots=True)
class Ctx:
    """What a document builder needs: the seeded RNG, the name source, the name set."""

    rng: random.Random
    names: NameSource
    name_set: str

    def person(self) -> Person:
        return self.names.person(self.rng, self.name_set)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


# --- pieces -------------------------------------------------------------------------------


def address(b: Builder, c: Ctx, *, multiline: bool | None = None, indent: str = "") -> Builder:
    """STREET_ADDRESS (house to town/county) then UK_POSTCODE, as one line or a block."""
    rng = c.rng
    house = (
        rng.choice(HOUSE_NAMES)
        if c.chance(0.1)
        else (f"Flat {rng.randint(1, 12)}, " if c.chance(0.15) else "") + str(rng.randint(1, 220))
    )
    town, county = rng.choice(TOWNS)
    lines = [f"{house} {street(rng)}" if house[0].isdigit() else house]
    if not house[0].isdigit():
        lines.append(street(rng))
    if c.chance(0.3):
        lines.append(rng.choice(LOCALITIES))
    lines.append(town)
    if county and c.chance(0.5):
        lines.append(county)
    code, code_fmt = v.postcode(rng)
    if multiline if multiline is not None else c.chance(0.4):
        block = ("\n" + indent).join(lines)
        b.value("STREET_ADDRESS", block, fmt="block").add("\n" + indent)
        return b.value("UK_POSTCODE", code, fmt=code_fmt)
    b.value("STREET_ADDRESS", ", ".join(lines), fmt="one-line")
    b.add(rng.choice([", ", " "]))
    return b.value("UK_POSTCODE", code, fmt=code_fmt)


def phone(b: Builder, c: Ctx) -> Builder:
    text, fmt, source = v.phone(c.rng)
    return b.value("PHONE_NUMBER", text, fmt=fmt, source=source)


def dob(b: Builder, c: Ctx, born: date) -> Builder:
    text, fmt = v.written_date(c.rng, born)
    return b.value("DATE_OF_BIRTH", text, fmt=fmt)


def other_date(b: Builder, c: Ctx) -> Builder:
    """A date that is not a birth date: never labelled."""
    return b.add(v.written_date(c.rng, v.recent_date(c.rng))[0])


def nhs(b: Builder, c: Ctx) -> Builder:
    text, fmt = v.nhs_number(c.rng)
    return b.value("UK_NHS_NUMBER", text, fmt=fmt)


def nino(b: Builder, c: Ctx) -> Builder:
    text, fmt = v.nino(c.rng)
    return b.value("UK_NINO", text, fmt=fmt)


def email(b: Builder, c: Ctx, p: Person) -> Builder:
    text, fmt = v.email(c.rng, p.forename, p.surname)
    return b.value("EMAIL_ADDRESS", text, fmt=fmt)


def sensitive(b: Builder, c: Ctx, subject: str) -> Builder:
    """One sentence about the subject stating a special-category fact; the phrase is labelled."""
    category = c.rng.choices(list(SENSITIVE), weights=[6, 4, 2, 1, 1, 1, 1, 1, 1])[0]
    before, term, after = c.rng.choice(SENSITIVE[category])
    if before[:1].isupper():
        return b.add(before).value(category, term).add(after)
    return b.add(f"{subject} {before}").value(category, term).add(after)


def hard_negative_ref(c: Ctx) -> str:
    """A reference number that passes the NHS mod-11 check, beside what it really is."""
    number = v.mod11_passing(c.rng)
    if c.chance(0.4):
        number = f"{number[:3]} {number[3:6]} {number[6:]}"
    label = c.rng.choice(["Invoice no.", "Order number", "Ticket", "PO", "Booking ref", "Ref"])
    return f"{label} {number}"


def signature(b: Builder, c: Ctx, staff: Person) -> Builder:
    """An officer's signature block: name, role, team, phone, email, office address."""
    rng = c.rng
    b.add("\n")
    mention(b, rng, staff, "full")
    b.add("\n" + rng.choice(["Social Worker", "Housing Officer", "Benefits Assessor"]))
    b.add(" | " + rng.choice(["Adult Social Care", "Housing Options", "Revenues & Benefits"]))
    b.add("\n" + rng.choice(ORGANISATIONS[10:13]) + "\nTel: ")
    phone(b, c)
    if c.chance(0.5):
        b.add("\nMobile: ")
        text, fmt, source = v.phone(c.rng)
        b.value("PHONE_NUMBER", text, fmt=fmt, source=source)
    b.add("\nEmail: ")
    email(b, c, staff)
    if c.chance(0.4):
        b.add("\n")
        address(b, c, multiline=False)
    return b.add("\n")


# --- documents ----------------------------------------------------------------------------


def case_note(c: Ctx) -> Builder:
    rng, b = c.rng, Builder()
    client, relative, staff = c.person(), c.person(), c.person()
    b.add("Case note - ")
    other_date(b, c)
    b.add("\nRecorded by: ")
    mention(b, rng, staff, "full")
    b.add("\n\nHome visit to ")
    mention(b, rng, client, rng.choice(["title-surname", "title-full"]))
    b.add(" at ")
    address(b, c, multiline=False)
    b.add(". ")
    pronoun = "She" if client.female else "He"
    sensitive(b, c, pronoun)
    b.add(" ")
    if c.chance(0.7):
        b.add(f"{pronoun} confirmed {'her' if client.female else 'his'} date of birth as ")
        dob(b, c, v.birth_date(rng)).add(" and NHS number as ")
        nhs(b, c).add(". ")
    b.add("Also present was ")
    mention(b, rng, relative)
    b.add(f" ({rng.choice(['daughter', 'son', 'neighbour', 'carer'])}), who can be reached on ")
    phone(b, c).add(". ")
    b.add(paragraph(rng, 2) + "\n\n")
    b.add(f"The {rng.choice(ORGANISATIONS[:10])} voucher and {hard_negative_ref(c)} were ")
    b.add("discussed. Next visit: ")
    other_date(b, c)
    b.add(f" (the road works on {street(rng)} may delay arrival).\n")
    if c.chance(0.15):
        b.add("Moved to the area in 2015; date of birth checked against records on ")
        other_date(b, c)
        b.add(".\n")
    return b


def referral(c: Ctx) -> Builder:
    rng, b = c.rng, Builder()
    client, gp, referrer = c.person(), c.person(), c.person()
    born = v.birth_date(rng)
    b.add(rng.choice(["REFERRAL FORM", "Referral for assessment", "Early Help referral"]) + "\n")
    b.add("Date of referral: ")
    other_date(b, c)
    fields: list[tuple[str, Callable[[Builder], Builder]]] = [
        ("Name", lambda x: mention(x, rng, client, rng.choice(["full", "surname-comma"]))),
        (rng.choice(["Date of birth", "DOB", "D.O.B."]), lambda x: dob(x, c, born)),
        ("Address", lambda x: address(x, c, multiline=True, indent="         ")),
        (rng.choice(["NHS number", "NHS No", "NHS no."]), lambda x: nhs(x, c)),
        (rng.choice(["NI number", "National Insurance no.", "NINO"]), lambda x: nino(x, c)),
        (rng.choice(["Telephone", "Tel", "Contact number"]), lambda x: phone(x, c)),
        ("Email", lambda x: email(x, c, client)),
        ("GP", lambda x: mention(x.add("Dr "), rng, gp, "full").add(", Riverside Surgery")),
    ]
    keep = [f for f in fields if f[0] in ("Name", "Address") or c.chance(0.75)]
    for label, write in keep:
        b.add(f"\n{label}: ")
        write(b)
    b.add("\n\nReason for referral:\n")
    sensitive(b, c, "The client")
    b.add(" " + paragraph(rng, 2) + "\n\nReferred by: ")
    mention(b, rng, referrer, "full")
    b.add(", " + rng.choice(ORGANISATIONS[5:10]) + "\n")
    return b


def _enquiry(c: Ctx, resident: Person) -> Builder:
    """The resident's original message, later quoted under a reply."""
    rng, b = c.rng, Builder()
    b.add("Hello,\n\nI am writing about my ")
    b.add(rng.choice(["housing application", "council tax bill", "parking permit renewal"]))
    b.add(". My address is ")
    address(b, c, multiline=False)
    b.add(" and my date of birth is ")
    dob(b, c, v.birth_date(rng)).add(".\n")
    if c.chance(0.5):
        b.add("My National Insurance number is ")
        nino(b, c).add(".\n")
    b.add("You can call me on ")
    phone(b, c).add(" after 5pm.\n\nThanks,\n")
    return mention(b, rng, resident, "full").add("\n")


def reply_thread(c: Ctx) -> Builder:
    rng, b = c.rng, Builder()
    resident, staff = c.person(), c.person()
    b.add("Dear ")
    mention(b, rng, resident, rng.choice(["title-surname", "full"]))
    b.add(",\n\nThank you for your email. " + paragraph(rng, 3) + "\n")
    if c.chance(0.4):
        b.add("I have updated your record with the new number, ")
        phone(b, c).add(".\n")
    b.add("\nKind regards,\n")
    signature(b, c, staff)
    enquiry = _enquiry(c, resident)
    if c.chance(0.5):
        b.add("\n-----Original Message-----\nFrom: ")
        mention(b, rng, resident, "full").add(" <")
        email(b, c, resident).add(">\nSent: ")
        other_date(b, c)
        b.add(" 09:14\nTo: Customer Services <")
        b.value("EMAIL_ADDRESS", "customer.services@council.example.org", fmt="role")
        b.add(">\nSubject: Enquiry\n\n")
        return b.extend(enquiry)
    b.add("\nOn ")
    other_date(b, c)
    b.add(", ")
    mention(b, rng, resident, "full").add(" <")
    email(b, c, resident).add("> wrote:\n")
    return b.extend(enquiry.quoted())


def spreadsheet(c: Ctx) -> Builder:
    """Rows pasted from a spreadsheet: tab- or pipe-separated, with a non-DOB date column."""
    rng, b = c.rng, Builder()
    sep = rng.choice(["\t", " | ", "\t"])
    columns = ["Name", "DOB", rng.choice(["NHS No", "NI No"]), "Postcode", "Phone", "Received"]
    b.add(rng.choice(["Please see the list below for the panel.", "Data for the review:"]))
    b.add("\n\n" + sep.join(columns) + "\n")
    for _ in range(rng.randint(3, 9)):
        person = c.person()
        mention(b, rng, person, rng.choice(["full", "surname-comma", "initial"])).add(sep)
        dob(b, c, v.birth_date(rng)).add(sep)
        (nhs(b, c) if columns[2] == "NHS No" else nino(b, c)).add(sep)
        code, fmt = v.postcode(rng)
        b.value("UK_POSTCODE", code, fmt=fmt).add(sep)
        phone(b, c).add(sep)
        other_date(b, c)
        b.add("\n")
    return b.add("\n" + paragraph(rng, 1) + "\n")


def payment(c: Ctx) -> Builder:
    rng, b = c.rng, Builder()
    payee = c.person()
    b.add("Dear ")
    mention(b, rng, payee, "title-surname")
    b.add(f",\n\nRe: council tax account {rng.randint(10_000_000, 99_999_999)}\n\n")
    b.add(f"We will refund £{rng.randint(20, 900)}.{rng.randint(0, 99):02d} to the account ")
    b.add("you gave us.\n")
    if c.chance(0.7):
        b.add("Account name: ")
        mention(b, rng, payee, "full")
        b.add("\nSort code: ")
        text, fmt = v.sort_code(rng)
        b.value("UK_SORT_CODE", text, fmt=fmt).add("\nAccount number: ")
        text, fmt = v.account_number(rng)
        b.value("UK_BANK_ACCOUNT", text, fmt=fmt).add("\n")
    else:
        b.add("As the account is overseas we will pay by transfer to IBAN ")
        text, fmt = v.iban(rng)
        b.value("IBAN", text, fmt=fmt).add(" (BIC NWBKGB2L).\n")
    if c.chance(0.6):
        b.add("The card you used for the original payment, ")
        text, fmt = v.card_number(rng)
        b.value("CARD_NUMBER", text, fmt=fmt)
        b.add(f", expired in {rng.choice(v.MONTHS)} so it cannot be used.\n")
    b.add(f"The {hard_negative_ref(c)} relates to the original bill dated ")
    other_date(b, c)
    b.add(".\n\nRevenues Team\n")
    return b


def id_check(c: Ctx) -> Builder:
    rng, b = c.rng, Builder()
    holder = c.person()
    born = v.birth_date(rng)
    b.add(rng.choice(["Right to rent check", "Parking permit application", "Licence application"]))
    b.add(" - identity documents seen\n\nApplicant: ")
    mention(b, rng, holder, "full")
    b.add("\nDate of birth: ")
    dob(b, c, born)
    if c.chance(0.8):
        b.add(f"\n{rng.choice(['Passport number', 'UK passport no.', 'Passport'])}: ")
        text, fmt = v.passport(rng)
        b.value("UK_PASSPORT", text, fmt=fmt).add(" (expires ")
        other_date(b, c)
        b.add(")")
    if c.chance(0.8):
        b.add(f"\n{rng.choice(['Driving licence', 'DVLA licence number', 'Licence no.'])}: ")
        text, fmt = v.driving_licence(rng, holder.surname, holder.forename, born, holder.female)
        b.value("UK_DRIVING_LICENCE", text, fmt=fmt)
    if c.chance(0.5):
        b.add("\nNational Insurance number: ")
        nino(b, c)
    b.add("\nChecked by officer on ")
    other_date(b, c)
    return b.add(". " + paragraph(rng, 1) + "\n")


def _password(rng: random.Random) -> str:
    words = ["Kestrel", "Lantern", "Harbour", "Copper", "Maple", "Orbit", "Thistle", "Quartz"]
    style = rng.randrange(3)
    if style == 0:
        return f"{rng.choice(words)}{rng.choice('!#$%&*')}{rng.choice(words)}{rng.randint(10, 99)}"
    if style == 1:
        alphabet = string.ascii_letters + string.digits + "!#%&*"
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(10, 14)))
    return f"{rng.choice(words).lower()}-{rng.choice(words).lower()}-{rng.randint(100, 999)}"


def credentials(c: Ctx) -> Builder:
    rng, b = c.rng, Builder()
    user = c.person()
    b.add("Hi ")
    mention(b, rng, user, "full")
    b.add(",\n\n")
    kind = rng.choice(["account_password", "file_password", "pin", "api_key"])
    if kind == "account_password":
        b.add("Your network account has been reset. Your temporary password is ")
        b.value("CREDENTIAL", _password(rng), subtype=kind).add(" and must be changed at logon.")
    elif kind == "file_password":
        b.add("The attached spreadsheet is protected. Password to open it: ")
        b.value("CREDENTIAL", _password(rng), subtype=kind)
    elif kind == "pin":
        b.add("The key safe at the property has been set up. The code is ")
        b.value("CREDENTIAL", f"{rng.randint(0, 9999):04d}", subtype=kind).add(".")
    else:
        key = "mwk_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(32))
        b.add("For the booking system integration use API key: ")
        b.value("CREDENTIAL", key, subtype=kind)
    b.add("\n\n" + paragraph(rng, 2) + "\n\nIT Service Desk\n")
    return b


def short_with_signature(c: Ctx) -> Builder:
    rng, b = c.rng, Builder()
    b.add(rng.choice(["Hi all,", "Hello,", "Good morning,"]) + "\n\n" + paragraph(rng, 2))
    b.add(f" The meeting is on {v.date_words(rng, v.recent_date(rng))} in the ")
    b.add(f"{rng.choice(['Council Chamber', 'Room 2.14', 'Ditchingham Room'])}.\n\nThanks\n")
    return signature(b, c, c.person())


PII_KINDS: dict[str, tuple[Callable[[Ctx], Builder], int]] = {
    "case_note": (case_note, 4),
    "referral": (referral, 4),
    "reply_thread": (reply_thread, 4),
    "spreadsheet": (spreadsheet, 2),
    "payment": (payment, 3),
    "id_check": (id_check, 3),
    "credentials": (credentials, 1),
    "signature": (short_with_signature, 2),
}
"""Document builders with personal data, and their relative weights in the corpus."""

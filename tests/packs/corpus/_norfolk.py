"""Norfolk County Council corpus (seed: seeds/000_2fe49b68da7b1c1f.txt, clauses NCC-*)."""

# ruff: noqa: E501
from __future__ import annotations

from _mailkit import (
    Attachment,
    Case,
    addr,
    build,
    csv_bytes,
    docx_bytes,
    ics_bytes,
    message_id,
    nhs_number,
    pdf_bytes,
    to_html,
    uk_time,
)

ADDRESS = "Norfolk County Council, County Hall, Martineau Lane, Norwich NR1 2DH"


def sig(name: str, role: str, phone: str, email: str) -> str:
    return f"{name}\n{role}\n{ADDRESS}\nTel: {phone} | Email: {email}"


HANNAH = addr("Critchley, Hannah", "hannah.critchley@norfolk.gov.uk")
HANNAH_SIG = sig(
    "Hannah Critchley",
    "Social Worker | Adult Social Services – Norwich Locality Team",
    "01632 960412",
    "hannah.critchley@norfolk.gov.uk",
)
TOM = addr("Elsworth, Tom", "tom.elsworth@norfolk.gov.uk")
TOM_SIG = sig(
    "Tom Elsworth",
    "Team Manager | Adult Social Services – Norwich Locality Team",
    "01632 960418",
    "tom.elsworth@norfolk.gov.uk",
)
ALISON = addr("Drury, Alison", "alison.drury@norfolk.gov.uk")
ALISON_SIG = sig(
    "Alison Drury",
    "Procurement Officer | Corporate Procurement",
    "01632 960571",
    "alison.drury@norfolk.gov.uk",
)
REBECCA = addr("Thorne, Rebecca", "rebecca.thorne@norfolk.gov.uk")
REBECCA_SIG = sig(
    "Rebecca Thorne",
    "Partnership Manager | Community Information and Learning",
    "01632 960534",
    "rebecca.thorne@norfolk.gov.uk",
)
GARETH = addr("Moyse, Gareth", "gareth.moyse@norfolk.gov.uk")
GARETH_SIG = sig(
    "Gareth Moyse",
    "Senior Engineer | Highways – Network Management",
    "01632 960233",
    "gareth.moyse@norfolk.gov.uk",
)
NIAMH = addr("Fairweather, Niamh", "niamh.fairweather@norfolk.gov.uk")
NIAMH_SIG = sig(
    "Niamh Fairweather",
    "Internal Communications Officer | Adult Social Services",
    "01632 960645",
    "niamh.fairweather@norfolk.gov.uk",
)
KATE = addr("Lomax, Kate", "kate.lomax@norfolk.gov.uk")
KATE_SIG = sig(
    "Kate Lomax",
    "Business Support Officer | Adult Social Services – Norwich Locality Team",
    "01632 960427",
    "kate.lomax@norfolk.gov.uk",
)

GROUP = addr("Adult Social Care – North", "adult.social.care.north@norfolk.gov.uk")
ASS_LIST = addr("ASS North Locality", "ass.north.locality@norfolk.gov.uk")
SUE = addr("Sue Plumstead", "sue.plumstead@broadland-homecare.example")
MARK = addr("Mark Sayer", "mark.sayer@eastern-office-furniture.example")
JO = addr("Jo Whitlam", "jo.whitlam@carersmatter.example")
PRIYA = addr("Priya Nair", "priya.nair@highways-contracting.example")
LEWIS = addr("Lewis Brand", "lewis.brand@gritting-services.example")
DISCHARGE_HUB = addr("Norwich Discharge Hub", "norwich.discharge.hub@nhs.net")
GP = addr("East Norwich Medical Partnership", "eastnorwich.mp.referrals@nhs.net")

PAGETT_NHS = nhs_number("999140338")
RUDD_NHS = nhs_number("999211419")
PAGETT = (
    f"Mrs Doreen Pagett (DOB 14/03/1938, NHS number {PAGETT_NHS}), 12 Wensum Close, Norwich NR3 2LP"
)
RUDD_DETAILS = f"""Name: Mr Albert Rudd
DOB: 02/11/1941
NHS number: {RUDD_NHS}
Address: Flat 3, 41 Spixworth Road, Old Catton, Norwich NR6 7NE
Next of kin: daughter, Mrs Claire Hebden, 07700 900364

Mr Rudd has a diagnosis of vascular dementia and type 2 diabetes (insulin prompted by the district nurses). He needs prompting with meals and medication and help with washing and dressing. Four calls a day, start date Monday 23 March.

Please be aware there is an open safeguarding enquiry: a neighbour has been taking Mr Rudd's bank card to "do his shopping" and we have concerns about financial abuse. Please do not discuss the enquiry with the neighbour and report any visitors to me."""

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


add(
    Case(
        file="01-internal-case-discussion.eml",
        verdict="allow",
        why="Internal case discussion: a service user's name, DOB, NHS number and a safeguarding concern stay inside norfolk.gov.uk (NCC-E6 applies only to a non-County Council address); the subject carries only the LiquidLogic (LAS) number, which NCC-E8 allows.",
        message=build(
            seed="norfolk-01",
            frm=TOM,
            to=[HANNAH],
            subject="RE: LAS 1048273 – review outcome",
            when=uk_time(3, 2, 11, 5),
            in_reply_to=message_id("norfolk-01-orig"),
            text=f"""Hi Hannah,

Thanks – agreed on all points. Please raise the safeguarding concern today and book the joint visit with the district nurses for Thursday. I'll take it to Wednesday's allocation meeting so we have a second worker if the grandson is at the property.

Tom

{TOM_SIG}

-----Original Message-----
From: Critchley, Hannah <hannah.critchley@norfolk.gov.uk>
Sent: 02 March 2026 09:14
To: Elsworth, Tom <tom.elsworth@norfolk.gov.uk>
Subject: LAS 1048273 – review outcome

Hi Tom,

Outcome of this morning's review for {PAGETT}:

- Mobility has declined since the fall in January; she now needs two carers for transfers.
- The district nurse reported unexplained bruising to both forearms on 26 February.
- Mrs Pagett told me her grandson has been collecting her pension and she has had no money for shopping for two weeks. I think this meets the threshold for a safeguarding concern (possible financial abuse and neglect).

I'd like to raise a Section 42 enquiry and increase the package to four calls a day from next week. Are you happy for me to proceed?

Thanks,
Hannah

{HANNAH_SIG}
""",
        ),
    )
)

add(
    Case(
        file="02-supplier-signature-only.eml",
        verdict="allow",
        why="External mail to a supplier holding only the sender's own signature block (name, role, council phone and address) and the recipient's name in the greeting: not third-party personal data (DESIGN.md), so NCC-E6 does not apply.",
        message=build(
            seed="norfolk-02",
            frm=ALISON,
            to=[MARK],
            subject="PO 4500128847 – delivery of sit-stand desks to County Hall",
            when=uk_time(3, 3, 10, 22),
            text=f"""Dear Mark,

Thank you for confirming the order. The 24 sit-stand desks on PO 4500128847 should be delivered to the goods-in bay at County Hall on Tuesday 10 March between 08:00 and 10:00. Please ask the driver to report to the security lodge on arrival; the bay is signposted from the Martineau Lane entrance.

The desks are for the third floor (South Wing). Our facilities team will have a goods lift reserved for the morning, so your crew can take them straight up. Please could you also send the assembly instructions and the five-year warranty certificate with the invoice.

If anything changes on your side, please let me know by Friday.

Kind regards,

Alison

{ALISON_SIG}
""",
        ),
    )
)

_MEETING = f"""Dear Jo,

Thank you for agreeing to co-chair the spring Carers' Forum. I've booked a planning meeting for the two of us:

Date: Thursday 19 March 2026
Time: 10:00–11:30
Place: Room 2.14, County Hall, Martineau Lane, Norwich NR1 2DH

Visitor parking is available in the front car park; please sign in at main reception and I'll come down to meet you. If you would rather join online, let me know and I'll send a Teams link instead.

I'll bring the feedback summary from the autumn forum and the draft venue list. Could you bring your thoughts on the speakers you mentioned?

Best wishes,

Rebecca

{REBECCA_SIG}
"""

add(
    Case(
        file="03-meeting-arrangements-html.eml",
        verdict="allow",
        why="Meeting arrangements with a voluntary-sector partner; HTML in Arial 12pt on a plain background with a full signature (NCC-E11); no third-party personal data.",
        message=build(
            seed="norfolk-03",
            frm=REBECCA,
            to=[JO],
            subject="Carers' Forum planning meeting – Thursday 19 March",
            when=uk_time(3, 4, 14, 30),
            text=_MEETING,
            html_body=to_html(_MEETING),
        ),
    )
)

add(
    Case(
        file="04-reply-with-quoted-history.eml",
        verdict="allow",
        why="Reply to a contractor with quoted history ('On … wrote:'); the quoted signature is the recipient's own; signature present on the reply (NCC-E11); nothing about third parties.",
        message=build(
            seed="norfolk-04",
            frm=GARETH,
            to=[PRIYA],
            subject="Re: A1067 Fakenham Road resurfacing – traffic management plan",
            when=uk_time(3, 4, 9, 10),
            in_reply_to=message_id("norfolk-04-orig"),
            text=f"""Hi Priya,

Thanks for the revised plan. Version 3 is fine from our side: the two-way lights at the Taverham junction can stay in place overnight as long as they are manned between 07:00 and 09:00. I've checked the bus diversion with our public transport team and they're happy with it.

Please submit the permit application for weeks 14–16 by Friday and we'll turn it round early next week.

Regards,

Gareth

{GARETH_SIG}

On Tue, 3 Mar 2026 at 16:12, Priya Nair <priya.nair@highways-contracting.example> wrote:
> Hi Gareth,
>
> Attached is version 3 of the traffic management plan for the A1067 resurfacing. We've moved the lights back 40 m from the Taverham junction as you asked and added a manned period in the morning peak.
>
> Can you confirm you're happy before we apply for the permit?
>
> Thanks,
> Priya
>
> Priya Nair
> Project Manager, Highways Contracting Ltd
> Tel: 020 7946 0731
""",
        ),
    )
)

_ROUTES = [
    ("route_id", "route_name", "treated_km", "runs_completed", "salt_tonnes"),
    ("N01", "Norwich North – A140/A1151", 48.6, 41, 212.4),
    ("N02", "Norwich South – A146/B1332", 52.1, 39, 220.9),
    ("N03", "Wymondham – A11 link roads", 37.8, 38, 158.2),
    ("N04", "Aylsham – A140 north", 44.3, 36, 181.0),
    ("N05", "Dereham – A47/B1110", 61.0, 40, 266.7),
    ("N06", "Fakenham – A148/A1067", 58.4, 37, 241.3),
    ("N07", "Cromer – A149 coast", 46.9, 35, 190.5),
    ("N08", "North Walsham – B1150", 39.2, 34, 151.8),
]

add(
    Case(
        file="05-csv-attachment-contractor.eml",
        verdict="allow",
        why="Harmless CSV (gritting-route mileage, no personal data) sent to a contractor with a full signature.",
        message=build(
            seed="norfolk-05",
            frm=GARETH,
            to=[LEWIS],
            subject="Winter service 2025/26 – route mileage for final invoice",
            when=uk_time(3, 5, 8, 45),
            text=f"""Dear Lewis,

As promised, attached is the route mileage for the 2025/26 winter season, taken from the vehicle trackers. Please use these figures for the final invoice; the salt tonnages have already been reconciled against the depot stock returns.

Routes N05 and N06 include the extra runs we requested during the snow on 8–9 January.

Regards,

Gareth

{GARETH_SIG}
""",
            attachments=[
                Attachment("winter-2025-26-route-mileage.csv", "text/csv", csv_bytes(_ROUTES))
            ],
        ),
    )
)

add(
    Case(
        file="06-pdf-attachment-agenda.eml",
        verdict="allow",
        why="Harmless PDF agenda (no personal data) to a partner organisation with a full signature.",
        message=build(
            seed="norfolk-06",
            frm=REBECCA,
            to=[JO],
            subject="Carers' Forum 16 April – draft agenda",
            when=uk_time(3, 9, 11, 20),
            text=f"""Dear Jo,

Please find attached the draft agenda for the spring Carers' Forum. Do let me know if you'd like anything moved or added before I send it to the forum mailing list on Friday.

Best wishes,

Rebecca

{REBECCA_SIG}
""",
            attachments=[
                Attachment(
                    "carers-forum-2026-03-agenda.pdf",
                    "application/pdf",
                    pdf_bytes(
                        "Norfolk Carers' Forum - Spring Meeting",
                        [
                            "Thursday 16 April 2026, 10:00-13:00, Council Chamber, County Hall",
                            "",
                            "1. Welcome and introductions (co-chairs)",
                            "2. Feedback from the autumn forum and what has changed",
                            "3. Carers' assessments: the new online form",
                            "4. Respite and short breaks: update from the commissioning team",
                            "5. Young carers in schools",
                            "6. Open floor: questions to the panel",
                            "7. Date of next meeting",
                            "",
                            "Refreshments provided. Hearing loop available in the Chamber.",
                        ],
                    ),
                )
            ],
        ),
    )
)

_NEWS = f"""Hello everyone,

Here is this month's round-up for the North Locality.

Welcome
A warm welcome to Kieran Salter, who joins us as an Occupational Therapist, and to Bethany Coe in Business Support. Please say hello if you see them in the office.

Training
- Mental Capacity Act refresher: Tuesday 24 March, 09:30–12:30, Room 3.02.
- Liquidlogic recording clinic: drop in on Thursday afternoons in April.

Reminders
- Personal information going outside the Council must be sent with Microsoft Mail Encryption unless the recipient's address ends in .gov.uk, .nhs.uk, .nhs.net or .pnn.police.uk.
- Please keep names out of email subject lines and calendar entries; use the LAS number instead.

Have a good month,

Niamh

{NIAMH_SIG}
"""

add(
    Case(
        file="07-newsletter-internal-list.eml",
        verdict="allow",
        why="Team newsletter to an internal distribution list, HTML in Arial 12pt with a signature; staff names stay internal.",
        message=build(
            seed="norfolk-07",
            frm=NIAMH,
            to=[ASS_LIST],
            subject="North Locality news – March 2026",
            when=uk_time(3, 10, 12, 0),
            text=_NEWS,
            html_body=to_html(_NEWS),
        ),
    )
)

add(
    Case(
        file="08-subject-service-user-name.eml",
        verdict="block",
        clauses=("NCC-E8",),
        why="NCC-E8: 'You must not put names or other confidential personal information in the subject line of emails' – the service user's name is in the subject (internal mail, so nothing else applies).",
        message=build(
            seed="norfolk-08",
            frm=HANNAH,
            to=[TOM],
            subject="Doreen Pagett – hospital discharge plan",
            when=uk_time(3, 11, 9, 32),
            text=f"""Hi Tom,

The ward have confirmed discharge for {PAGETT} on Monday. The restarted package (four calls a day, two carers) is agreed with the provider from the Monday lunchtime call.

The Section 42 enquiry is still open; the grandson has been told not to collect her pension and the bank has put a third-party mandate in place for her daughter-in-law.

Thanks,
Hannah

{HANNAH_SIG}
""",
        ),
    )
)

add(
    Case(
        file="09-subject-nhs-number.eml",
        verdict="block",
        clauses=("NCC-E8",),
        why="NCC-E8: an NHS number is 'other confidential personal information' in the subject. The recipient is on nhs.net (forced encryption), so NCC-E6 does not fire: only the subject rule does.",
        message=build(
            seed="norfolk-09",
            frm=HANNAH,
            to=[DISCHARGE_HUB],
            subject=f"Discharge planning for NHS no. {PAGETT_NHS}",
            when=uk_time(3, 11, 15, 5),
            text=f"""Dear Discharge Hub,

Further to this morning's call: the care package for {PAGETT} restarts with the Monday lunchtime call, four calls a day with two carers. Could the ward send the discharge summary and the medication list to the provider before she leaves?

Many thanks,
Hannah

{HANNAH_SIG}
""",
        ),
    )
)

_RUDD_BODY = f"""Dear Sue,

Thank you for accepting the package for Mr Rudd. His details are below for your records.

{RUDD_DETAILS}

Many thanks,
Hannah

{HANNAH_SIG}
"""

add(
    Case(
        file="10-personal-data-external-provider.eml",
        verdict="encrypt",
        clauses=("NCC-E6",),
        why="NCC-E6: 'You must always send personal or confidential information by secure encrypted email if you are sending it to a non-County Council email address' – a service user's name, DOB, NHS number, health and a safeguarding concern to a care provider whose domain has no forced encryption. Norfolk's route is Microsoft Mail Encryption, so the action is encrypt.",
        message=build(
            seed="norfolk-10",
            frm=HANNAH,
            to=[SUE],
            subject="New care package – LAS 1051190",
            when=uk_time(3, 16, 10, 15),
            text=_RUDD_BODY,
        ),
    )
)

add(
    Case(
        file="11-personal-data-nhs-net.eml",
        verdict="allow",
        why="Same personal data as 10, but to an nhs.net address: 'Emails that you send … to an address with one of the suffixes below will automatically have forced encryption' (.nhs.net), so NCC-E6 is satisfied.",
        message=build(
            seed="norfolk-11",
            frm=HANNAH,
            to=[GP],
            subject="Care package start – LAS 1051190",
            when=uk_time(3, 16, 10, 40),
            text=f"""Dear colleagues,

For your records, a package of care starts for your patient on Monday 23 March. Details below.

{RUDD_DETAILS}

Many thanks,
Hannah

{HANNAH_SIG}
""",
        ),
    )
)

add(
    Case(
        file="12-personal-data-consent-marker.eml",
        verdict="allow",
        why="Same data as 10 to the same provider, but the subject carries the consent marker [CONSENT]: NCC-E6 lifts encryption 'UNLESS the subject of the personal information has given their consent for you to send information unencrypted'. Assumes the built-in pack's consent_markers include [CONSENT].",
        message=build(
            seed="norfolk-12",
            frm=HANNAH,
            to=[SUE],
            subject="[CONSENT] New care package – LAS 1051190",
            when=uk_time(3, 16, 11, 5),
            text=f"""Dear Sue,

Mr Rudd and his daughter have asked that information about his care is sent to you by ordinary email, and his consent to this is recorded on LAS (13/03/2026). His details are below.

{RUDD_DETAILS}

Many thanks,
Hannah

{HANNAH_SIG}
""",
        ),
    )
)

add(
    Case(
        file="13-public-webmail-addresses-exposed.eml",
        verdict="block",
        clauses=("NCC-E4",),
        why="NCC-E4: 'You must not make personal email addresses for people external to NCC visible to other recipients … Use the BCC field' – two members of the public on gmail.com and hotmail.co.uk, one in To and one in Cc, see each other's address.",
        message=build(
            seed="norfolk-13",
            frm=REBECCA,
            to=[addr("Sandra Kettleby", "sandra.kettleby71@gmail.com")],
            cc=[addr("Derek Ollerenshaw", "d.ollerenshaw.carer@hotmail.co.uk")],
            subject="Carers' Forum 16 April – change of room",
            when=uk_time(3, 17, 13, 40),
            text=f"""Dear Sandra and Derek,

Thank you both for volunteering to help on the welcome desk at the spring Carers' Forum. Please note the forum has moved from Room 2.14 to the Council Chamber, because more people have booked than we expected.

Could you arrive at 09:15 so I can show you the sign-in sheets? Tea and coffee will be ready.

Best wishes,

Rebecca

{REBECCA_SIG}
""",
        ),
    )
)

add(
    Case(
        file="14-forward-quoted-personal-email.eml",
        verdict="warn",
        clauses=("NCC-E4",),
        why="NCC-E4: 'Do not forward emails without checking that personal email addresses are removed or redacted' – the forwarded text carries a relative's personal outlook.com address. The recipient is on nhs.net (forced encryption), so NCC-E6 does not fire.",
        message=build(
            seed="norfolk-14",
            frm=HANNAH,
            to=[DISCHARGE_HUB],
            subject="FW: Question about my mum's discharge",
            when=uk_time(3, 18, 11, 50),
            text=f"""Dear Discharge Hub,

Please see the query below from Mrs Pagett's son. Could the ward confirm the planned discharge date and whether transport has been booked, so that I can reply to him?

Many thanks,
Hannah

{HANNAH_SIG}

From: Martin Pagett <martin.pagett62@outlook.com>
Sent: 17 March 2026 19:42
To: Critchley, Hannah <hannah.critchley@norfolk.gov.uk>
Subject: Question about my mum's discharge

Hello Hannah,

Mum says the ward told her she is going home on Friday, but nobody has told me. I work in Cambridge and need to know by Thursday so I can take the day off and be there when she arrives. Please could you let me know?

Thanks,
Martin
""",
        ),
    )
)

add(
    Case(
        file="15-internet-print-service.eml",
        verdict="block",
        clauses=("NCC-E5",),
        why="NCC-E5: 'You must not email any information to your own personal printer or an internet printing service' – the recipient is an @hpeprint.com (HP ePrint) address. Assumes hpeprint.com is on the built-in print_service_domains.",
        message=build(
            seed="norfolk-15",
            frm=KATE,
            to=["klomax.home@hpeprint.com"],
            subject="Print: adult carers recruitment poster",
            when=uk_time(3, 19, 17, 40),
            text=f"""Poster for Saturday's stall at the Forum.

{KATE_SIG}
""",
            attachments=[
                Attachment(
                    "carers-recruitment-poster.pdf",
                    "application/pdf",
                    pdf_bytes(
                        "Could you support an adult in Norfolk?",
                        [
                            "Shared Lives carers open their homes to adults who need support.",
                            "Full training, a weekly allowance and 24-hour support are provided.",
                            "",
                            "Come and talk to us at The Forum, Norwich, Saturday 21 March, 10:00-16:00.",
                            "Or call 01632 960700.",
                        ],
                    ),
                )
            ],
        ),
    )
)

add(
    Case(
        file="16-own-personal-gmail.eml",
        verdict="block",
        clauses=("NCC-E1",),
        why="NCC-E1: 'You must not send emails with anything other than your own personal information to your personal email address' – a council training plan sent to the sender's own gmail.com address (listed in deployment.yaml personal_addresses; the local part also matches her name).",
        message=build(
            seed="norfolk-16",
            frm=HANNAH,
            to=["hannah.critchley84@gmail.com"],
            subject="Locality training plan 2026 – to finish at home",
            when=uk_time(3, 23, 18, 5),
            text=f"""Sending this to myself so I can finish it tonight.

{HANNAH_SIG}
""",
            attachments=[
                Attachment(
                    "locality-training-plan-2026.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    docx_bytes(
                        "Norwich Locality Team – Training Plan 2026 (draft)",
                        [
                            "Purpose: to plan the team's mandatory and developmental training for 2026/27.",
                            "Quarter 1: Mental Capacity Act refresher (all social workers); Liquidlogic recording standards.",
                            "Quarter 2: Care Act eligibility workshop; safeguarding adults level 3 for new starters.",
                            "Quarter 3: Strengths-based practice; moving and handling refresher for OTs.",
                            "Quarter 4: Review of the year and learning needs analysis for 2027.",
                            "Budget: to be confirmed with the Workforce Development team.",
                        ],
                        author="Hannah Critchley",
                        created=uk_time(3, 23, 17, 30),
                    ),
                )
            ],
        ),
    )
)

add(
    Case(
        file="17-auto-forward-external.eml",
        verdict="block",
        clauses=("NCC-E14",),
        why="NCC-E14: 'You must only forward to another County Council email account and not to an external email address' – an inbox rule (Auto-Submitted: auto-generated, X-MS-Exchange-Inbox-Rules-Loop) forwards council mail to a contractor's address.",
        message=build(
            seed="norfolk-17",
            frm=GARETH,
            to=["site.records@highways-contracting.example"],
            subject="FW: Street works permits – batch 14 approved",
            when=uk_time(3, 24, 7, 2),
            headers=[
                ("Auto-Submitted", "auto-generated"),
                ("X-MS-Exchange-Inbox-Rules-Loop", "gareth.moyse@norfolk.gov.uk"),
                ("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent"),
            ],
            text="""

-----Original Message-----
From: Street Works Coordination <streetworks@norfolk.gov.uk>
Sent: 24 March 2026 07:01
To: Moyse, Gareth <gareth.moyse@norfolk.gov.uk>
Subject: Street works permits – batch 14 approved

Good morning,

The following permits in batch 14 have been approved and are now live on the register:

- NF-2026-04412: A1067 Fakenham Road, carriageway resurfacing, 6–24 April
- NF-2026-04413: B1149 Holt Road, drainage repairs, 13–17 April
- NF-2026-04415: C471 Reepham Road, verge works, 20–22 April

Conditions are attached to each permit on the register. Please make sure the contractor has copies before work starts.

Street Works Coordination Team
Highways – Network Management
Norfolk County Council, County Hall, Martineau Lane, Norwich NR1 2DH
Tel: 01632 960240 | Email: streetworks@norfolk.gov.uk
""",
        ),
    )
)

_SALTER = addr("Salter, Kieran", "kieran.salter@norfolk.gov.uk")


def _invite(
    *, seed: str, subject: str, description: str, private: bool, day: int, when_sent: int
) -> tuple[str, bytes]:
    start = uk_time(3, day, 14, 0)
    text = f"""{description}

Location: Room 3.04, County Hall

{HANNAH_SIG}
"""
    cal = ics_bytes(
        uid=f"040000008200E00074C5B7101A82E008000000{seed.encode().hex().upper()}",
        organizer=("Critchley, Hannah", "hannah.critchley@norfolk.gov.uk"),
        attendees=[
            ("Elsworth, Tom", "tom.elsworth@norfolk.gov.uk"),
            ("Salter, Kieran", "kieran.salter@norfolk.gov.uk"),
        ],
        start=start,
        minutes=60,
        summary=subject,
        description=description,
        location="Room 3.04, County Hall",
        stamp=uk_time(3, when_sent, 9, 0),
        private=private,
    )
    return text, cal


_D2_TEXT, _D2_CAL = _invite(
    seed="norfolk-18",
    subject="Case discussion – LAS 1048273",
    description=(
        f"To agree the discharge and protection plan for {PAGETT}: "
        "unexplained bruising, possible financial abuse by her grandson, and a two-carer package."
    ),
    private=False,
    day=31,
    when_sent=25,
)

add(
    Case(
        file="18-calendar-invite-not-private.eml",
        verdict="warn",
        clauses=("NCC-D2",),
        why="NCC-D2: 'You must not put third party personal information into your Outlook diary in any form unless it is marked \"Private\"' – the invitation's DESCRIPTION names a service user with DOB, NHS number and a safeguarding concern, and the VEVENT is CLASS:PUBLIC. The subject carries only the LAS number (NCC-E8 passes).",
        message=build(
            seed="norfolk-18",
            frm=HANNAH,
            to=[TOM, _SALTER],
            subject="Case discussion – LAS 1048273",
            when=uk_time(3, 25, 9, 0),
            headers=[("Content-class", "urn:content-classes:calendarmessage")],
            text=_D2_TEXT,
            calendar=_D2_CAL,
        ),
    )
)

_D2P_TEXT, _D2P_CAL = _invite(
    seed="norfolk-19",
    subject="Case discussion – LAS 1051190",
    description=(
        f"Review of the first week of Mr Albert Rudd's package (DOB 02/11/1941, NHS number {RUDD_NHS}) "
        "and the financial abuse enquiry about his neighbour."
    ),
    private=True,
    day=30,
    when_sent=25,
)

add(
    Case(
        file="19-calendar-invite-private.eml",
        verdict="allow",
        why="As 18 (third-party personal data in the DESCRIPTION of an internal invitation) but the VEVENT is CLASS:PRIVATE, which NCC-D2 allows ('unless it is marked \"Private\"').",
        message=build(
            seed="norfolk-19",
            frm=HANNAH,
            to=[TOM, _SALTER],
            subject="Case discussion – LAS 1051190",
            when=uk_time(3, 25, 9, 5),
            headers=[("Content-class", "urn:content-classes:calendarmessage")],
            text=_D2P_TEXT,
            calendar=_D2P_CAL,
        ),
    )
)

_AUTO_REPLY = [
    ("Auto-Submitted", "auto-replied"),
    ("X-Auto-Response-Suppress", "All"),
]

add(
    Case(
        file="20-out-of-office-missing-statement.eml",
        verdict="warn",
        clauses=("NCC-E9",),
        why='NCC-E9: an out-of-office reply (Auto-Submitted: auto-replied) with a return date and an alternative contact but without the required statement "My emails will not be read in my absence".',
        message=build(
            seed="norfolk-20",
            frm=GARETH,
            to=[LEWIS],
            subject="Automatic reply: Gritting invoice query",
            when=uk_time(3, 12, 10, 3),
            in_reply_to=message_id("norfolk-20-orig"),
            headers=_AUTO_REPLY,
            text=f"""Thank you for your email. I am on annual leave until Monday 23 March 2026 and will reply when I am back.

For urgent highways matters please contact the Network Management team on 01632 960200 or network.management@norfolk.gov.uk.

{GARETH_SIG}
""",
        ),
    )
)

add(
    Case(
        file="21-out-of-office-compliant.eml",
        verdict="allow",
        why='NCC-E9 met: alternative contact, return date and "My emails will not be read in my absence"; no personal details or comments.',
        message=build(
            seed="norfolk-21",
            frm=ALISON,
            to=[MARK],
            subject="Automatic reply: Desk delivery – snagging list",
            when=uk_time(3, 26, 14, 20),
            in_reply_to=message_id("norfolk-21-orig"),
            headers=_AUTO_REPLY,
            text=f"""Thank you for your email. I am out of the office and will return on Thursday 2 April 2026.

My emails will not be read in my absence. For anything urgent please contact Corporate Procurement on 01632 960500 or procurement@norfolk.gov.uk.

{ALISON_SIG}
""",
        ),
    )
)

add(
    Case(
        file="22-intemperate-language.eml",
        verdict="warn",
        clauses=("NCC-E10",),
        why="NCC-E10: 'Do not … Make personal remarks … Use angry, intemperate or rude language' – an angry, insulting internal email to a finance colleague.",
        message=build(
            seed="norfolk-22",
            frm=TOM,
            to=[addr("Benning, Craig", "craig.benning@norfolk.gov.uk")],
            subject="RE: Provider invoices – still not paid",
            when=uk_time(3, 9, 16, 10),
            text=f"""Craig,

Frankly this is ridiculous. I have told your team three times that these invoices were approved in January, and you still haven't paid them. Are you people completely incompetent, or do you just not bother reading your emails? The provider is now threatening to hand back the packages and that will be entirely your fault.

Sort it out today or I'm going straight to your director. Stop wasting my bloody time.

Tom

{TOM_SIG}
""",
        ),
    )
)

_AWAY = f"""Hi all,

Our team away day is on Wednesday 22 April at the Norwich Assembly House! We'd love your ideas for the afternoon session – what's working well, what's getting in the way, and what you'd change.

Pop your suggestions in the box by the kitchen or reply to this email by Friday 10 April.

Thanks!

Niamh

{NIAMH_SIG}
"""

add(
    Case(
        file="23-comic-sans-coloured-background.eml",
        verdict="warn",
        clauses=("NCC-E11",),
        why="NCC-E11: 'You must use a plain background, Arial 12pt font' – HTML in Comic Sans MS 14pt on a yellow background (the signature is present).",
        message=build(
            seed="norfolk-23",
            frm=NIAMH,
            to=[ASS_LIST],
            subject="Team away day – bring your ideas!",
            when=uk_time(3, 17, 10, 30),
            text=_AWAY,
            html_body=to_html(
                _AWAY, font='"Comic Sans MS",cursive', size="14.0pt", background="#FFF2CC"
            ),
        ),
    )
)

add(
    Case(
        file="24-reply-without-signature.eml",
        verdict="warn",
        clauses=("NCC-E11",),
        why="NCC-E11: 'a signature which includes your name, role and contact details on all emails, including replies' – a one-line reply with no signature (the quoted original's signature is not the reply's).",
        message=build(
            seed="norfolk-24",
            frm=TOM,
            to=[GARETH],
            subject="RE: County Hall car park closures during resurfacing",
            when=uk_time(3, 19, 9, 12),
            in_reply_to=message_id("norfolk-24-orig"),
            text=f"""Fine by me – thanks for the heads-up.

-----Original Message-----
From: Moyse, Gareth <gareth.moyse@norfolk.gov.uk>
Sent: 18 March 2026 16:47
To: Elsworth, Tom <tom.elsworth@norfolk.gov.uk>
Subject: County Hall car park closures during resurfacing

Hi Tom,

The rear car park at County Hall will be closed on 6 and 7 April for resurfacing. Your team's pool cars will be parked in the front car park on those days. Is that OK with you?

Regards,

Gareth

{GARETH_SIG}
""",
        ),
    )
)

_PROVIDER_FORUM = """Dear Sue,

The next provider forum for home care agencies in the North Locality will be held on Tuesday 21 April 2026, 14:00–16:00, in the Council Chamber at County Hall. Agenda items include the new electronic call monitoring contract and the winter pressures review.

Please let us know by 10 April who will attend from Broadland Homecare.

Kind regards,

{name}
{role}
Adult Social Care – North, Norfolk County Council
County Hall, Martineau Lane, Norwich NR1 2DH
Tel: 01632 960400 | Email: adult.social.care.north@norfolk.gov.uk
"""

add(
    Case(
        file="25-group-mailbox-unauthorised-sender.eml",
        verdict="block",
        sender="kate.lomax@norfolk.gov.uk",
        clauses=("NCC-E12",),
        why="NCC-E12: group mailboxes used only 'in accordance with authorisations' – the authenticated sender is not on the group mailbox's authorised-senders list in deployment.yaml.",
        message=build(
            seed="norfolk-25",
            frm=GROUP,
            to=[SUE],
            subject="Provider forum – 21 April 2026",
            when=uk_time(3, 23, 11, 0),
            text=_PROVIDER_FORUM.format(name="Kate Lomax", role="Business Support Officer"),
        ),
    )
)

add(
    Case(
        file="26-group-mailbox-authorised-sender.eml",
        verdict="allow",
        sender="tom.elsworth@norfolk.gov.uk",
        why="As 25, but the authenticated sender is listed as an authorised sender for the group mailbox (NCC-E12 met).",
        message=build(
            seed="norfolk-26",
            frm=GROUP,
            to=[SUE],
            subject="Provider forum – 21 April 2026",
            when=uk_time(3, 23, 11, 30),
            text=_PROVIDER_FORUM.format(name="Tom Elsworth", role="Team Manager"),
        ),
    )
)

add(
    Case(
        file="27-friday-afternoon-personal-data.eml",
        verdict="allow",
        advice=("NCC-E2",),
        why="Personal data to nhs.net (forced encryption, so NCC-E6 passes) at 16:52 on a Friday: NCC-E2 asks for extra care 'when sending emails in a hurry last thing on a Friday', which is a pre-send checklist tip (advice), not a stop.",
        message=build(
            seed="norfolk-27",
            frm=HANNAH,
            to=[GP],
            subject="Weekend cover – LAS 1051190",
            when=uk_time(3, 27, 16, 52),
            text=f"""Dear colleagues,

Over the weekend the emergency duty team will cover Mr Rudd's package if there are problems. His details are below in case the out-of-hours GP is called.

{RUDD_DETAILS}

Many thanks,
Hannah

{HANNAH_SIG}
""",
        ),
    )
)

"""Telford & Wrekin Council corpus (seed: seeds/001_66513ace52396866.txt, clauses TWC-*)."""

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
    to_html,
    uk_time,
)

ADDRESS = "Telford & Wrekin Council, Addenbrooke House, Ironmasters Way, Telford TF3 4NT"


def sig(name: str, role: str, service: str, phone: str, email: str) -> str:
    return f"{name}\n{role}\n{service}\n{ADDRESS}\nTel: {phone}\nEmail: {email}\nwww.telford.gov.uk"


IAN = addr("Ian Pritchard", "ian.pritchard@telford.gov.uk")
IAN_SIG = sig(
    "Ian Pritchard",
    "Senior Social Worker",
    "Children's Safeguarding and Family Support",
    "01632 960731",
    "ian.pritchard@telford.gov.uk",
)
LEANNE = addr("Leanne Hollis", "leanne.hollis@telford.gov.uk")
LEANNE_SIG = sig(
    "Leanne Hollis",
    "Team Leader",
    "Children's Safeguarding and Family Support",
    "01632 960735",
    "leanne.hollis@telford.gov.uk",
)
CLAIRE = addr("Claire Oakes", "claire.oakes@telford.gov.uk")
CLAIRE_SIG = sig(
    "Claire Oakes",
    "Procurement Officer",
    "Commercial Services",
    "01632 960752",
    "claire.oakes@telford.gov.uk",
)
OWEN = addr("Owen Brereton", "owen.brereton@telford.gov.uk")
OWEN_SIG = sig(
    "Owen Brereton",
    "Parks and Green Spaces Officer",
    "Neighbourhood and Enforcement Services",
    "01632 960768",
    "owen.brereton@telford.gov.uk",
)
HAYLEY = addr("Hayley Dunn", "hayley.dunn@telford.gov.uk")
HAYLEY_SIG = sig(
    "Hayley Dunn",
    "Communications Officer",
    "Children's Services",
    "01632 960744",
    "hayley.dunn@telford.gov.uk",
)
GEMMA = addr("Gemma Rowley", "gemma.rowley@telford.gov.uk")
GEMMA_SIG = sig(
    "Gemma Rowley",
    "Team Leader, Neighbourhood Enforcement",
    "Neighbourhood and Enforcement Services",
    "01632 960779",
    "gemma.rowley@telford.gov.uk",
)
JOSH = addr("Josh Whitby", "josh.whitby@telford.gov.uk")
JOSH_SIG = sig(
    "Josh Whitby",
    "Personal Adviser",
    "Leaving Care Team",
    "01632 960787",
    "josh.whitby@telford.gov.uk",
)

SUNITA = addr("Sunita Rao", "sunita.rao@playgrounds-uk.example")
MARTIN = addr("Martin Hale", "martin.hale@severn-trees.example")
HV_TEAM = addr("Health Visiting Team – Telford", "hv.team.telford@nhs.net")
SCHOOL_NURSING = addr("School Nursing Service", "school.nursing.telford@nhs.net")
FOSTERING = addr(
    "Referrals – Bright Futures Fostering", "referrals@brightfutures-fostering.example"
)
SCHOOL_DSL = addr(
    "Designated Safeguarding Lead – Hadley Brook Primary", "dsl.hadleybrook@taw.org.uk"
)

KAYDEN_NHS = nhs_number("999307162")
RUBY_NHS = nhs_number("999318249")
KAYDEN = f"Kayden Boddington (DOB 19/07/2016, NHS number {KAYDEN_NHS})"
RUBY = f"Ruby-Mae Boddington (DOB 03/10/2024, NHS number {RUBY_NHS})"
HOME = "27 Dawley Road, Lawley Bank, Telford TF4 2LS"

NOTICE = """OFFICIAL-SENSITIVE
This email contains personal and sensitive information. You are responsible for the security and confidentiality of this information: store it securely, share it only with those who need it for this case, and delete it from your mailbox once it is filed on your records."""

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


add(
    Case(
        file="01-internal-case-discussion.eml",
        verdict="allow",
        why="Internal case discussion between colleagues on telford.gov.uk; the Security section allows personal data 'to Telford & Wrekin staff … with a @telford.gov.uk or @taw.org.uk'.",
        message=build(
            seed="telford-01",
            frm=LEANNE,
            to=[IAN],
            subject="RE: Strategy discussion – CP-24-0917",
            when=uk_time(3, 2, 10, 20),
            in_reply_to=message_id("telford-01-orig"),
            text=f"""Ian,

Agreed – the threshold for a Section 47 enquiry is met. Please arrange the joint visit with the police for tomorrow and let the school know. I'll chair the strategy meeting on Thursday at 10:00.

Leanne

{LEANNE_SIG}

-----Original Message-----
From: Ian Pritchard <ian.pritchard@telford.gov.uk>
Sent: 02 March 2026 09:02
To: Leanne Hollis <leanne.hollis@telford.gov.uk>
Subject: Strategy discussion – CP-24-0917

Leanne,

School rang this morning about {KAYDEN}, of {HOME}. He arrived with a mark on his cheek and told his teacher that mum's boyfriend hit him on Saturday. Mum, Kerry Boddington, has not answered calls today. There is also a baby in the household, {RUBY}.

I think we need a strategy discussion today. Are you free at 11?

Ian

{IAN_SIG}
""",
        ),
    )
)

add(
    Case(
        file="02-supplier-signature-only.eml",
        verdict="allow",
        why="External mail to a supplier with only the sender's own signature and the recipient's name in the greeting: no third-party personal data (DESIGN.md), so TWC-A1/A6/S2 do not apply.",
        message=build(
            seed="telford-02",
            frm=CLAIRE,
            to=[SUNITA],
            subject="Quotation request – replacement play equipment, Telford Town Park (TWC-Q-0426)",
            when=uk_time(3, 3, 9, 40),
            text=f"""Dear Sunita,

Telford & Wrekin Council would like a quotation for replacing the junior play area equipment at Telford Town Park (the multi-unit climbing frame and the two cradle swings). The specification and site plan are on our e-tendering portal under reference TWC-Q-0426.

Quotations should include delivery, installation, safety surfacing and a post-installation inspection, and must reach us through the portal by 12:00 on Friday 27 March. Site visits can be arranged on Tuesdays and Thursdays.

Kind regards,

Claire

{CLAIRE_SIG}
""",
        ),
    )
)

_SITE_MEETING = f"""Dear Martin,

Thank you for taking on the tree survey. Let's meet on site:

Date: Wednesday 11 March 2026
Time: 09:30
Meeting point: the Visitor Centre car park, Telford Town Park (what3words on request)

We'll walk the Chain Walk and Spout Mound areas first, where the ash dieback is worst. Please bring your climbing kit, as we may need a closer look at two of the beeches by the lake. Hi-vis is required beyond the compound gates.

Kind regards,

Owen

{OWEN_SIG}
"""

add(
    Case(
        file="03-meeting-arrangements-html.eml",
        verdict="allow",
        why="Meeting arrangements with a contractor; HTML in Arial with the corporate signature (TWC-A11); no third-party personal data.",
        message=build(
            seed="telford-03",
            frm=OWEN,
            to=[MARTIN],
            subject="Site meeting – tree survey, Telford Town Park, Wed 11 March",
            when=uk_time(3, 4, 11, 15),
            text=_SITE_MEETING,
            html_body=to_html(_SITE_MEETING),
        ),
    )
)

add(
    Case(
        file="04-reply-with-quoted-history.eml",
        verdict="allow",
        why="Reply to a supplier with quoted history ('On … wrote:'); the quoted signature is the recipient's own; signature on the reply (TWC-A11).",
        message=build(
            seed="telford-04",
            frm=CLAIRE,
            to=[SUNITA],
            subject="Re: Quotation request – replacement play equipment, Telford Town Park (TWC-Q-0426)",
            when=uk_time(3, 5, 14, 5),
            in_reply_to=message_id("telford-04-orig"),
            text=f"""Dear Sunita,

Yes, an alternative design is welcome as long as it meets EN 1176 and keeps the play value for 8–12 year olds. Please price it as a separate option in your submission. The deadline stays at 12:00 on 27 March.

Kind regards,

Claire

{CLAIRE_SIG}

On Thu, 5 Mar 2026 at 11:48, Sunita Rao <sunita.rao@playgrounds-uk.example> wrote:
> Dear Claire,
>
> Thank you for the invitation to quote. The climbing frame in the specification has been discontinued by the manufacturer. Would you accept an alternative design of a similar size?
>
> Best regards,
> Sunita
>
> Sunita Rao
> Sales Manager, Playgrounds UK Ltd
> Tel: 020 7946 0418
""",
        ),
    )
)

_TREES = [("tree_id", "species", "grid_ref", "height_m", "condition", "action")] + [
    (f"TTP-{n:04d}", species, f"SJ {6980 + n % 37} {720 + n % 53:04d}", height, cond, action)
    for n, (species, height, cond, action) in enumerate(
        [
            ("Fraxinus excelsior", 18, "Dieback >50%", "Fell"),
            ("Fagus sylvatica", 24, "Good", "None"),
            ("Quercus robur", 21, "Fair", "Crown lift"),
            ("Fraxinus excelsior", 15, "Dieback 25-50%", "Monitor"),
            ("Acer pseudoplatanus", 17, "Good", "None"),
            ("Fagus sylvatica", 26, "Fungal bracket at base", "Climb and inspect"),
            ("Betula pendula", 12, "Fair", "Deadwood"),
            ("Fraxinus excelsior", 19, "Dieback >50%", "Fell"),
            ("Tilia x europaea", 20, "Good", "None"),
            ("Quercus robur", 23, "Good", "None"),
        ],
        start=101,
    )
]

add(
    Case(
        file="05-csv-attachment-external.eml",
        verdict="allow",
        why="Harmless CSV (tree asset list, no personal data) to a contractor; TWC-A5's link-instead-of-attach tip is for internal recipients only.",
        message=build(
            seed="telford-05",
            frm=OWEN,
            to=[MARTIN],
            subject="Tree survey – asset list for the Town Park",
            when=uk_time(3, 9, 15, 30),
            text=f"""Dear Martin,

Attached is the asset list for the trees we looked at on Wednesday, with the actions we agreed. Could you add your risk ratings in a new column and send it back by the end of the month?

Kind regards,

Owen

{OWEN_SIG}
""",
            attachments=[Attachment("town-park-tree-assets.csv", "text/csv", csv_bytes(_TREES))],
        ),
    )
)

_BULLETIN = f"""Dear colleagues,

Welcome to the March bulletin for Children's Services.

Family Hubs
The new Family Hub at Hadley opens on Monday 16 March. Drop-in sessions for parents run every weekday morning from 09:30.

Training
Signs of Safety refresher sessions are running on 18 and 25 March in the Addenbrooke House training suite. Book through the learning portal.

Reminder
Please use the Secure Communication System (SCS) when sending personal information to partners who cannot receive TLS-protected email, and remember that calendar subjects must not contain names.

Thanks for all your hard work this month.

Hayley

{HAYLEY_SIG}
"""

add(
    Case(
        file="06-newsletter-internal-list.eml",
        verdict="allow",
        why="Service bulletin to an internal distribution list, HTML in Arial with the corporate signature; no attachment and no personal data.",
        message=build(
            seed="telford-06",
            frm=HAYLEY,
            to=[addr("Children's Services News", "childrens.services.news@telford.gov.uk")],
            subject="Children's Services bulletin – March 2026",
            when=uk_time(3, 10, 8, 30),
            text=_BULLETIN,
            html_body=to_html(_BULLETIN),
        ),
    )
)

add(
    Case(
        file="07-internal-docx-attachment.eml",
        verdict="allow",
        advice=("TWC-A5",),
        why="Internal mail attaching a Word document: TWC-A5 ('Where possible provide a link to documents in an email to reduce the number of copies') is a tip only, so the verdict stays allow.",
        message=build(
            seed="telford-07",
            frm=LEANNE,
            to=[IAN],
            cc=[
                addr("Priya Malik", "priya.malik@telford.gov.uk"),
                addr("Scott Lyons", "scott.lyons@telford.gov.uk"),
            ],
            subject="Draft practice guidance – chronologies (for comment)",
            when=uk_time(3, 11, 13, 0),
            text=f"""Hi all,

Attached is the draft practice guidance on chronologies. Please send me any comments by Friday 20 March; I'd like to take it to the practice forum on the 26th.

Thanks,
Leanne

{LEANNE_SIG}
""",
            attachments=[
                Attachment(
                    "practice-guidance-chronologies-draft.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    docx_bytes(
                        "Practice guidance: chronologies (draft v0.3)",
                        [
                            "1. Purpose. A chronology records significant events in a child's life in date order, so that patterns of harm can be seen.",
                            "2. When to start one. Every child subject to a child protection plan or looked after must have a chronology on the case record.",
                            "3. What to include. Significant events only, each with the date, the source of the information and its impact on the child.",
                            "4. Review. Team leaders review chronologies at supervision at least every six weeks.",
                        ],
                        author="Leanne Hollis",
                        created=uk_time(3, 11, 12, 30),
                    ),
                )
            ],
        ),
    )
)

add(
    Case(
        file="08-personal-data-tls-partner-with-notice.eml",
        verdict="allow",
        advice=("TWC-S2",),
        why="Personal and sensitive data to an nhs.net health visiting team, which is a TLS-enforced partner (deployment.yaml secure_domains), so TWC-A1/S1/U8 are met; the handling notice meets TWC-A6. Full names in external mail give a TWC-S2 tip ('consider whether it is essential to include full names').",
        message=build(
            seed="telford-08",
            frm=IAN,
            to=[HV_TEAM],
            subject="[OFFICIAL-SENSITIVE] Health visitor input – CP-24-0917",
            when=uk_time(3, 12, 9, 45),
            text=f"""{NOTICE}

Dear colleagues,

A strategy meeting on 5 March agreed a Section 47 enquiry for the family at {HOME}. The baby in the household is {RUBY}. Her older brother has an injury that he says was caused by his mother's partner.

Could the health visitor attached to the family let me know when Ruby-Mae was last seen, whether she is up to date with her checks, and any concerns about her weight or development? The initial child protection conference is on 26 March and I'd welcome a report by the 23rd.

Kind regards,

Ian

{IAN_SIG}
""",
        ),
    )
)

add(
    Case(
        file="09-personal-data-no-tls-route.eml",
        verdict="encrypt",
        clauses=("TWC-A1",),
        advice=("TWC-S2",),
        why="TWC-A1 (with TWC-S1, TWC-U8): 'Use the Council's Secure Communication System (SCS) to exchange personal and sensitive data to external parties where TLS enabled email cannot be used' – a child's name, DOB, NHS number and protection concerns to a fostering agency not on the TLS list, so it goes by SCS (encrypt). The handling notice is present (TWC-A6 met); full names give a TWC-S2 tip.",
        message=build(
            seed="telford-09",
            frm=IAN,
            to=[FOSTERING],
            subject="[OFFICIAL-SENSITIVE] Placement referral – CP-24-0917",
            when=uk_time(3, 12, 15, 20),
            text=f"""{NOTICE}

Dear colleagues,

We are looking for an emergency foster placement, possibly from this weekend, for {KAYDEN}. Kayden is 9, attends Hadley Brook Primary and has asthma (inhalers in school and at home). He is the subject of a Section 47 enquiry after an injury caused by his mother's partner.

Please let me know by 17:00 tomorrow whether you have a carer within reach of the school.

Kind regards,

Ian

{IAN_SIG}
""",
        ),
    )
)

add(
    Case(
        file="10-personal-data-no-handling-notice.eml",
        verdict="warn",
        clauses=("TWC-A6",),
        advice=("TWC-S2",),
        why="TWC-A6: 'Remind the recipient, if any sensitive/confidential data, of their responsibility for the security and confidentiality of that data' – safeguarding information about a child leaves (to a TLS partner, so TWC-A1 is met) with no handling notice or marking. Full names give a TWC-S2 tip.",
        message=build(
            seed="telford-10",
            frm=IAN,
            to=[SCHOOL_NURSING],
            subject="School nursing referral – CP-24-0917",
            when=uk_time(3, 16, 10, 5),
            text=f"""Dear colleagues,

Please could the school nurse for Hadley Brook Primary see {KAYDEN} this week. He is the subject of a Section 47 enquiry after his mother's partner hit him, and he has been wetting himself in class since. His asthma review is also overdue.

Mum, Kerry Boddington, is aware of the referral and has agreed to it.

Kind regards,

Ian

{IAN_SIG}
""",
        ),
    )
)

add(
    Case(
        file="11-shared-mailbox-personal-data.eml",
        verdict="warn",
        sender="deepak.sandhu@telford.gov.uk",
        clauses=("TWC-A2",),
        why="TWC-A2: a generic/team account must not be used 'to send confidential information which should only be shared with certain team members' – a resident's NI number, income and disability benefit sent from the Revenues and Benefits shared mailbox (deployment.yaml shared_mailboxes). Internal recipient, so nothing else applies.",
        message=build(
            seed="telford-11",
            frm=addr("Revenues and Benefits", "revenues.benefits@telford.gov.uk"),
            to=[addr("Nadia Farooq", "nadia.farooq@telford.gov.uk")],
            subject="Council Tax Support – account 50027741",
            when=uk_time(3, 16, 14, 35),
            text="""Hi Nadia,

As discussed, details for the Council Tax Support claim you are assessing:

Name: Mr Colin Astbury
Address: 22 Holyhead Road, Wellington, Telford TF1 2DQ
National Insurance number: JT 48 27 19 B
Income: Employment and Support Allowance (support group) £158.60 a week, Personal Independence Payment (enhanced daily living)
Household: lives alone

He has told us he has multiple sclerosis and cannot manage stairs, so please arrange any visit at the ground-floor flat entrance.

Thanks,
Deepak

Deepak Sandhu
Revenues and Benefits Officer
Customer and Neighbourhood Services
Telford & Wrekin Council, Addenbrooke House, Ironmasters Way, Telford TF3 4NT
Tel: 01632 960795
Email: revenues.benefits@telford.gov.uk
www.telford.gov.uk
""",
        ),
    )
)

add(
    Case(
        file="12-public-addresses-exposed.eml",
        verdict="warn",
        clauses=("TWC-A3",),
        why="TWC-A3: 'limit the number of recipients … to people who require it' – three members of the public's personal webmail addresses (gmail.com, outlook.com, yahoo.co.uk) are visible to each other in To. Telford warns rather than blocks, and does not ask for Bcc (TWC-A9).",
        message=build(
            seed="telford-12",
            frm=OWEN,
            to=[
                addr("Alan Pargeter", "alan.pargeter.walks@gmail.com"),
                addr("Jenny Woodvine", "jenny.woodvine1980@outlook.com"),
                addr("Ravi Chaudhry", "ravi.c.telfordrunner@yahoo.co.uk"),
            ],
            subject="Volunteer litter pick – Saturday 14 March",
            when=uk_time(3, 10, 16, 0),
            text=f"""Dear Alan, Jenny and Ravi,

Thank you for signing up for the volunteer litter pick at Telford Town Park this Saturday, 14 March. We'll meet at 10:00 outside the Visitor Centre and finish by 12:30.

Litter pickers, gloves, hi-vis vests and bags are provided. Please wear sturdy shoes and bring water. Tea and biscuits afterwards in the Visitor Centre café.

Kind regards,

Owen

{OWEN_SIG}
""",
        ),
    )
)

_FIRST = [
    "Aaron", "Bethan", "Callum", "Danielle", "Ethan", "Fiona", "Gavin", "Holly", "Imran",
    "Jade", "Karl", "Laura", "Mitchell", "Natalie", "Oliver", "Paige", "Reece", "Shannon",
    "Tyler", "Vicky", "Wesley", "Yasmin", "Zak", "Abbie", "Brandon", "Chloe", "Dylan",
    "Ellie", "Finley", "Grace", "Harvey", "Isla", "Jordan", "Kirsty", "Liam", "Megan",
    "Nathan", "Olivia", "Pierce", "Rosie",
]  # fmt: skip
_LAST = [
    "Ashdown", "Bellingham", "Corbishley", "Dovaston", "Eykyn", "Fenemore", "Gittins",
    "Harborne", "Icke", "Jebb", "Kynaston", "Lloyd-Baugh", "Maddox", "Nevett", "Onions",
    "Peplow", "Quarrell", "Rowlands", "Stelfox", "Tudge", "Upton", "Vaughan-Hale", "Wellings",
    "Yeomans", "Aston", "Bebb", "Cadwallader", "Dodd", "Evason", "Furber", "Griffiths-Orme",
    "Hodnett", "Instone", "Jervis", "Kettle", "Lyttle", "Meredith-Cox", "Nock", "Oakley-Hume",
    "Poole",
]  # fmt: skip

_TEAM = [
    addr(f"{f} {s}", f"{f.lower()}.{s.lower().replace('-', '')}@telford.gov.uk")
    for f, s in zip(_FIRST[:32], _LAST[8:40], strict=True)
]

add(
    Case(
        file="13-many-recipients-personal-data.eml",
        verdict="warn",
        clauses=("TWC-A3",),
        why="TWC-A3: 'limit the number of recipients of the email to people who require it to do their job' – a complainant's and a neighbour's personal details (names, address, phone, alleged offences) sent to 32 individual colleagues. Internal, so TWC-A1 does not apply.",
        message=build(
            seed="telford-13",
            frm=GEMMA,
            to=_TEAM,
            subject="Complaint outcome and next steps – Holyhead Road, Wellington",
            when=uk_time(3, 17, 9, 15),
            text=f"""Hi all,

For awareness across the whole team: Mrs Margaret Lowe (5 Regent Street, Wellington, Telford TF1 1PE, tel 07700 900218) has complained about her neighbour, Mr Dean Yates at number 7. She reports loud music most nights, threats to her grandson and suspected drug dealing from the property. She is 81 and says she is frightened to leave the house.

We have issued Mr Yates with a Community Protection Warning and passed the drugs information to West Mercia Police. If Mrs Lowe calls, please take a note and pass it to me; please do not discuss the case with Mr Yates.

Thanks,
Gemma

{GEMMA_SIG}
""",
        ),
    )
)

_POSTCODE_IN = ["2AB", "3DE", "4FG", "5HJ", "6LN", "7PQ", "8RS", "9TU", "1WX", "2YZ"]


def _care_leavers() -> bytes:
    rows: list[tuple[object, ...]] = [
        ("name", "dob", "nhs_number", "postcode", "gp_practice", "flu_vaccine_2025", "adviser")
    ]
    n = 100
    for i in range(40):
        while True:
            n += 1
            try:
                nhs = nhs_number(f"999{420000 + n * 7:06d}")
                break
            except ValueError:
                continue
        dob = f"{(i * 7) % 28 + 1:02d}/{(i * 5) % 12 + 1:02d}/{2004 + i % 5}"
        postcode = f"TF{1 + i % 7} {_POSTCODE_IN[i % 10]}"
        rows.append(
            (
                f"{_FIRST[i]} {_LAST[(i * 3) % 40]}",
                dob,
                nhs,
                postcode,
                ["Wellington Medical Practice", "Hadley Health Centre", "Dawley Medical Centre"][
                    i % 3
                ],
                ["No", "Yes", "Unknown", "No"][i % 4],
                ["J. Whitby", "A. Mensah", "R. Doody"][i % 3],
            )
        )
    return csv_bytes(rows)


add(
    Case(
        file="14-bulk-nhs-numbers-csv.eml",
        verdict="quarantine",
        clauses=("TWC-A4",),
        advice=("TWC-A5",),
        why="TWC-A4: 'Limit the amount of personal data in the body of the email or in attachments to only that which is needed' – a spreadsheet of 40 care leavers with names, DOBs, NHS numbers and postcodes is bulk personal data, held for review (quarantine). Internal recipient, so no TWC-A1; attaching a document internally adds the TWC-A5 tip.",
        message=build(
            seed="telford-14",
            frm=JOSH,
            to=[addr("Sarah Bridgewater", "sarah.bridgewater@telford.gov.uk")],
            subject="Care leavers – flu vaccination follow-up list",
            when=uk_time(3, 18, 11, 25),
            text=f"""Hi Sarah,

Here's the full list of our care leavers with their GP practices and flu vaccination status, as requested for the health needs audit. The ones marked No or Unknown are the young people we need to follow up.

Thanks,
Josh

{JOSH_SIG}
""",
            attachments=[Attachment("care-leavers-flu-2025-26.csv", "text/csv", _care_leavers())],
        ),
    )
)

add(
    Case(
        file="15-bcc-used.eml",
        verdict="warn",
        clauses=("TWC-A9",),
        why="TWC-A9: 'Only use \"bcc\" (blind copy) in an email on an exception basis, after careful consideration' – the message blind-copies the creditor payments team.",
        message=build(
            seed="telford-15",
            frm=CLAIRE,
            to=[SUNITA],
            bcc=[addr("Creditor Payments", "creditor.payments@telford.gov.uk")],
            subject="Purchase order TWC-PO-77102 – play equipment",
            when=uk_time(3, 19, 10, 50),
            text=f"""Dear Sunita,

Following the evaluation, our purchase order TWC-PO-77102 for the junior play area has been raised on the portal. Please quote the order number on every invoice so it can be paid within our 30-day terms.

Kind regards,

Claire

{CLAIRE_SIG}
""",
        ),
    )
)

add(
    Case(
        file="16-no-signature.eml",
        verdict="warn",
        clauses=("TWC-A11",),
        why="TWC-A11: 'Adhere to corporate standards for email signatures' – an external message with no signature at all (no name, role or contact details).",
        message=build(
            seed="telford-16",
            frm=CLAIRE,
            to=[SUNITA],
            subject="Invoice 88213 – order number missing",
            when=uk_time(3, 23, 15, 45),
            text="""Hi Sunita,

Invoice 88213 doesn't show our order number, so Creditor Payments can't match it. Could you reissue it with TWC-PO-77102 on it please?

Thanks
""",
        ),
    )
)

add(
    Case(
        file="17-abusive-language.eml",
        verdict="warn",
        clauses=("TWC-U4",),
        why="TWC-U4: staff must not use email to send messages 'that are inappropriate, abusive and malicious' – an abusive message to a grounds maintenance contractor.",
        message=build(
            seed="telford-17",
            frm=OWEN,
            to=[addr("Lee Corbett", "lee.corbett@groundcare-contracts.example")],
            subject="Bowring Park – state of the site AGAIN",
            when=uk_time(3, 24, 8, 5),
            text=f"""Lee,

Your crew have left Bowring Park in a disgusting state AGAIN. Grass cuttings all over the paths, a bin left on its side and the gate wide open. You lot are a bunch of useless cowboys and I'm sick to death of clearing up after you. If your idiots can't do a simple job properly, clear off and we'll find someone who can.

Owen

{OWEN_SIG}
""",
        ),
    )
)

add(
    Case(
        file="18-private-selling.eml",
        verdict="warn",
        clauses=("TWC-U6",),
        why="TWC-U6: staff must not use email 'for any private gain including running a business or associated advertising' – selling personal items and advertising the sender's candle business to colleagues.",
        message=build(
            seed="telford-18",
            frm=HAYLEY,
            to=[
                addr("Priya Malik", "priya.malik@telford.gov.uk"),
                addr("Scott Lyons", "scott.lyons@telford.gov.uk"),
                addr("Leanne Hollis", "leanne.hollis@telford.gov.uk"),
                addr("Josh Whitby", "josh.whitby@telford.gov.uk"),
            ],
            subject="For sale – Switch and games, plus 15% off my candles!",
            when=uk_time(3, 25, 12, 40),
            text=f"""Hi all,

I'm selling my son's Nintendo Switch (boxed, two controllers) with three games for £180 ono – cash or bank transfer, can bring it in on Monday.

Also, as some of you know I run a little candle business on the side, Wrekin Wax Co. Use code TWC15 for 15% off anything on the website until the end of April, and I can drop orders at the office to save postage!

Hayley

{HAYLEY_SIG}
""",
        ),
    )
)

add(
    Case(
        file="19-forward-to-own-personal-address.eml",
        verdict="block",
        clauses=("TWC-U9",),
        why="TWC-U9: staff must not 'Forward Council emails to their own personal email address' – a council email forwarded to the sender's own outlook.com address (deployment.yaml personal_addresses). The forwarded content holds no personal data, so only TWC-U9 fires.",
        message=build(
            seed="telford-19",
            frm=IAN,
            to=["ian.pritchard77@outlook.com"],
            subject="FW: Team meeting – agenda for Thursday",
            when=uk_time(3, 25, 18, 20),
            text=f"""To read on my phone.

{IAN_SIG}

From: Children's Safeguarding Business Support <cs.business.support@telford.gov.uk>
Sent: 25 March 2026 16:02
To: Children's Safeguarding and Family Support <cs.family.support@telford.gov.uk>
Subject: Team meeting – agenda for Thursday

Team meeting, Thursday 26 March, 09:30, Meeting Room 4, Addenbrooke House

1. Service update from the Head of Service
2. Caseload weighting tool – pilot results
3. Signs of Safety refresher dates
4. Office moves in April
5. AOB

Business Support Team
Children's Safeguarding and Family Support
Telford & Wrekin Council, Addenbrooke House, Ironmasters Way, Telford TF3 4NT
Tel: 01632 960700
""",
        ),
    )
)

add(
    Case(
        file="20-auto-forward-external.eml",
        verdict="block",
        clauses=("TWC-F1",),
        why="TWC-F1: 'The use of automatic forwarding rules where work emails are automatically forwarded to another non work (not @telford.gov.uk or @taw.org.uk) is disabled' – an inbox rule (Auto-Submitted: auto-generated, X-MS-Exchange-Inbox-Rules-Loop) forwards bookings mail to an outside company.",
        message=build(
            seed="telford-20",
            frm=OWEN,
            to=["bookings@wrekin-events.example"],
            subject="FW: Pavilion booking request received – ref PB-2026-0142",
            when=uk_time(3, 26, 6, 31),
            headers=[
                ("Auto-Submitted", "auto-generated"),
                ("X-MS-Exchange-Inbox-Rules-Loop", "owen.brereton@telford.gov.uk"),
                ("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent"),
            ],
            text="""

-----Original Message-----
From: Parks Bookings <parks.bookings@telford.gov.uk>
Sent: 26 March 2026 06:30
To: Brereton, Owen <owen.brereton@telford.gov.uk>
Subject: Pavilion booking request received – ref PB-2026-0142

A new booking request has been received.

Venue: Telford Town Park Pavilion
Date: Saturday 18 April 2026, 12:00–17:00
Reference: PB-2026-0142

Log in to the bookings system to review and confirm the request.

Parks Bookings
Telford & Wrekin Council
""",
        ),
    )
)


def _invite(
    *, seed: str, subject: str, description: str, when_sent: tuple[int, int], start_day: int
) -> bytes:
    return ics_bytes(
        uid=f"040000008200E00074C5B7101A82E008000000{seed.encode().hex().upper()}",
        organizer=("Ian Pritchard", "ian.pritchard@telford.gov.uk"),
        attendees=[("Leanne Hollis", "leanne.hollis@telford.gov.uk")],
        start=uk_time(3, start_day, 10, 0),
        minutes=90,
        summary=subject,
        description=description,
        location="Meeting Room 4, Addenbrooke House",
        stamp=uk_time(3, when_sent[0], when_sent[1], 0),
        private=False,
    )


_CAL_NAME_DESC = f"Joint home visit with police to {HOME}."

add(
    Case(
        file="21-calendar-subject-name.eml",
        verdict="warn",
        clauses=("TWC-CAL",),
        why="TWC-CAL: 'officers should not save personally identifiable data in the subject of their outlook calendars' – the invitation's SUMMARY (and subject) names the parent; no exception approved by an Assistant Director is recorded.",
        message=build(
            seed="telford-21",
            frm=IAN,
            to=[LEANNE],
            subject="Home visit – Kerry Boddington",
            when=uk_time(3, 3, 9, 10),
            headers=[("Content-class", "urn:content-classes:calendarmessage")],
            text=f"""{_CAL_NAME_DESC}

{IAN_SIG}
""",
            calendar=_invite(
                seed="telford-21",
                subject="Home visit – Kerry Boddington",
                description=_CAL_NAME_DESC,
                when_sent=(3, 9),
                start_day=3,
            ),
        ),
    )
)

_CAL_REF_DESC = (
    f"Core group meeting for {KAYDEN} and {RUBY}. Mum and the school DSL invited; "
    "health visitor to send a report if unable to attend."
)

add(
    Case(
        file="22-calendar-subject-reference.eml",
        verdict="allow",
        why="TWC-CAL is about the calendar subject only ('personally identifiable data in the subject'): the SUMMARY carries a case reference; the names in the DESCRIPTION of an internal invitation are not covered by the Telford seed (unlike Norfolk's NCC-D2).",
        message=build(
            seed="telford-22",
            frm=IAN,
            to=[LEANNE],
            subject="Core group meeting – CP-24-0917",
            when=uk_time(3, 26, 14, 0),
            headers=[("Content-class", "urn:content-classes:calendarmessage")],
            text=f"""{_CAL_REF_DESC}

{IAN_SIG}
""",
            calendar=_invite(
                seed="telford-22",
                subject="Core group meeting – CP-24-0917",
                description=_CAL_REF_DESC,
                when_sent=(26, 14),
                start_day=31,
            ),
        ),
    )
)

_AUTO_REPLY = [
    ("Auto-Submitted", "auto-replied"),
    ("X-Auto-Response-Suppress", "All"),
]

add(
    Case(
        file="23-out-of-office-missing-foi.eml",
        verdict="warn",
        clauses=("TWC-OOO",),
        why="TWC-OOO: out-of-office messages 'must contain as a minimum the statement \"If this is a request under the Freedom of Information Act or similar legislation, please send your request to foi@telford.gov.uk\"' – this auto-reply (Auto-Submitted: auto-replied) lacks it.",
        message=build(
            seed="telford-23",
            frm=CLAIRE,
            to=[SUNITA],
            subject="Automatic reply: Revised delivery dates",
            when=uk_time(3, 30, 9, 12),
            in_reply_to=message_id("telford-23-orig"),
            headers=_AUTO_REPLY,
            text=f"""Thank you for your email. I am on annual leave until Tuesday 7 April 2026.

For urgent procurement matters please contact Commercial Services on 01632 960750 or commercial.services@telford.gov.uk.

{CLAIRE_SIG}
""",
        ),
    )
)

add(
    Case(
        file="24-out-of-office-compliant.eml",
        verdict="allow",
        why="TWC-OOO met: the auto-reply carries the FOI statement in the seed's exact words, plus a return date and an alternative contact.",
        message=build(
            seed="telford-24",
            frm=OWEN,
            to=[MARTIN],
            subject="Automatic reply: Tree survey – risk ratings",
            when=uk_time(3, 31, 11, 2),
            in_reply_to=message_id("telford-24-orig"),
            headers=_AUTO_REPLY,
            text=f"""Thank you for your email. I am out of the office until Monday 13 April 2026.

For urgent parks matters please contact Neighbourhood and Enforcement Services on 01632 960760 or parks@telford.gov.uk.

If this is a request under the Freedom of Information Act or similar legislation, please send your request to foi@telford.gov.uk

{OWEN_SIG}
""",
        ),
    )
)

add(
    Case(
        file="25-school-taw-internal.eml",
        verdict="allow",
        why="Safeguarding information to a school's DSL on taw.org.uk, which the seed treats as internal ('all staff with a @telford.gov.uk or @taw.org.uk'), so TWC-A1/A6/S2 do not apply.",
        message=build(
            seed="telford-25",
            frm=IAN,
            to=[SCHOOL_DSL],
            subject="Strategy meeting outcome – CP-24-0917",
            when=uk_time(3, 5, 16, 15),
            text=f"""Dear Mrs Jukes,

Thank you for attending today's strategy meeting. As agreed, a Section 47 enquiry will go ahead for {KAYDEN}. Please continue to record any marks, comments or changes in behaviour, and call me straight away if Kayden's mother's partner comes to collect him. He is not to be released to him.

The initial child protection conference will be on Thursday 26 March at 10:00; you'll receive an invitation from the conference team.

Kind regards,

Ian

{IAN_SIG}
""",
        ),
    )
)

"""Cambridge City Council corpus (seed: seeds/004_8469a126fb984160.txt, clauses CCC-*)."""

# ruff: noqa: E501
from __future__ import annotations

from _mailkit import (
    Attachment,
    Case,
    addr,
    build,
    message_id,
    nhs_number,
    pdf_bytes,
    to_html,
    uk_time,
)

GUILDHALL = "Cambridge City Council, The Guildhall, Market Square, Cambridge CB2 3QJ"
MANDELA = "Cambridge City Council, Mandela House, 4 Regent Street, Cambridge CB2 1BY"


def sig(name: str, role: str, office: str, phone: str, email: str) -> str:
    return f"{name}\n{role}\n{office}\nTel: {phone}\nEmail: {email}"


SOPHIE = addr("Sophie Okafor", "sophie.okafor@cambridge.gov.uk")
SOPHIE_SIG = sig(
    "Sophie Okafor",
    "Housing Advice Officer, Housing Advice Service",
    MANDELA,
    "01632 960811",
    "sophie.okafor@cambridge.gov.uk",
)
DANIEL = addr("Daniel Kerr", "daniel.kerr@cambridge.gov.uk")
DANIEL_SIG = sig(
    "Daniel Kerr",
    "Senior Housing Officer, City Homes",
    MANDELA,
    "01632 960823",
    "daniel.kerr@cambridge.gov.uk",
)
GREG = addr("Greg Tanner", "greg.tanner@cambridge.gov.uk")
GREG_SIG = sig(
    "Greg Tanner",
    "Facilities Officer, Property Services",
    GUILDHALL,
    "01632 960845",
    "greg.tanner@cambridge.gov.uk",
)
RACHEL = addr("Rachel Whitmore", "rachel.whitmore@cambridge.gov.uk")
RACHEL_SIG = sig(
    "Rachel Whitmore",
    "Environmental Health Officer, Food and Occupational Safety",
    MANDELA,
    "01632 960857",
    "rachel.whitmore@cambridge.gov.uk",
)
MARK = addr("Mark Felton", "mark.felton@cambridge.gov.uk")
MARK_SIG = sig(
    "Mark Felton",
    "Planning Officer, Greater Cambridge Shared Planning",
    GUILDHALL,
    "01632 960866",
    "mark.felton@cambridge.gov.uk",
)
LUCY = addr("Lucy Barnard", "lucy.barnard@cambridge.gov.uk")
LUCY_SIG = sig(
    "Lucy Barnard",
    "Internal Communications Officer, Corporate Marketing",
    GUILDHALL,
    "01632 960871",
    "lucy.barnard@cambridge.gov.uk",
)
JASON = addr("Jason Pike", "jason.pike@cambridge.gov.uk")
JASON_SIG = sig(
    "Jason Pike",
    "Customer Service Advisor, Customer Service Centre",
    MANDELA,
    "01632 960880",
    "jason.pike@cambridge.gov.uk",
)

HELEN = addr("Helen Marsh", "helen.marsh@civic-cleaning.example")
TOM_A = addr("Tom Ashworth", "t.ashworth@foodsafe-training.example")
CRAIG = addr("Craig Dawes", "craig.dawes@fenland-repairs.example")
LETTINGS = addr("Lettings Team – Granta Housing", "lettings@granta-housing.example")
CPFT = addr("CPFT Housing Liaison", "cpft.housing.liaison@nhs.net")
ELEANOR = addr("Eleanor Finch", "finch.eleanor1959@yahoo.co.uk")
ALL_STAFF = addr("All Staff", "allstaff@cambridge.gov.uk")

COLLEAGUES = [
    addr("Amir Haddad", "amir.haddad@cambridge.gov.uk"),
    addr("Ben Latimer", "ben.latimer@cambridge.gov.uk"),
    addr("Chloe Pemberton", "chloe.pemberton@cambridge.gov.uk"),
    addr("Dev Raman", "dev.raman@cambridge.gov.uk"),
    addr("Emma Stock", "emma.stock@cambridge.gov.uk"),
    addr("Farah Qureshi", "farah.qureshi@cambridge.gov.uk"),
]

ROURKE_NHS = nhs_number("999512683")
ROURKE = f"""Applicant: Ms Tanya Rourke
DOB: 21/08/1987
NHS number: {ROURKE_NHS}
Current address: c/o 14 Perne Road, Cambridge CB1 3RT (sofa-surfing with a friend)
Household: applicant and son (aged 6)

Ms Rourke has bipolar disorder and was an inpatient at Fulbourn Hospital until January; she is supported by the community mental health team. She is fleeing domestic abuse from her former partner, who has a conviction for assault against her, and the case was heard at MARAC on 24 February. She must not be offered a property in the Arbury or King's Hedges areas."""

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


add(
    Case(
        file="01-internal-case-discussion.eml",
        verdict="allow",
        why="Internal case discussion with health and domestic-abuse details between colleagues on cambridge.gov.uk: CCC-2.1a is about 'insecure external email' only.",
        message=build(
            seed="cambridge-01",
            frm=DANIEL,
            to=[SOPHIE],
            subject="RE: HA/26/0412 – temporary accommodation",
            when=uk_time(3, 2, 10, 40),
            in_reply_to=message_id("cambridge-01-orig"),
            text=f"""Hi Sophie,

Yes – we have a two-bed unit at the Ditton Fields hostel from Wednesday, which is well away from the ex-partner's area. I'll hold it for her until 17:00 tomorrow.

Daniel

{DANIEL_SIG}

-----Original Message-----
From: Sophie Okafor <sophie.okafor@cambridge.gov.uk>
Sent: 02 March 2026 09:05
To: Daniel Kerr <daniel.kerr@cambridge.gov.uk>
Subject: HA/26/0412 – temporary accommodation

Hi Daniel,

I need temporary accommodation for this household as soon as possible:

{ROURKE}

Is there anything available this week?

Thanks,
Sophie

{SOPHIE_SIG}
""",
        ),
    )
)

add(
    Case(
        file="02-supplier-signature-only.eml",
        verdict="allow",
        why="External mail to a supplier holding only the sender's own signature and the recipient's name in the greeting: not third-party personal data (DESIGN.md).",
        message=build(
            seed="cambridge-02",
            frm=GREG,
            to=[HELEN],
            subject="Guildhall deep clean – access arrangements",
            when=uk_time(3, 3, 11, 10),
            text=f"""Dear Helen,

Thank you for the site visit last week. For the quote, please assume the crew will work on Saturday 11 and Sunday 12 April, 07:00–19:00. Access is through the Peas Hill entrance; the security officer on duty will issue passes and keys to the supervisor on arrival.

The Council Chamber and the Large Hall must be finished by 19:00 on the Sunday, as there is a meeting on the Monday morning.

Kind regards,

Greg

{GREG_SIG}
""",
        ),
    )
)

_PLANNING_CALL = f"""Dear Tom,

Thank you for agreeing to run the food hygiene training day for new food business operators. Could we have a 30-minute planning call?

I'm free on Tuesday 10 March at 14:00 or Thursday 12 March at 10:00. I'll send a Teams link once we've settled on a time.

Things I'd like to cover: the numbers (we expect about 20 delegates), the venue at Mandela House, and whether you need us to print the course workbooks.

Best wishes,

Rachel

{RACHEL_SIG}
"""

add(
    Case(
        file="03-meeting-arrangements-html.eml",
        verdict="allow",
        why="Meeting arrangements with a training provider, HTML with signature; no personal data. (Cambridge's seed sets no font or signature standard.)",
        message=build(
            seed="cambridge-03",
            frm=RACHEL,
            to=[TOM_A],
            subject="Food hygiene training day – planning call",
            when=uk_time(3, 4, 9, 25),
            text=_PLANNING_CALL,
            html_body=to_html(_PLANNING_CALL, font='"Calibri",sans-serif', size="11.0pt"),
        ),
    )
)

add(
    Case(
        file="04-reply-with-quoted-history.eml",
        verdict="allow",
        why="Reply to a supplier with quoted history ('On … wrote:'); the quoted signature is the recipient's own; nothing about third parties and no commitment to an order.",
        message=build(
            seed="cambridge-04",
            frm=GREG,
            to=[HELEN],
            subject="Re: Guildhall deep clean – method statement",
            when=uk_time(3, 5, 15, 50),
            in_reply_to=message_id("cambridge-04-orig"),
            text=f"""Dear Helen,

Thanks – the method statement looks fine. One point: the marble floor in the entrance hall must only be cleaned with a pH-neutral product; please add that to section 4.

Kind regards,

Greg

{GREG_SIG}

On Thu, 5 Mar 2026 at 13:02, Helen Marsh <helen.marsh@civic-cleaning.example> wrote:
> Dear Greg,
>
> Please find our method statement and risk assessment for the Guildhall deep clean. Let me know if you need any changes before we finalise the quote.
>
> Kind regards,
> Helen
>
> Helen Marsh
> Contracts Manager, Civic Cleaning Services
> Tel: 020 7946 0552
""",
        ),
    )
)

add(
    Case(
        file="05-pdf-attachment-venue.eml",
        verdict="allow",
        why="Harmless PDF (venue information, no personal data) to a training provider.",
        message=build(
            seed="cambridge-05",
            frm=RACHEL,
            to=[TOM_A],
            subject="Level 2 food hygiene course – venue information",
            when=uk_time(3, 9, 10, 0),
            text=f"""Dear Tom,

Attached is the venue information sheet for the course on 14 April, which we also send to delegates. Let me know if anything needs correcting.

Best wishes,

Rachel

{RACHEL_SIG}
""",
            attachments=[
                Attachment(
                    "food-hygiene-course-venue.pdf",
                    "application/pdf",
                    pdf_bytes(
                        "Level 2 Food Hygiene Course - Venue Information",
                        [
                            "Date: Tuesday 14 April 2026, 09:30-16:00",
                            "Venue: Committee Room 1, Mandela House, 4 Regent Street, Cambridge CB2 1BY",
                            "",
                            "Getting there: Mandela House is a 10-minute walk from Cambridge station.",
                            "There is no parking on site; the nearest car park is Queen Anne Terrace.",
                            "Lunch is not provided; there are cafes nearby on Regent Street.",
                            "",
                            "Please bring photo ID. The exam is taken at the end of the day.",
                        ],
                    ),
                )
            ],
        ),
    )
)

_HOUSING_NEWS = f"""Hello all,

Housing news for March.

New starters
Please welcome Dev Raman (Tenancy Sustainment Officer) and Emma Stock (Housing Advice Officer), who join us this month.

Homelessness Reduction Act refresher
Two sessions in Committee Room 2, Mandela House: Tuesday 17 March and Thursday 26 March, 10:00–12:00.

Reminder
Sensitive personal information must not be sent by ordinary external email. Ask ICT about secure transfer if you need to share case details with a partner.

Lucy

{LUCY_SIG}
"""

add(
    Case(
        file="06-newsletter-internal-list.eml",
        verdict="allow",
        why="Newsletter to an internal team distribution list (not the all-staff address, so CCC-2.2i does not apply); HTML with signature.",
        message=build(
            seed="cambridge-06",
            frm=LUCY,
            to=[addr("Housing Team", "housing.team@cambridge.gov.uk")],
            subject="Housing news – March 2026",
            when=uk_time(3, 10, 9, 0),
            text=_HOUSING_NEWS,
            html_body=to_html(_HOUSING_NEWS),
        ),
    )
)

add(
    Case(
        file="07-sensitive-data-external.eml",
        verdict="block",
        clauses=("CCC-2.1a",),
        why="CCC-2.1a: 'Sending confidential or sensitive personal data by insecure external email' – mental health, an NHS number, domestic abuse and a criminal conviction to a housing association. Cambridge's seed names no encryption route, so the pack's encrypt action becomes block.",
        message=build(
            seed="cambridge-07",
            frm=SOPHIE,
            to=[LETTINGS],
            subject="Nomination – HA/26/0412",
            when=uk_time(3, 11, 14, 15),
            text=f"""Dear Lettings Team,

Please find below the nomination for your two-bedroom flat at Fison Road.

{ROURKE}

Please contact me with a viewing date.

Kind regards,

Sophie

{SOPHIE_SIG}
""",
        ),
    )
)

add(
    Case(
        file="08-sensitive-data-secure-partner.eml",
        verdict="allow",
        why="Same sensitive data as 07, but to an nhs.net mental-health liaison address listed in deployment.yaml secure_domains (TLS enforced), so it is not 'insecure external email' (CCC-2.1a).",
        message=build(
            seed="cambridge-08",
            frm=SOPHIE,
            to=[CPFT],
            subject="Housing update – HA/26/0412",
            when=uk_time(3, 11, 14, 40),
            text=f"""Dear colleagues,

For Ms Rourke's care coordinator: we have nominated her for a two-bedroom flat and she is in temporary accommodation at Ditton Fields from Wednesday.

{ROURKE}

Kind regards,

Sophie

{SOPHIE_SIG}
""",
        ),
    )
)

_ELEANOR_ORIG_ID = message_id("cambridge-09-orig")

add(
    Case(
        file="09-reply-to-public-ordinary.eml",
        verdict="allow",
        why="CCC-2.1a: 'You can reply to emails initiated by members of the public, provided you do not include sensitive personal information in the reply' – a reply in a thread the resident started (In-Reply-To, quoted text from her yahoo.co.uk address) holding only ordinary personal data: her own address, phone and register band.",
        message=build(
            seed="cambridge-09",
            frm=SOPHIE,
            to=[ELEANOR],
            subject="RE: Housing register application HR-2026-1187",
            when=uk_time(3, 16, 11, 20),
            in_reply_to=_ELEANOR_ORIG_ID,
            text=f"""Dear Mrs Finch,

Thank you for your email. I can confirm that your application HR-2026-1187 has been accepted onto the housing register in Band C, with the effective date of 2 March 2026. We have your address as 31 Whitehill Road, Cambridge CB5 8LT and your phone number as 07700 900547; please tell us if either changes.

You can bid for properties each week through Home-Link from Thursday.

Kind regards,

Sophie

{SOPHIE_SIG}

-----Original Message-----
From: Eleanor Finch <finch.eleanor1959@yahoo.co.uk>
Sent: 15 March 2026 20:14
To: Sophie Okafor <sophie.okafor@cambridge.gov.uk>
Subject: Housing register application HR-2026-1187

Dear Ms Okafor,

I sent in my housing register form three weeks ago and have not heard anything. Could you tell me whether I am on the list and what band I am in?

Yours sincerely,
Eleanor Finch
""",
        ),
    )
)

add(
    Case(
        file="10-reply-to-public-sensitive.eml",
        verdict="block",
        clauses=("CCC-2.1a",),
        why="CCC-2.1a: the reply to a member of the public's own email includes sensitive personal information (her diagnoses and the medical adviser's assessment), which the exemption excludes; no encryption route, so block.",
        message=build(
            seed="cambridge-10",
            frm=SOPHIE,
            to=[ELEANOR],
            subject="RE: Medical priority – HR-2026-1187",
            when=uk_time(3, 18, 15, 5),
            in_reply_to=message_id("cambridge-10-orig"),
            references=f"{_ELEANOR_ORIG_ID} {message_id('cambridge-10-orig')}",
            text=f"""Dear Mrs Finch,

Our medical adviser has now reviewed your medical priority form. The letter from your GP confirms your COPD and severe depression, and that you were admitted to Addenbrooke's twice last winter with chest infections. The adviser agrees that your current first-floor flat with no lift is making your breathing and your mental health worse.

On that basis your application has been moved to Band B on medical grounds, from today.

Kind regards,

Sophie

{SOPHIE_SIG}

-----Original Message-----
From: Eleanor Finch <finch.eleanor1959@yahoo.co.uk>
Sent: 17 March 2026 09:31
To: Sophie Okafor <sophie.okafor@cambridge.gov.uk>
Subject: Medical priority – HR-2026-1187

Dear Ms Okafor,

I have sent the medical form back with a letter from my doctor. Please let me know if it makes a difference to my band.

Yours sincerely,
Eleanor Finch
""",
        ),
    )
)

add(
    Case(
        file="11-contractor-ordinary-personal-data.eml",
        verdict="allow",
        why="A tenant's name, address, phone and access times to a repairs contractor: ordinary personal data, not 'confidential or sensitive personal data' as the catalogue reads CCC-2.1a (sensitive categories, criminal, health/care and financial identifiers). Judgement call: see README.",
        message=build(
            seed="cambridge-11",
            frm=DANIEL,
            to=[CRAIG],
            subject="Repair job 55102 – access arrangements",
            when=uk_time(3, 19, 9, 30),
            text=f"""Dear Craig,

For job 55102 (leaking kitchen waste pipe), the tenant is Mr Kevin Doherty, 8 Ditton Walk, Cambridge CB5 8QD. He is in on Tuesday mornings and can be reached on 07700 900652 to confirm a time. Please ring the bell twice; the intercom is faulty.

Kind regards,

Daniel

{DANIEL_SIG}
""",
        ),
    )
)

add(
    Case(
        file="12-abusive-language.eml",
        verdict="warn",
        clauses=("CCC-2.1b",),
        why="CCC-2.1b: a message 'which contains … offensive, obscene, or abusive material' – an abusive, insulting message to a contractor. Warn (the sender can rewrite it), one of the two actions the catalogue allows.",
        message=build(
            seed="cambridge-12",
            frm=DANIEL,
            to=[CRAIG],
            subject="Job 55102 – AGAIN",
            when=uk_time(3, 24, 16, 30),
            text=f"""Craig,

Your so-called engineer turned up three hours late, made the leak worse and walked off. Your lot are a bunch of useless, lying cowboys and frankly this is a complete pile of crap. I've had enough of your pathetic excuses – get someone competent round there tomorrow or don't bother showing your face again.

Daniel

{DANIEL_SIG}
""",
        ),
    )
)

add(
    Case(
        file="13-bullying-colleague.eml",
        verdict="warn",
        clauses=("CCC-2.1d",),
        why="CCC-2.1d: 'Using email to bully, harass, discriminate against or victimise others' – belittling a junior colleague in front of others (Cc).",
        message=build(
            seed="cambridge-13",
            frm=DANIEL,
            to=[COLLEAGUES[0]],
            cc=COLLEAGUES[1:3],
            subject="Your rent arrears letters",
            when=uk_time(3, 25, 8, 55),
            text=f"""Amir,

I'm sick of covering for you. Everyone in this team knows you're a joke, and I'm copying them in so they can see exactly how useless you are. Three of your arrears letters went out with the wrong figures again. If you can't manage something a school leaver could do, maybe you should think about whether you belong here at all. Don't bother coming to me with your excuses.

Daniel

{DANIEL_SIG}
""",
        ),
    )
)

add(
    Case(
        file="14-own-password-disclosed.eml",
        verdict="block",
        clauses=("CCC-2.1e",),
        why="CCC-2.1e: 'Disclosing your password to others' (and 2.1f, using someone else's logon) – the sender gives a colleague their own network username and password.",
        message=build(
            seed="cambridge-14",
            frm=MARK,
            to=[COLLEAGUES[1]],
            subject="Cover while I'm off tomorrow",
            when=uk_time(3, 26, 16, 5),
            text=f"""Hi Ben,

I'm off tomorrow and the consultation replies for the Mill Road scheme are due in. Could you log in as me and keep an eye on my inbox? My username is mfelton and my password is Granta!Punt2026 – it should get you into Outlook and the planning system.

Thanks,
Mark

{MARK_SIG}
""",
        ),
    )
)

add(
    Case(
        file="15-file-password-sent-separately.eml",
        verdict="allow",
        why="A password for a protected file sent in an earlier email: protecting an attachment and sending its password separately is what the policies ask for; it is not the sender's own account password (CCC-2.1e), so nothing stops it (at most advice to use another channel).",
        message=build(
            seed="cambridge-15",
            frm=RACHEL,
            to=[TOM_A],
            subject="Password for the delegate list",
            when=uk_time(3, 30, 11, 15),
            text=f"""Dear Tom,

As promised, here is the password for the protected spreadsheet I sent you in my previous email: Lantern-Orchard-82

Best wishes,

Rachel

{RACHEL_SIG}
""",
        ),
    )
)

add(
    Case(
        file="16-attachment-over-20mb.eml",
        message=None,
        verdict="block",
        clauses=("CCC-2.1h",),
        generated_by="make_large.py",
        why="CCC-2.1h: 'Sending files over 20mb via email without checking with the Helpdesk' – a 21 MiB video attachment to a consultant. The file is not committed: make_large.py writes it (run it before checking this entry).",
    )
)

add(
    Case(
        file="17-personal-business.eml",
        verdict="warn",
        clauses=("CCC-2.1j",),
        why="CCC-2.1j: 'Using council email … to set up, run or in any other way related to a personal business' – advertising the sender's wedding photography business to colleagues.",
        message=build(
            seed="cambridge-17",
            frm=JASON,
            to=COLLEAGUES,
            subject="Wedding photography – 20% staff discount",
            when=uk_time(3, 10, 12, 45),
            text=f"""Hi everyone,

As some of you know, I run a wedding and portrait photography business at weekends, Pike Photography. I'm offering 20% off all 2026 wedding packages for council staff and their families – just quote CITY20 when you book through my website or message me. Packages start at £650 and I still have a few summer Saturdays free.

Jason

{JASON_SIG}
""",
        ),
    )
)

add(
    Case(
        file="18-chain-letter.eml",
        verdict="warn",
        clauses=("CCC-2.1k",),
        why="CCC-2.1k: 'Undertaking deliberate activities that waste staff effort or council resources, such as sending out jokes or chain letters' – a forwarded 'don't break the chain' message.",
        message=build(
            seed="cambridge-18",
            frm=JASON,
            to=COLLEAGUES,
            subject="FW: Don't break the chain!!!",
            when=uk_time(3, 12, 13, 5),
            text=f"""Too good not to share :)

{JASON_SIG}

-----Original Message-----
From: Karen Wilde <karen.wilde@cambridge.gov.uk>
Sent: 12 March 2026 12:48
To: Jason Pike <jason.pike@cambridge.gov.uk>; Sam Osei <sam.osei@cambridge.gov.uk>
Subject: Don't break the chain!!!

THIS IS A FRIENDSHIP CHAIN. Forward this email to 10 colleagues within the next hour and something wonderful will happen to you tomorrow. A woman in Ely forwarded it to 10 people and won £5,000 the next day. A man who deleted it lost his car keys for a week!!! DO NOT BREAK THE CHAIN. Send it on now and see what happens!!!
""",
        ),
    )
)

add(
    Case(
        file="19-forwarded-marketing.eml",
        verdict="warn",
        clauses=("CCC-2.1l",),
        why="CCC-2.1l: 'Forwarding non work related unsolicited commercial or advertising material' – a retailer's sale email forwarded to colleagues.",
        message=build(
            seed="cambridge-19",
            frm=JASON,
            to=COLLEAGUES[:3],
            subject="FW: FLASH SALE – 60% off garden furniture this weekend only",
            when=uk_time(3, 19, 12, 20),
            text=f"""Thought some of you might like this – the rattan sets are a bargain!

{JASON_SIG}

-----Original Message-----
From: GardenLiving Deals <deals@gardenliving-offers.example>
Sent: 19 March 2026 07:00
To: jason.pike@cambridge.gov.uk
Subject: FLASH SALE – 60% off garden furniture this weekend only

Spring is here! For 72 hours only, take up to 60% off our best-selling garden furniture.

- 6-seater rattan dining set: was £1,199, now £479
- Corner sofa with cushions: was £899, now £359
- Free delivery on orders over £250

Shop now at gardenliving-offers.example/flash – offer ends midnight Sunday.

You are receiving this email because you subscribed to GardenLiving offers. Unsubscribe: gardenliving-offers.example/unsubscribe
""",
        ),
    )
)

add(
    Case(
        file="20-contract-acceptance.eml",
        verdict="warn",
        clauses=("CCC-2.2d",),
        why="CCC-2.2d: 'Email agreements can be legally binding: do not enter into contracts or place orders via e-mail without appropriate authorisation' – 'we accept your quote … please proceed with the order'.",
        message=build(
            seed="cambridge-20",
            frm=GREG,
            to=[HELEN],
            subject="Re: Quote Q-2231 – Guildhall deep clean",
            when=uk_time(3, 23, 10, 35),
            in_reply_to=message_id("cambridge-20-orig"),
            text=f"""Dear Helen,

Thank you for your revised quote. We accept your quote Q-2231 of £14,250 plus VAT for the Guildhall deep clean, so please proceed with the order for the weekend of 11–12 April as planned.

Kind regards,

Greg

{GREG_SIG}

On Fri, 20 Mar 2026 at 16:40, Helen Marsh <helen.marsh@civic-cleaning.example> wrote:
> Dear Greg,
>
> Please find our revised quote Q-2231 for the Guildhall deep clean, now including the marble floor treatment: £14,250 plus VAT.
>
> Kind regards,
> Helen
""",
        ),
    )
)

add(
    Case(
        file="21-virus-hoax-to-colleagues.eml",
        verdict="warn",
        clauses=("CCC-2.2f",),
        why="CCC-2.2f: 'Send virus warnings to the Helpdesk, but not to other email users' – a virus warning sent to colleagues.",
        message=build(
            seed="cambridge-21",
            frm=JASON,
            to=COLLEAGUES,
            subject="VIRUS WARNING – do not open 'Parking Penalty Notice' emails!!",
            when=uk_time(3, 17, 9, 50),
            text=f"""Hi all,

My brother-in-law works in IT and says there's a new virus going round in an email called "Parking Penalty Notice". If you open it, it wipes your whole hard drive and steals your passwords, and Microsoft say there is no fix yet. Apparently it was on the news last night.

Don't open anything with that subject!

Jason

{JASON_SIG}
""",
        ),
    )
)

add(
    Case(
        file="22-all-staff-without-permission.eml",
        verdict="block",
        clauses=("CCC-2.2i",),
        why="CCC-2.2i: 'If you need to send an urgent email to the whole council you should get the permission of the Chief Executive or a Director, and indicate this in the body of the email' – mail to the all-staff address (deployment.yaml all_staff_addresses) with no permission stated.",
        message=build(
            seed="cambridge-22",
            frm=GREG,
            to=[ALL_STAFF],
            subject="Mandela House car park closed Monday 23 March",
            when=uk_time(3, 19, 14, 0),
            text=f"""Dear all,

The Mandela House car park will be closed all day on Monday 23 March for line painting. Please use the Queen Anne Terrace car park instead; the council's permit is valid there that day.

Kind regards,

Greg

{GREG_SIG}
""",
        ),
    )
)

add(
    Case(
        file="23-all-staff-with-permission.eml",
        verdict="allow",
        why="CCC-2.2i met: all-staff mail that states the Chief Executive's permission in the body; all_staff_authorisers is empty in deployment.yaml, so the statement alone suffices (DESIGN.md).",
        message=build(
            seed="cambridge-23",
            frm=LUCY,
            to=[ALL_STAFF],
            subject="Guildhall fire evacuation drill – Wednesday 25 March",
            when=uk_time(3, 20, 10, 0),
            text=f"""Dear colleagues,

This message is sent with the permission of the Chief Executive.

There will be a full fire evacuation drill at the Guildhall on Wednesday 25 March at 11:00. When the alarm sounds, please leave by the nearest exit and go to the assembly point on Market Square. Fire wardens will sweep each floor; please do not return until they give the all-clear.

Thank you,

Lucy

{LUCY_SIG}
""",
        ),
    )
)

add(
    Case(
        file="24-auto-forward-external.eml",
        verdict="block",
        sender="mark.felton@cambridge.gov.uk",
        clauses=("CCC-2.2h",),
        why="CCC-2.2h: 'Automatic forwarding of email to external (i.e. non-council) accounts using rules is not permitted' – an inbox rule redirects a planning notification to a yahoo.co.uk account (Resent-From/Resent-To, X-MS-Exchange-Inbox-Rules-Loop, Auto-Submitted: auto-generated). The redirected recipient appears only in Resent-To.",
        message=build(
            seed="cambridge-24",
            frm=addr("Planning Portal", "no-reply@planningportal-notify.example"),
            to=[MARK],
            subject="New application received: 26/0311/FUL – 48 Mill Road",
            when=uk_time(3, 24, 6, 45),
            headers=[
                ("Resent-From", "mark.felton@cambridge.gov.uk"),
                ("Resent-To", "markfelton.home@yahoo.co.uk"),
                ("Resent-Date", "Tue, 24 Mar 2026 06:45:12 +0000"),
                ("Resent-Message-ID", "<20260324064512.4F1A7C@cambridge.gov.uk>"),
                ("Auto-Submitted", "auto-generated"),
                ("X-MS-Exchange-Inbox-Rules-Loop", "mark.felton@cambridge.gov.uk"),
            ],
            text="""A new planning application has been received and validated.

Reference: 26/0311/FUL
Site: 48 Mill Road, Cambridge CB1 2AD
Proposal: Change of use of ground floor from retail (Class E) to café with extraction flue to rear
Case officer: Mark Felton
Consultation ends: 14 April 2026

View the application documents on the public register.

This is an automated message. Please do not reply.
""",
        ),
    )
)

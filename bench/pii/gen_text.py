"""Word lists and sentences of council prose: the unlabelled text around the values.

Nothing here is personal data. Several lists are there to be hard negatives: street names
written without a house number, organisations whose names contain a forename and surname
("John Lewis"), month names that are also forenames, and topics that name a sensitive
category without being about anyone ("Mental Health Awareness Week").
"""

from __future__ import annotations

import random

__all__ = [
    "COMMITTEES",
    "FILLER",
    "ORGANISATIONS",
    "SENSITIVE",
    "SENSITIVE_TOPICS",
    "TOWNS",
    "paragraph",
    "street",
]

STREET_STEMS = (
    "Mill",
    "Church",
    "Station",
    "Victoria",
    "Queen's",
    "King Street",
    "Orchard",
    "Meadow",
    "Chapel",
    "Market",
    "Park",
    "Hall",
    "Willow",
    "Beech",
    "Castle",
    "Bridge",
    "Newmarket",
    "Unthank",
    "Dereham",
    "Holyhead",
    "Wellington",
    "Trumpington",
    "Mousehold",
    "St Giles",
    "Abbey",
    "Rectory",
)
STREET_SUFFIXES = (
    "Road",
    "Lane",
    "Street",
    "Close",
    "Way",
    "Avenue",
    "Drive",
    "Gardens",
    "Crescent",
    "Court",
    "Walk",
    "Terrace",
)
HOUSE_NAMES = ("Rose Cottage", "The Old Forge", "Holly House", "Meadow View", "The Maltings")
TOWNS = (
    ("Norwich", "Norfolk"),
    ("Wymondham", "Norfolk"),
    ("Dereham", "Norfolk"),
    ("King's Lynn", "Norfolk"),
    ("Great Yarmouth", "Norfolk"),
    ("Thetford", "Norfolk"),
    ("Telford", "Shropshire"),
    ("Wellington", "Shropshire"),
    ("Madeley", "Shropshire"),
    ("Newport", "Shropshire"),
    ("Cambridge", "Cambridgeshire"),
    ("Ely", "Cambridgeshire"),
    ("Histon", "Cambridgeshire"),
    ("Leeds", "West Yorkshire"),
    ("Birmingham", "West Midlands"),
    ("Manchester", "Greater Manchester"),
    ("London", ""),
    ("Bristol", ""),
    ("Cardiff", ""),
    ("Glasgow", ""),
)
LOCALITIES = ("Eaton", "Thorpe St Andrew", "Hadley", "Oakengates", "Chesterton", "Arbury")

ORGANISATIONS = (
    "John Lewis",
    "Marks & Spencer",
    "Sainsbury's",
    "Morrisons",
    "Boots",
    "Age UK",
    "Barnardo's",
    "Citizens Advice",
    "Shelter",
    "St Giles Trust",
    "Norfolk County Council",
    "Telford & Wrekin Council",
    "Cambridge City Council",
    "Anglian Water",
    "Mencap",
    "Carers Trust",
    "Ernst & Young",
    "Laura Ashley",
    "Harrison & Sons Ltd",
    "Alan Turing Institute",
)
COMMITTEES = (
    "Cabinet",
    "Planning Committee",
    "Scrutiny Committee",
    "Audit and Governance Committee",
    "Health and Wellbeing Board",
    "Licensing Sub-Committee",
    "Children's Services Overview Panel",
    "Climate Change Working Group",
)

FILLER = (
    "The team will review the position at the next case meeting.",
    "Please let me know if anything below is not correct.",
    "I have copied in the duty team so that they are aware.",
    "We aim to respond to all enquiries within ten working days.",
    "The service is delivered in partnership with the district councils.",
    "Funding for the coming year has been confirmed at the same level.",
    "Any changes to the arrangement should be recorded on the system.",
    "A follow-up letter will be sent once the assessment is complete.",
    "The contractor has been asked to attend site before the end of the month.",
    "This matter was discussed at the team meeting and actions were agreed.",
    "Please do not reply to this message if you have already been in touch.",
    "Thank you for your patience while we looked into this.",
    "Officers will check the records and confirm the outcome in writing.",
    "The application will be considered under delegated powers.",
    "Our offices are closed on bank holidays.",
    "The consultation closes at midnight on the last day of the month.",
    "We are unable to discuss individual cases over the telephone.",
    "The report sets out three options and recommends the second.",
    "Further guidance is available on the intranet.",
    "Staff should complete the refresher training by the end of the quarter.",
    "The waiting list is reviewed every six months.",
    "A risk assessment has been completed and filed.",
    "The repairs team has raised a job for the boiler.",
    "The panel agreed to defer the decision pending further information.",
)

SENSITIVE: dict[str, tuple[tuple[str, str, str], ...]] = {
    "HEALTH": (
        ("", "has recently been diagnosed with type 2 diabetes", "."),
        ("", "is being treated for depression and sees the GP monthly", "."),
        ("", "takes medication for epilepsy", "."),
        ("", "was admitted to hospital with pneumonia", " last week."),
        ("", "lives with multiple sclerosis and uses a wheelchair", "."),
        ("", "has a diagnosis of schizophrenia and is under the community team", "."),
    ),
    "SAFEGUARDING": (
        ("The children are subject to a ", "child protection plan", "."),
        ("A ", "Section 47 enquiry", " was opened last month."),
        ("There are concerns about possible ", "financial abuse by a relative", "."),
        ("The case has been ", "referred to the MASH for a strategy discussion", "."),
    ),
    "CRIMINAL_OFFENCE": (
        ("He disclosed a ", "previous conviction for burglary", "."),
        ("She ", "received a caution for shoplifting", " in 2019."),
        ("The tenant was ", "charged with assault", " following the incident."),
    ),
    "ETHNIC_ORIGIN": (
        ("Ethnicity recorded as ", "Black Caribbean", "."),
        ("The family describe themselves as ", "Gypsy Roma Traveller", "."),
        ("Ethnic origin: ", "White Polish", "."),
    ),
    "RELIGION": (
        ("As a ", "practising Muslim", ", she asked for a female carer."),
        ("The family are ", "Sikh", " and meals should be vegetarian."),
        ("He is a ", "Jehovah's Witness", " and does not celebrate birthdays."),
    ),
    "SEXUAL_ORIENTATION": (
        ("He told the officer that he is ", "gay", " and fears harassment."),
        ("She has said she is ", "bisexual", " and asked that this is kept private."),
    ),
    "POLITICAL_OPINION": (
        ("The resident is ", "an active member of the Green Party", "."),
        ("He said he had ", "always voted Labour", " and complained about the leaflet."),
    ),
    "TRADE_UNION": (
        ("She is ", "a Unison member", " and asked for her rep to attend."),
        ("He is represented by ", "his GMB steward", " at the hearing."),
    ),
    "GENETIC_BIOMETRIC": (
        ("Access to the building uses ", "her fingerprint template", "."),
        ("A ", "DNA test", " was ordered by the court to establish paternity."),
    ),
}
"""Per category: (text before, the labelled phrase, text after), always about a person.

The label covers the phrase that states the fact ("charged with assault"), not one word of
it; sentences with an empty "before" follow the subject ("She ", "The client ")."""

SENSITIVE_TOPICS = (
    "Mental Health Awareness Week runs from the second Monday in May.",
    "The Health and Wellbeing Board will consider the annual public health report.",
    "Unison and GMB representatives attended the joint consultative committee.",
    "The diabetes prevention programme is open to anyone over forty.",
    "Safeguarding training is mandatory for all staff who work with children.",
    "The faith groups forum met at the Sikh gurdwara and the parish church.",
    "The Green Party group tabled an amendment on cycle lanes.",
    "Crime figures for burglary fell by eight per cent across the county.",
)
"""Sentences that name a sensitive topic but are about nobody: never labelled."""


def street(rng: random.Random) -> str:
    stem = rng.choice(STREET_STEMS)
    if stem.endswith(("Street", "Road")):
        return stem
    return f"{stem} {rng.choice(STREET_SUFFIXES)}"


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.sample(FILLER, sentences))

"""PERSON: gazetteer pairs across communities, names found from context alone, hard negatives,
line wrapping, masks, and properties over the gazetteer.

Every name here is synthetic: pairs are drawn from the packaged lists, and the names found
from context alone are invented and checked to be absent from the lists.
"""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailwarden.detectors import Entity, EntityType, mask, mask_value
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.names._gazetteer import gazetteer
from mailwarden.detectors.names.person import DETECTOR
from mailwarden.detectors.names.person_context import DETECTOR as CONTEXT_DETECTOR
from mailwarden.detectors.scoring import ACT

_DETECTORS = Detectors([DETECTOR, CONTEXT_DETECTOR])


def people(text: str, min_score: float | None = None) -> list[Entity]:
    return [e for e in _DETECTORS.detect(text, min_score=min_score) if e.type is EntityType.PERSON]


def found(text: str, min_score: float | None = None) -> list[str]:
    return [text[e.start : e.end] for e in people(text, min_score)]


def _table(filename: str) -> dict[str, list[str]]:
    from mailwarden.detectors.names import _gazetteer

    by_community: dict[str, list[str]] = defaultdict(list)
    for line in _gazetteer._lines(filename):
        name, codes = line.split("\t")
        for code in codes.split(","):
            by_community[code].append(name)
    return by_community


FORENAMES = _table("forenames.tsv")
SURNAMES = _table("surnames.tsv")
COMMUNITIES = sorted(set(FORENAMES) & set(SURNAMES))


def _plain(name: str) -> bool:
    """A name a test can expect to be found on its own evidence: not also an everyday word."""
    names = gazetteer()
    key = name.lower()
    return key not in names.ambiguous and key not in DETECTOR.load().skip


def _pairs(community: str, count: int = 30) -> list[tuple[str, str]]:
    rng = random.Random(community)
    forenames = [n for n in FORENAMES[community] if _plain(n)]
    surnames = [n for n in SURNAMES[community] if _plain(n)]
    return [(rng.choice(forenames), rng.choice(surnames)) for _ in range(count)]


# -- positives across communities -------------------------------------------------------------


def test_every_community_has_forenames_and_surnames() -> None:
    assert len(COMMUNITIES) >= 20
    for code in (
        "en",
        "cy",
        "pl",
        "sa",
        "wa",
        "zh",
        "ro",
        "lt",
        "tr",
        "so",
        "ar",
        "ua",
        "sc",
        "et",
    ):
        assert code in COMMUNITIES


@pytest.mark.parametrize("community", COMMUNITIES)
def test_forename_and_surname_from_each_community_are_found(community: str) -> None:
    missed = []
    for forename, surname in _pairs(community):
        text = f"I visited {forename} {surname} at home on Monday."
        if found(text) != [f"{forename} {surname}"]:
            missed.append((forename, surname, found(text, 0.01)))
    assert missed == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dear Mrs Oyelaran-Whitcombe,", "Oyelaran-Whitcombe"),
        ("service user Kasia Zielińska attended the review", "Kasia Zielińska"),
        ("service user Kasia Zielinska attended the review", "Kasia Zielinska"),
        ("Dear Tamsin,\n\nThank you for your email.", "Tamsin"),
        ("Hi Siobhán, the form is attached.", "Siobhán"),
        ("The report from Seán O'Brien arrived.", "Seán O'Brien"),
        ("Mr N'Diaye called about the repair.", "N'Diaye"),
        ("I spoke to Aminata N'Diaye today.", "Aminata N'Diaye"),
        ("I spoke to Callum McAllister today.", "Callum McAllister"),
        ("I spoke to Morag MacLeod today.", "Morag MacLeod"),
        ("I spoke to Łukasz Wójcik today.", "Łukasz Wójcik"),
        ("Nguyễn Thị Lan visited the office.", "Nguyễn Thị Lan"),
        ("A letter from Jürgen Müller came.", "Jürgen Müller"),
        ("Mr. J. Smith and Dr A. Patel", "J. Smith"),
        ("Mr. J. Smith and Dr A. Patel", "A. Patel"),
        ("Cllr Rhiannon Pritchard asked for an update", "Rhiannon Pritchard"),
        ("the tenant Mrs Agnieszka Nowak", "Agnieszka Nowak"),
        ("Patient: Jane SMITH", "Jane SMITH"),
        ("Jane's mum called this morning", "Jane"),
        ("Kind regards,\nPriya", "Priya"),
        ("Thanks Chidi, that helps.", "Chidi"),
        ("Name: Abdirahman Warsame", "Abdirahman Warsame"),
        ("Please ask Grace Adeyemi to call.", "Grace Adeyemi"),
        ("Will Thornton has moved house.", "Will Thornton"),
        ("The client, May Ahmed, was not at home.", "May Ahmed"),
        ("The pupil Grace Brown was absent.", "Grace Brown"),
        ("I met Jean-Luc Dubois and Anna-Maria Rossi.", "Jean-Luc Dubois"),
        ("I met Jean-Luc Dubois and Anna-Maria Rossi.", "Anna-Maria Rossi"),
        ("A note from Ahmed bin Rashid arrived.", "Ahmed bin Rashid"),
        ("We wrote to Maria de Souza last week.", "Maria de Souza"),
        ("Olena Kovalenko arrived under the Homes for Ukraine scheme.", "Olena Kovalenko"),
        ("Chan Ka Ho and Wong Mei Ling attended.", "Wong Mei Ling"),
        ("RE: MR JOHN SMITH - HOUSING APPLICATION", "JOHN SMITH"),
        ("Name: Brakovia Quelthorne", "Brakovia Quelthorne"),
        ("From: Smith, Jane <jane.smith@example.org>", "Smith, Jane"),
        ("Recorded by: Dorotheia Brătescu-Vlăduț\n\nHome visit", "Dorotheia Brătescu-Vlăduț"),
        ("Referred by: Kester Scrivelsby, Shelter", "Kester Scrivelsby"),
        ("Kind regards,\n\nPranavel Ramdhari\nBenefits Assessor", "Pranavel Ramdhari"),
        ("> Thanks,\n> Ansell Thackwray", "Ansell Thackwray"),
        ("On 7 May, Ansell Thackwray <ansellthackwray41@example.org> wrote:", "Ansell Thackwray"),
        ("Also present was Jorrell Ashwell-Quenby (carer), who", "Jorrell Ashwell-Quenby"),
        ("Also present was S. Szczepanowicz (neighbour).", "S. Szczepanowicz"),
        ("Name\tDOB\nWARSAMEH, Guuleed\t11/02/1940", "WARSAMEH, Guuleed"),
        ("Name\tDOB\tNI No\nTYLER, Chelsea\t03/08/1953", "TYLER, Chelsea"),
        ("Name | DOB | NHS No\nBabatomiwa Okonkwere | 2/6/93 | 999", "Babatomiwa Okonkwere"),
        ("Name\tDOB\nA. Wilkinson\t16 Jan 2012", "A. Wilkinson"),
        ("Cc: NOWAK, Tomasz; Byrne, Aoife", "NOWAK, Tomasz"),
        ("Cc: NOWAK, Tomasz; Byrne, Aoife", "Byrne, Aoife"),
    ],
)
def test_names_found_with_their_evidence(text: str, name: str) -> None:
    assert name in found(text)


def test_explanation_names_the_evidence() -> None:
    (entity,) = people("Dear Mrs Oyelaran-Whitcombe,")
    assert entity.explanation.pattern == "title + name"
    assert entity.explanation.raised_by == ("mrs",)
    assert entity.score >= 0.85
    (entity,) = people("service user Kasia Zielińska attended")
    assert "service user" in entity.explanation.raised_by
    (entity,) = people("Please ask Grace Adeyemi to call.")
    assert "grace" in entity.explanation.note


# -- names not in the gazetteer, found from context ------------------------------------------

INVENTED = [
    ("Brakovia", "Quelthorne"),
    ("Zorenne", "Vashtelby"),
    ("Quillon", "Marchetto-Vrane"),
    ("Oduvena", "Trelkowicz"),
    ("Yashtrel", "Okobrandu"),
    ("Fenwyth", "Drossingham"),
]
CONTEXTS = [
    "Dear Mr {s},",
    "Mrs {f} {s} called.",
    "Dr {s} has written.",
    "Dear {f},",
    "Hi {f}, thanks for this.",
    "Kind regards,\n{f}",
    "service user {f} {s} attended",
    "the resident {f} {s} has moved",
    "pupil {f} was absent",
    "her son, {f}, is unwell",
    "a tenant named {f} {s}",
    "the child called {f}",
    "Name: {f} {s}",
    "Ms {f} {s}'s application",
]


def test_invented_names_are_not_in_the_gazetteer() -> None:
    names = gazetteer()
    for forename, surname in INVENTED:
        assert forename.lower() not in names.forenames | names.surnames
        assert surname.lower() not in names.forenames | names.surnames


@pytest.mark.parametrize("context", CONTEXTS)
def test_names_outside_the_gazetteer_are_found_from_context(context: str) -> None:
    for forename, surname in INVENTED:
        text = context.format(f=forename, s=surname)
        entities = people(text)
        assert entities, text
        assert all(e.score >= ACT for e in entities)
        span = " ".join(text[e.start : e.end] for e in entities)
        assert forename in span or surname in span, text


@pytest.mark.parametrize(
    "text",
    [
        "I visited Brakovia Quelthorne at home.",  # two unknown capitalised words
        "Zorenne said the form was late.",  # an unknown word opening a sentence
        "We use Quelthorne for the payroll.",
    ],
)
def test_unknown_words_without_context_are_not_acted_on(text: str) -> None:
    assert found(text) == []


# -- hard negatives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Norfolk County Council has updated its guidance.",
        "Please contact Adult Social Care.",
        "The referral went to Citizens Advice.",
        "St Mary's School asked for an update.",
        "The repairs at Elm Road are finished.",
        "Telford & Wrekin Council and Cambridge City Council met.",
        "The meeting is on Monday 14 March.",
        "In June the team will move to County Hall.",
        "Following the meeting, the case was closed.",
        "CHILD PROTECTION CONFERENCE - URGENT",
        "HOUSING OPTIONS TEAM",
        "Will you be able to attend?",
        "May I ask for an update?",
        "The Grace period ends in April.",
        "The Rose Garden is closed.",
        "Victoria Station is closed for repairs.",
        "Chelsea and Westminster Hospital",
        "Dear Sir or Madam,",
        "Hi All,",
        "Dear Housing Team,",
        "Dear Colleague,",
        "The Social Worker and the Team Manager agreed.",
        "Microsoft Teams meeting",
        "Please see the Annual Report of the Director of Public Health.",
        "The Jones family have moved.",
        "Hope you are well.",
        "Brown bins are collected on Friday.",
        "Green Lane will be closed.",
        "King's Lynn and West Norfolk",
        "Mark the form as urgent.",
        "Bill payers should contact us.",
        "Faith groups and Joy Lane Surgery",
        "It runs on MS Windows and opens MS Word files.",
        "OLE2 files (also called Structured Storage) are read.",
        "Name: Emulation for poll",
        "Hello ClearML!",
        "We flew to Santa Cruz.",
        "Rome's archives are open.",
        "Norfolk, Suffolk and Essex",
        "The road works on Wellington Lane may delay arrival.",
        "The John Lewis voucher was discussed.",
        "Housing Options <housing@example.org>",
        "Debian Libc Maintainers <debian-libc-maintainers@example.org>",
        "Service | Cost\nRepairs Team\t40",
        "Name\tCount\nTotal Cases\t3\nOpen Referrals\t5",
        "Hill, Rose and Green are the options.",
    ],
)
def test_organisations_places_and_everyday_words_are_not_people(text: str) -> None:
    assert found(text) == []


def test_a_lone_forename_needs_support() -> None:
    assert found("We spoke to Priya about it.", min_score=0.0) == []
    assert found("We spoke to the pupil, Priya, about it.") == ["Priya"]
    assert found("Priya's mum called.") == ["Priya"]
    assert (
        found("Grace's mum called.", min_score=0.0) == []
    )  # ambiguous: a possessive is not enough


def test_both_ambiguous_needs_more_evidence() -> None:
    assert found("Grace Brown attended.") == []
    assert found("Mrs Grace Brown attended.") == ["Grace Brown"]


# -- line wrapping ------------------------------------------------------------------------------


def test_a_title_carries_a_name_onto_the_next_line() -> None:
    text = "I have written to Mrs Jane\nOyelaran about the arrears."
    assert found(text) == ["Jane\nOyelaran"]


def test_a_wrapped_forename_and_surname_join() -> None:
    text = "I have written to Priya\nNatarajan about the arrears."
    assert found(text) == ["Priya\nNatarajan"]


def test_a_signature_block_keeps_the_name_alone() -> None:
    text = "Kind regards,\nJane Smith\nTeam Manager\nNorfolk County Council"
    assert found(text) == ["Jane Smith"]


def test_a_blank_line_separates_names() -> None:
    assert found("Mrs Priya\n\nNatarajan") == ["Priya"]


# -- masks ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Dear Mrs Maria Thompson,", "M. T."),
        ("I visited Priya Natarajan today.", "P. N."),
        ("Mr Seán O'Brien called.", "S. O."),
        ("Łukasz Wójcik called.", "Ł. W."),
    ],
)
def test_mask_gives_initials(text: str, masked: str) -> None:
    (entity,) = people(text)
    assert mask(entity, text) == masked


def test_mask_drops_titles() -> None:
    assert mask_value(EntityType.PERSON, "Mrs Maria Thompson") == "M. T."


# -- properties over the gazetteer ----------------------------------------------------------------

_NAMES = gazetteer()
_ALL_FORENAMES = sorted({n for names in FORENAMES.values() for n in names})
_ALL_SURNAMES = sorted({n for names in SURNAMES.values() for n in names})


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["Mr", "Ms", "Mrs", "Dr"]),
    st.sampled_from(_ALL_FORENAMES),
    st.sampled_from(_ALL_SURNAMES),
)
def test_any_gazetteer_pair_after_a_title_is_found(title: str, forename: str, surname: str) -> None:
    text = f"Dear {title} {forename} {surname},\n\nThank you for your letter."
    entities = people(text)
    assert any(
        text[e.start : e.end] == f"{forename} {surname}" and e.score >= ACT for e in entities
    ), (text, [(text[e.start : e.end], e.score) for e in entities])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ALL_FORENAMES), st.sampled_from(_ALL_SURNAMES))
def test_mask_never_contains_the_surname(forename: str, surname: str) -> None:
    text = f"Dear Ms {forename} {surname},"
    for entity in people(text, min_score=0.0):
        masked = mask(entity, text)
        assert surname not in masked
        assert masked == "[name]" or all(part.endswith(".") for part in masked.split())


# -- engines and the public entry point -----------------------------------------------------------

_SAMPLE = (
    "Dear Mrs Oyelaran-Whitcombe,\n\nI visited Kasia Zielińska and her son, Tomasz, at home. "
    "Hi, Tamsin: Dr A. Patel from Norfolk County Council wrote to Jane\nSmith.\n\n"
    "Kind regards,\nPriya Natarajan\nSocial Worker, Adult Social Care"
)


def test_hyperscan_and_re_find_the_same_names() -> None:
    with_re = Detectors([DETECTOR, CONTEXT_DETECTOR], use_hyperscan=False)
    assert _DETECTORS.detect(_SAMPLE, min_score=0.0) == with_re.detect(_SAMPLE, min_score=0.0)


def test_found_through_the_public_detect() -> None:
    import mailwarden

    names = [
        _SAMPLE[e.start : e.end] for e in mailwarden.detect(_SAMPLE) if e.type is EntityType.PERSON
    ]
    assert names == [
        "Oyelaran-Whitcombe",
        "Kasia Zielińska",
        "Tomasz",
        "Tamsin",
        "A. Patel",
        "Jane\nSmith",
        "Priya Natarajan",
    ]


def test_an_address_after_a_name_does_not_lower_it() -> None:
    (entity,) = people("the tenant Jane Smith at 12 Elm Road")
    assert entity.score >= 0.85


def test_a_firm_is_not_acted_on() -> None:
    assert found("Jane Smith & Sons have the contract.") == []


@pytest.mark.parametrize(
    "text",
    [
        "A" * 200_000,
        "Aa" * 100_000,
        "Abc " * 50_000,
        "\n".join(f"QUJD{'x' * 60}Rk9v{i}" for i in range(5_000)),
    ],
)
def test_hostile_text_is_read_in_linear_time(text: str) -> None:
    import time

    began = time.perf_counter()
    people(text, min_score=0.0)
    assert time.perf_counter() - began < 2.0

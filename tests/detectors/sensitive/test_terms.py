"""Every curated term, in every category: found about a person in any case and across a line
wrap, never acted on alone, masked to its category; and the list format itself."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import Detectors, EntityType, detect, mask
from mailwarden.detectors.scoring import ACT
from mailwarden.detectors.sensitive._detector import extension_end
from mailwarden.detectors.sensitive._terms import (
    STRENGTHS,
    _entries,
    _read,
    expand,
    head_of,
    term_key,
)

from .helpers import CATEGORIES, DETECTORS, SENSITIVE, found, spans

PERSON = "Her son {} yesterday."


def variants(name: str) -> list[tuple[str, bool]]:
    """(spelling, case-sensitive) for every spelling of every term in `data/<name>.yaml`."""
    data = _read(name)
    sets = data.get("sets") or {}
    out = []
    for _, spec in _entries(name, data):
        cased = spec.get("case") == "exact"
        out += [(v, cased) for v in expand(str(spec["term"]), sets)]
    return list(dict.fromkeys(out))


ALL = [(name, v, cased) for name in CATEGORIES for v, cased in variants(name)]


def covered(text: str, inserted: str, kind: EntityType) -> bool:
    """Whether an entity of `kind` acted on overlaps where `inserted` sits in `text`."""
    at = text.index(inserted)
    return any(e.start < at + len(inserted) and e.end > at for e in found(text, kind))


@pytest.mark.parametrize("name", CATEGORIES)
def test_every_term_about_a_person_is_acted_on(name: str) -> None:
    kind = CATEGORIES[name]
    missed = [v for v, _ in variants(name) if not covered(PERSON.format(v), v, kind)]
    assert missed == []


@pytest.mark.parametrize("name", CATEGORIES)
def test_caseless_terms_are_found_in_upper_and_lower_case(name: str) -> None:
    kind = CATEGORIES[name]
    missed = [
        form
        for v, cased in variants(name)
        if not cased
        for form in (v.upper(), v.lower())
        if not covered(PERSON.format(form), form, kind)
    ]
    assert missed == []


WRAPS = ("\n", "\r\n", " \r\n")
"""How mail clients wrap a line: a break, with the trailing space of format=flowed or not."""


@pytest.mark.parametrize("name", CATEGORIES)
def test_multi_word_terms_are_found_across_a_line_wrap(name: str) -> None:
    kind = CATEGORIES[name]
    wrapped = [v.replace(" ", wrap, 1) for v, _ in variants(name) if " " in v for wrap in WRAPS]
    missed = [w for w in wrapped if not covered(PERSON.format(w), w, kind)]
    assert missed == []


@pytest.mark.parametrize("name", CATEGORIES)
def test_no_term_alone_is_acted_on(name: str) -> None:
    kind = CATEGORIES[name]
    acted = [v for v, _ in variants(name) if found(f"{v}.", kind)]
    assert acted == []
    assert all(
        e.score <= STRENGTHS["strong"] for v, _ in variants(name) for e in found(v, kind, 0.0)
    )


def test_indented_continuation_lines_are_read_when_the_head_is_a_rare_word() -> None:
    text = "The client disclosed domestic\n        abuse."
    assert spans(text, EntityType.SAFEGUARDING) == ["domestic\n        abuse"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("He was sectioned off from the office.", EntityType.HEALTH),
        ("She had a stroke of luck.", EntityType.HEALTH),
        ("He was sectioned in March.", None),
    ],
)
def test_a_listed_non_term_suppresses_the_term_inside_it(
    text: str, kind: EntityType | None
) -> None:
    entities = found(text, EntityType.HEALTH, 0.0)
    assert (entities == []) is (kind is not None)


def test_case_sensitive_terms_are_not_found_in_other_cases() -> None:
    assert found("Her son is LAC.", EntityType.SAFEGUARDING)
    assert not found("Her son is lac.", EntityType.SAFEGUARDING, 0.0)
    assert not found("We must all unite, he said.", EntityType.TRADE_UNION, 0.0)
    assert not found("He will polish the car.", EntityType.ETHNIC_ORIGIN, 0.0)


def test_each_spelling_belongs_to_one_category() -> None:
    owners: dict[tuple[str, bool], set[str]] = {}
    for name, v, cased in ALL:
        owners.setdefault((term_key(v, cased=cased), cased), set()).add(name)
    assert {k: o for k, o in owners.items() if len(o) > 1} == {}


def test_term_counts() -> None:
    counts = {name: len(variants(name)) for name in CATEGORIES}
    assert all(n >= 25 for n in counts.values()), counts


@pytest.mark.parametrize(
    ("text", "kind", "masked"),
    [
        ("Her son was sectioned last week.", EntityType.HEALTH, "Her son was [HEALTH] last week."),
        (
            "The client disclosed domestic\nabuse to me.",
            EntityType.SAFEGUARDING,
            "The client disclosed [SAFEGUARDING] to me.",
        ),
        ("Mr X is a member of Unison", EntityType.TRADE_UNION, "Mr X is a [TRADE_UNION]"),
        (
            "He was diagnosed with lupus on Monday.",
            EntityType.HEALTH,
            "He was [HEALTH] on Monday.",
        ),
    ],
)
def test_mask_is_the_category(text: str, kind: EntityType, masked: str) -> None:
    entities = found(text, kind)
    assert [mask(e, text) for e in entities] == [f"[{kind}]"] * len(entities)
    assert redact(text) == masked


def redact(text: str, detectors: Detectors = SENSITIVE) -> str:
    """`text` with every sensitive entity acted on replaced by its mask."""
    out, last = [], 0
    for entity in detectors.detect(text):
        out += [text[last : entity.start], mask(entity, text)]
        last = entity.end
    return "".join([*out, text[last:]])


TEMPLATES = (
    "Her son {} last week.",
    "The client told me she {} and asked us not to share it.",
    "Mr Smith ({}) has asked for a home visit",
    "Re: my neighbour, {}",
    "{}: their daughter",
)


@given(
    st.sampled_from(ALL),
    st.sampled_from(TEMPLATES),
    st.sampled_from(["keep", "upper", "lower", "title"]),
    st.sampled_from([" ", "\n", " \r\n", "  ", "\t"]),
)
def test_masking_never_contains_the_raw_term(
    entry: tuple[str, str, bool], template: str, case: str, space: str
) -> None:
    _, variant, cased = entry
    term = variant if cased or case == "keep" else getattr(variant, case)()
    term = term.replace(" ", space)
    text = template.format(term)
    redacted = redact(text)
    assert "[" in redacted
    outside_masks = re.sub(r"\[[A-Z_]+\]", "[]", redacted)  # "[RELIGION]" names a term
    assert term.lower() not in outside_masks.lower()
    assert re.sub(r"\s+", " ", term.lower()) not in re.sub(r"\s+", " ", outside_masks.lower())


def test_hyperscan_and_re_agree() -> None:
    text = (
        "Her son was sectioned under the Mental Health Act last week. The client disclosed "
        "domestic abuse and a MARAC referral was made. Mr X is a member of Unison; he was "
        "arrested in May. She is a practising Muslim of Pakistani heritage. Christian Aid "
        "collection. Labour Market statistics. Their daughter had a stroke and is in prison."
    )
    fast = SENSITIVE.detect(text, min_score=0.0)
    slow = Detectors(DETECTORS.values(), use_hyperscan=False).detect(text, min_score=0.0)
    assert [(e.type, e.start, e.end, e.score) for e in fast] == [
        (e.type, e.start, e.end, e.score) for e in slow
    ]


def test_the_detectors_are_part_of_detect() -> None:
    text = "Her son was sectioned under the Mental Health Act last week."
    assert [(e.type, e.start, e.end) for e in detect(text) if e.type is EntityType.HEALTH] == [
        (EntityType.HEALTH, 12, 49)
    ]


def test_explanation_names_the_category_and_context_words_but_not_the_term() -> None:
    (entity,) = found("the client disclosed domestic abuse", EntityType.SAFEGUARDING)
    assert entity.explanation.detector == "sensitive.safeguarding"
    assert entity.explanation.pattern == "SAFEGUARDING term (strong)"
    assert "domestic" not in str(entity.explanation)
    assert entity.explanation.raised_by == ("client", "disclosed")
    (low,) = found("Mental Health Strategy 2025", EntityType.HEALTH, 0.0)
    assert "strategy" in low.explanation.lowered_by
    assert "inside a capitalised name" in low.explanation.lowered_by


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("Schizophrenia.", 0.5),  # strong, alone
        ("Her schizophrenia.", 0.85),  # strong, a person
        ("Depression.", 0.4),  # medium, alone
        ("His depression.", 0.75),  # medium, a person
        ("Her son and the schizophrenia team.", 0.65),  # a person and an organisation
        ("Her son and the depression team.", 0.55),
        ("Her son and the schizophrenia strategy.", 0.4),  # a policy
        ("Anxiety.", 0.3),  # weak, alone
        ("Their anxiety.", 0.65),
    ],
)
def test_scores(text: str, score: float) -> None:
    (entity,) = found(text, EntityType.HEALTH, 0.0)
    assert entity.score == score
    assert (entity.score >= ACT) is (score >= ACT)


def test_a_person_in_another_sentence_does_not_count() -> None:
    assert not found("She called yesterday.\n\nDementia.", EntityType.HEALTH)
    assert not found("I spoke to her about it. Dementia care homes are full.", EntityType.HEALTH)


@pytest.mark.parametrize(
    ("written", "spellings"),
    [
        ("conviction(s)", ["conviction", "convictions"]),
        ("member of {u}", ["member of Unison", "member of GMB"]),
        ("{u} rep(s)", ["Unison rep", "Unison reps", "GMB rep", "GMB reps"]),
    ],
)
def test_expand(written: str, spellings: list[str]) -> None:
    assert sorted(expand(written, {"u": ["Unison", "GMB"]})) == sorted(spellings)


@pytest.mark.parametrize(
    ("variant", "head", "lead"),
    [
        ("dementia", "dementia", ""),
        ("in prison", "prison", "in "),
        ("type 2 diabetes", "diabetes", "type 2 "),
        ("self-harm", "self-harm", ""),  # scanned as self-harm, self harm, selfharm
        ("Down's syndrome", "syndrome", "Down's "),
        ("trade union member", "trade union", ""),  # every word common: two words
        ("care order", "care order", ""),
    ],
)
def test_head_is_the_rarest_word(variant: str, head: str, lead: str) -> None:
    assert head_of(variant)[:2] == (head, lead)


def test_spellings_of_one_term_share_a_key() -> None:
    assert term_key("Self-Harm") == term_key("self harm") == term_key("selfharm") == "selfharm"
    assert term_key("Alzheimer’s") == term_key("Alzheimers")
    assert term_key("DoLS", cased=True) == "DoLS"


def test_extension_stops_at_the_next_clause() -> None:
    text = "diagnosed with dementia and had a stroke"
    assert text[: extension_end(text, len("diagnosed with"), 3)] == "diagnosed with dementia"
    text = "diagnosed with a rare condition."
    assert text[: extension_end(text, len("diagnosed with"), 3)] == text[:-1]
    text = "diagnosed with. Then"
    assert extension_end(text, len("diagnosed with"), 3) == len("diagnosed with")

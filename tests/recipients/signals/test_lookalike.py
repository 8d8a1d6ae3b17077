"""Signal 2, lookalike of a usual contact: typos, swapped domains, homoglyphs, name slips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.recipients import SenderHistory
from mailwarden.recipients.signals import (
    SignalKind,
    SignalOptions,
    damerau_levenshtein,
    lookalike_signals,
    misdirection_signals,
    skeleton,
)

from .helpers import NORFOLK, NOW, USUAL, history, message

NAMED = history(
    [((u,), 12) for u in USUAL] + [((("anita.patel@norfolk.gov.uk", "Anita Patel"),), 6)]
)


def _lookalike(to: str, past: SenderHistory = NAMED) -> list[str]:
    found = misdirection_signals(message([to]), None, NORFOLK, past, now=NOW)
    return [r for s in found if s.kind is SignalKind.LOOKALIKE for r in s.reasons]


@pytest.mark.parametrize(
    ("to", "why"),
    [
        ("sarah.jonson@norfolk.gov.uk", "differs by one character before the @"),
        ("sarah.johnsno@norfolk.gov.uk", "differs by one character before the @"),
        ("tom.fletcher@gmial.com", "one character away from your usual gmail.com"),
        ("tom.fletcher@gmail.co", "one character away"),
        ("priya.patel@nhs.uk", "with another ending"),
        ("sarah.johnson@norfolk.gov.uk.example", "with something added"),
        ("sarah.johnson@nоrfolk.gov.uk", "another alphabet"),  # Cyrillic о
        ("sarah.johnson@xn--nrfolk-wqf.gov.uk", "spelt differently"),
        ("tom.f1etcher@gmail.com", "spelt differently"),
        ("Sarah Johnson <sjohnson.home@outlook.com>", "same name as your usual contact"),
        ("Sarah Jones <sarah.jones@norfolk.gov.uk>", "first name of your usual contact"),
    ],
)
def test_lookalike_fires(to: str, why: str) -> None:
    reasons = _lookalike(to)
    assert reasons and why in reasons[0], reasons


def test_display_name_slip_uses_the_names_history_keeps() -> None:
    past = history([(((("sarah.johnson@norfolk.gov.uk", "Sarah Johnson")),), 12)] * 3)
    assert _lookalike("Sarah Johnson <s.johnson@norfolk-council.example>", past)


@pytest.mark.parametrize(
    "to",
    [
        "sarah.johnson@norfolk.gov.uk",  # the contact itself
        "kevin.osei@norfolk.gov.uk",  # new, but like no one
        "tom.fletcher@norfolk.gov.uk",  # same local part at an unrelated domain
        "info@gmail.com",
        "duty.xxxxm@norfolk.gov.uk",  # three edits from duty.team
    ],
)
def test_lookalike_does_not_fire(to: str) -> None:
    assert _lookalike(to) == []


def _scored(to: str, past: SenderHistory = NAMED) -> list[float]:
    found = misdirection_signals(message([to]), None, NORFOLK, past, now=NOW)
    return [s.score for s in found if s.kind is SignalKind.LOOKALIKE]


def test_the_wrong_namesake_scores_enough_to_warn() -> None:
    assert _scored("Sarah Jones <sarah.jones@norfolk.gov.uk>") == [0.55]  # same domain
    assert _scored("Priya Shah <priya.shah@suffolk.gov.uk>") == [0.5]  # elsewhere


@pytest.mark.parametrize(
    ("to", "why"),
    [
        ("new.person@gmial.com", "one character away from gmail.com"),
        ("a.case.worker@norfok.gov.uk", "one character away from norfolk.gov.uk"),
        ("someone@nhs.net.example", "nhs.net, where you write, with something added"),
    ],
)
def test_a_mistyped_domain_fires_whoever_the_person(to: str, why: str) -> None:
    reasons = _lookalike(to)
    assert reasons and why in reasons[0] and _scored(to) == [0.85], reasons


def test_a_new_domain_like_no_domain_written_to_does_not_fire() -> None:
    assert _lookalike("someone@suffolk.gov.uk") == []
    assert _lookalike("someone@nhs.uk") == []  # another ending alone is not enough


def test_short_local_parts_allow_one_edit_only() -> None:
    past = history([((("bo.li@norfolk.gov.uk", ""),), 40)])
    assert _lookalike("bo.lu@norfolk.gov.uk", past)
    assert _lookalike("bu.lu@norfolk.gov.uk", past) == []
    assert _lookalike("duty.xxam@norfolk.gov.uk")  # two edits in a longer local part


def test_internal_aliases_are_not_lookalikes() -> None:
    telford_usual = history([((("kim.ng@telford.gov.uk", ""),), 40)], sender="a@telford.gov.uk")
    from mailwarden.policy.loader import load_pack

    telford = load_pack("telford")
    found = misdirection_signals(
        message(["kim.ng@taw.org.uk"], sender="a@telford.gov.uk"),
        None,
        telford,
        telford_usual,
        now=NOW,
    )
    assert not [s for s in found if s.kind is SignalKind.LOOKALIKE]


def test_a_usual_recipient_is_never_a_lookalike_of_another() -> None:
    past = history(
        [((("j.smith@norfolk.gov.uk", ""),), 10), ((("j.smyth@norfolk.gov.uk", ""),), 10)] * 2
    )
    assert _lookalike("j.smyth@norfolk.gov.uk", past) == []


def test_confirmed_lookalike_is_silent_and_learning_period_too() -> None:
    confirmed = history(confirmed=["tom.fletcher@gmial.com"])
    assert _lookalike("tom.fletcher@gmial.com", confirmed) == []
    young = history([((u,), 3) for u in USUAL])
    assert _lookalike("tom.fletcher@gmial.com", young) == []


@pytest.mark.parametrize(
    ("a", "b", "d"),
    [
        ("gmail", "gmial", 1),
        ("abc", "abc", 0),
        ("kitten", "sitting", 3),
        ("", "ab", 2),
        ("ca", "abc", 3),
    ],
)
def test_damerau_levenshtein(a: str, b: str, d: int) -> None:
    assert damerau_levenshtein(a, b) == d
    assert damerau_levenshtein(a, b, limit=0) == min(d, 1)


def test_skeleton_folds_lookalike_characters() -> None:
    assert skeleton("rnark@nоrfolk.gov.uk") == skeleton("mark@norfolk.gov.uk")
    assert skeleton("j0nes@x.example") == skeleton("jones@x.example")
    assert skeleton("lee@x.example") == skeleton("1ee@x.example")
    assert skeleton("jones@x.example") != skeleton("james@x.example")


_LOCAL = st.from_regex(r"[a-z][a-z0-9._]{0,14}[a-z0-9]", fullmatch=True)
_DOMAIN = st.sampled_from(
    ["norfolk.gov.uk", "gmail.com", "gmial.com", "nhs.net", "nhs.uk", "school.example"]
)
_ADDRESS = st.builds(lambda lp, d: f"{lp}@{d}", _LOCAL, _DOMAIN)


@given(st.lists(_ADDRESS, min_size=1, max_size=6, unique=True), st.data())
def test_property_a_usual_contact_never_looks_like_another(
    usual: list[str], data: st.DataObject
) -> None:
    past = history([(((u, "Same Name"),), 5) for u in usual])
    target = data.draw(st.sampled_from(usual))
    options = SignalOptions(rare_count=10)  # even with every recipient counted as rare
    found = list(
        lookalike_signals(
            [(target, "recipient:1", "Same Name")], past, options, NORFOLK.is_internal
        )
    )
    assert found == []

"""IBAN: formats, wrapping, near misses, context, masks, and properties over generated IBANs.

Every IBAN here is generated from the registry layouts with computed check digits, except
GB82 WEST 1234 5698 7654 32, the registry's own documentation example.
"""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.generic.iban import BBAN_LAYOUTS, DETECTOR, iban_ok
from mailwarden.detectors.scoring import ACT, HIGH

from ..scan_checks import assert_prefilter_proposes_every_exact_match

EXAMPLE = "GB82 WEST 1234 5698 7654 32"
KINDS = {
    "n": string.digits,
    "a": string.ascii_uppercase,
    "c": string.digits + string.ascii_uppercase,
}


def ibans(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.IBAN
    ]


def remainder(alnum: str) -> int:
    """MOD 97-10 written the long way, independent of the detector's own."""
    return int("".join(str(int(c, 36)) for c in alnum)) % 97


def with_check(country: str, bban: str) -> str:
    return f"{country}{98 - remainder(bban + country + '00'):02d}{bban}"


def grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def layout_runs(country: str) -> list[tuple[int, str]]:
    return [(int(n), k) for n, k in re.findall(r"(\d+)([nac])", BBAN_LAYOUTS[country])]


def bban_from(country: str, seed: int) -> str:
    """A deterministic BBAN of the country's layout (for the table-driven cases)."""
    chars = []
    for count, kind in layout_runs(country):
        for i in range(count):
            pool = KINDS[kind]
            chars.append(pool[(seed * 7 + len(chars) * 13 + i) % len(pool)])
    return "".join(chars)


@st.composite
def valid_ibans(draw: st.DrawFn, countries: list[str] | None = None) -> str:
    country = draw(st.sampled_from(countries or sorted(BBAN_LAYOUTS)))
    bban = "".join(
        draw(st.text(alphabet=KINDS[kind], min_size=count, max_size=count))
        for count, kind in layout_runs(country)
    )
    return with_check(country, bban)


SEPA = ["GB", "IE", "DE", "FR", "NL", "ES", "IT", "BE", "AT", "PT", "FI", "SE", "DK", "NO", "PL"]
SEPA += ["CH", "LU", "MT", "CY", "GR", "HR", "SI", "SK", "CZ", "HU", "RO", "BG", "EE", "LV", "LT"]
SEPA += ["IS", "LI", "MC", "SM", "VA", "AD", "GI"]


def test_the_registry_lengths_of_common_countries() -> None:
    lengths = {c: 4 + sum(n for n, _ in layout_runs(c)) for c in BBAN_LAYOUTS}
    assert lengths["GB"] == lengths["IE"] == lengths["DE"] == 22
    assert (lengths["FR"], lengths["NL"], lengths["NO"], lengths["MT"], lengths["RU"]) == (
        27,
        18,
        15,
        31,
        33,
    )
    assert set(SEPA) <= set(BBAN_LAYOUTS)
    assert all(15 <= n <= 34 for n in lengths.values())


def test_the_documentation_example_passes() -> None:
    assert iban_ok(EXAMPLE.replace(" ", ""))


@pytest.mark.parametrize("country", SEPA)
def test_every_sepa_country_is_found_grouped_and_compact(country: str) -> None:
    iban = with_check(country, bban_from(country, len(country) + ord(country[0])))
    assert ibans(f"Please pay into {grouped(iban)} by Friday") == [grouped(iban)]
    assert ibans(f"IBAN:{iban}.") == [iban]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (f"IBAN {EXAMPLE}", EXAMPLE),
        (f"IBAN {EXAMPLE} BIC NWBKGB2L", EXAMPLE),  # a BIC after it is not part of it
        (f"({EXAMPLE})", EXAMPLE),
        ("GB82WEST12345698765432", "GB82WEST12345698765432"),
        ("Account: GB82WEST12345698765432, thanks", "GB82WEST12345698765432"),
        ("GB82 WEST 1234 5698\n7654 32 is mine", "GB82 WEST 1234 5698\n7654 32"),
        ("GB82 WEST 1234 5698 \r\n  7654 32", "GB82 WEST 1234 5698 \r\n  7654 32"),
        ("GB82\u00a0WEST\u00a01234\u00a05698\u00a07654\u00a032", None),
        (f"{EXAMPLE} 2024", EXAMPLE),  # a group after it does not extend it
    ],
)
def test_found_in_common_formats(text: str, value: str | None) -> None:
    assert ibans(text) == [value or text]


@pytest.mark.parametrize(
    "text",
    [
        "IBAN GB82 WEST 1234 5698 7654 33",  # one digit changed
        "IBAN GB83 WEST 1234 5698 7654 32",  # check digits changed
        "IBAN GB82 WEST 1234 5698 7654 3",  # one short
        "IBAN GB82 WEST 1234 5698 7654 321",  # one long (the group goes on)
        "IBAN GB82WEST123456987654321",  # compact, one long
        "IBAN XY82 WEST 1234 5698 7654 32",  # no such country
        "IBAN gb82 west 1234 5698 7654 32",  # lower case
        "IBAN GB82 W3ST 1234 5698 7654 32",  # a digit in the bank code (and mod 97 fails)
        "IBAN XGB82WEST12345698765432",  # tail of a longer code
        "IBAN GB82WEST12345698765432X",  # head of a longer code
        "IBAN ref-GB82WEST12345698765432",  # after a dash
    ],
)
def test_near_misses_are_not_found(text: str) -> None:
    assert ibans(text, min_score=0.0) == []


def test_layout_is_checked_beyond_mod_97() -> None:
    # digits where GB has the bank's four letters, with check digits that pass mod 97
    bad = with_check("GB", "1234" + "12345612345678")
    assert remainder(bad[4:] + bad[:4]) == 1
    assert not iban_ok(bad)
    assert ibans(f"IBAN {bad}", min_score=0.0) == []


def test_check_digits_01_are_refused_though_mod_97_passes() -> None:
    # 98 and 01 are the same remainder: find a BBAN whose check digits are 98
    for n in range(10_000):
        iban = with_check("GB", f"WEST{n:014d}")
        if iban[2:4] == "98":
            break
    variant = iban[:2] + "01" + iban[4:]
    assert remainder(variant[4:] + variant[:4]) == 1
    assert not iban_ok(variant)
    assert ibans(f"IBAN {variant}", min_score=0.0) == []
    assert ibans(f"IBAN {iban}") == [iban]


def test_acts_alone_and_context_raises_or_lowers() -> None:
    (alone,) = [e for e in detect(EXAMPLE) if e.type is EntityType.IBAN]
    assert ACT <= alone.score < HIGH
    assert alone.explanation.checksum == "passed"
    assert alone.explanation.pattern == "groups of four"
    (raised,) = [e for e in detect(f"Our IBAN is {EXAMPLE}") if e.type is EntityType.IBAN]
    assert raised.score >= HIGH
    assert "iban" in raised.explanation.raised_by
    assert ibans(f"For example {EXAMPLE}") == []
    assert ibans(f"For example {EXAMPLE}", min_score=0.0) == [EXAMPLE]


def test_mask_keeps_the_last_four_and_the_spaces() -> None:
    (entity,) = [e for e in detect(f"IBAN {EXAMPLE}") if e.type is EntityType.IBAN]
    assert mask(entity, f"IBAN {EXAMPLE}") == "**** **** **** **** **54 32"


SINGLE = Detectors([DETECTOR])
SINGLE_RE = Detectors([DETECTOR], use_hyperscan=False)


@given(valid_ibans(), st.booleans())
def test_every_valid_iban_is_found(iban: str, spaced: bool) -> None:
    value = grouped(iban) if spaced else iban
    assert ibans(f"Transfer to {value} today") == [value]


@given(valid_ibans())
def test_a_wrapped_iban_is_found(iban: str) -> None:
    value = grouped(iban)
    cut = value.rfind(" ", 0, 12)
    wrapped = value[:cut] + "\n" + value[cut + 1 :]
    assert ibans(f"IBAN\n{wrapped}\nThanks") == [wrapped]


@given(
    valid_ibans([c for c, layout in BBAN_LAYOUTS.items() if "c" not in layout]),
    st.data(),
)
def test_every_single_character_mutation_is_dropped(iban: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(iban) - 1))
    replacement = data.draw(
        st.sampled_from(string.digits + string.ascii_uppercase).filter(
            lambda c: c != iban[position]
        )
    )
    mutated = iban[:position] + replacement + iban[position + 1 :]
    assert not iban_ok(mutated)
    assert ibans(f"IBAN {grouped(mutated)}", min_score=0.0) == []


@given(valid_ibans(), st.data())
def test_every_same_kind_substitution_is_dropped_in_any_country(
    iban: str, data: st.DataObject
) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(iban) - 1))
    pool = string.digits if iban[position].isdigit() else string.ascii_uppercase
    replacement = data.draw(st.sampled_from(pool).filter(lambda c: c != iban[position]))
    assert not iban_ok(iban[:position] + replacement + iban[position + 1 :])


@given(valid_ibans(), st.booleans())
def test_mask_never_contains_the_raw_value(iban: str, spaced: bool) -> None:
    text = f"IBAN {grouped(iban) if spaced else iban}"
    found = [e for e in detect(text) if e.type is EntityType.IBAN]
    assert found
    for entity in found:
        masked = mask(entity, text)
        assert iban not in masked.replace(" ", "")
        assert iban[:-4] not in masked.replace(" ", "")
        assert masked.replace(" ", "").endswith(iban[-4:])


@given(
    st.lists(
        st.one_of(
            valid_ibans().map(grouped),
            valid_ibans(),
            st.text(alphabet="GBIEDE0123456789WST \n-.", max_size=12),
        ),
        max_size=4,
    ).map(" ".join)
)
def test_the_prefilter_proposes_every_exact_match(text: str) -> None:
    assert_prefilter_proposes_every_exact_match(DETECTOR.patterns[0], text)


@given(valid_ibans(), st.booleans())
def test_both_scan_engines_agree(iban: str, spaced: bool) -> None:
    text = f"Pay {grouped(iban) if spaced else iban}, then call"
    assert SINGLE.detect(text, min_score=0.0) == SINGLE_RE.detect(text, min_score=0.0)


def test_two_ibans_in_a_row_are_both_found_by_either_engine() -> None:
    text = f"{EXAMPLE} {EXAMPLE}"
    assert len(SINGLE.detect(text)) == len(SINGLE_RE.detect(text)) == 2

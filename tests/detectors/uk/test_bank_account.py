"""UK_BANK_ACCOUNT: acted on when paired with a sort code or named by a word; formats,
wrapping, near misses, context, masks, and properties over generated numbers (none is a
real account).
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.scoring import ACT, HIGH, LOW
from mailwarden.detectors.uk.bank_account import DETECTOR, date_like

from ..scan_checks import assert_prefilter_proposes_every_exact_match


def accounts(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.UK_BANK_ACCOUNT
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sort code 40-47-84 account 70872490", "70872490"),
        ("40-47-84 70872490", "70872490"),  # paired, no words
        ("40-47-84, 70872490.", "70872490"),
        ("Account 70872490 sort code 40-47-84", "70872490"),  # account first
        ("70872490 40-47-84", "70872490"),
        ("Sort code: 40 47 84\nAccount number: 70872490", "70872490"),
        ("Sort code: 40-47-84\nAccount number: 7087\n2490", "7087\n2490"),  # wrapped
        ("Account number: 70872490", "70872490"),  # a word alone
        ("a/c 70872490", "70872490"),
        ("Bank account 7087 2490", "7087 2490"),  # printed 4 4
        ("acct no.: 70872490", "70872490"),
        ("sort code,account\n40-47-84,70872490", "70872490"),  # cells, paired
        ("Account number 7087249", "7087249"),  # seven digits, with a word
        ("account no 708724", "708724"),  # six digits, with a word
        ("sort code 40-47-84, a/c 7087249", "7087249"),  # seven digits, paired through a label
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert accounts(text) == [value]


def test_a_list_in_prose_is_not_a_run_of_figures() -> None:
    assert accounts("Account numbers 70872490, 70872491") == ["70872490", "70872491"]


def test_eight_bare_digits_are_below_the_threshold() -> None:
    assert accounts("70872490") == []
    (entity,) = [
        e for e in detect("70872490", min_score=0.0) if e.type is EntityType.UK_BANK_ACCOUNT
    ]
    assert entity.score == LOW
    assert entity.explanation.checksum is None


@pytest.mark.parametrize(
    "text",
    [
        "70872490",
        "7087249",  # seven bare digits
        "40-47-84 7087249",  # seven digits paired without a label
        "404784 70872490",  # paired with six bare digits, no word
        "Invoice 70872490",
        "Customer account number 70872490",  # not a bank account
        "Council tax account number 70872490",
        "Your order number 70872490",
        "Tel 0161 7087 2490",  # the tail of a phone number
        "Bank holiday on 20240527",  # a date's shape
        "40-47-84\n\n70872490",  # a paragraph apart
    ],
)
def test_not_acted_on(text: str) -> None:
    assert accounts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "account number 708724901",  # nine digits
        "account number 70524",  # five digits
        "account number 7087-2490",  # a dash is not an account layout
        "account number X70872490",  # tail of a code
        "account number 70872490X",
        "account number ref-70872490",
        "account number 70872490/2",
    ],
)
def test_near_misses_are_not_found(text: str) -> None:
    assert accounts(text, min_score=0.0) == []


@pytest.mark.parametrize(
    "text",
    [
        "Tel: (029) 2018 0454",  # 4 4 after an area code
        "Telephone: +44 20 7946 0047",
        "Mobile 07700 900460",
        "account no. THOMA 555279 J99YG",  # inside a licence number
        "Bank totals 582,70872490,3804733",  # one cell of a run of figures
    ],
)
def test_digits_inside_other_values_are_not_proposed(text: str) -> None:
    assert accounts(text, min_score=0.0) == []


def test_pairing_and_context_each_act_and_together_are_high() -> None:
    def score(text: str) -> float:
        (entity,) = [e for e in detect(text) if e.type is EntityType.UK_BANK_ACCOUNT]
        return entity.score

    assert ACT <= score("40-47-84 70872490") < HIGH
    assert ACT <= score("account number 70872490") < HIGH
    assert score("sort code 40-47-84 account 70872490") >= HIGH
    (paired,) = [e for e in detect("40-47-84 70872490") if e.type is EntityType.UK_BANK_ACCOUNT]
    assert paired.explanation.checksum == "passed"


def test_date_shapes() -> None:
    assert date_like("20240527") and date_like("27052024") and date_like("19991231")
    assert not date_like("70872490") and not date_like("20241327") and not date_like("1234567")


@pytest.mark.parametrize(
    ("text", "masked"),
    [("a/c 70872490", "****2490"), ("account 7087 2490", "**** 2490"), ("a/c 708724", "**8724")],
)
def test_mask_keeps_the_last_four(text: str, masked: str) -> None:
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_BANK_ACCOUNT]
    assert mask(entity, text) == masked


eight_digits = st.text(alphabet=string.digits, min_size=8, max_size=8).filter(
    lambda d: not date_like(d)
)
six_digits = st.text(alphabet=string.digits, min_size=6, max_size=6)


@given(eight_digits, st.booleans())
def test_every_number_is_found_with_a_word(value: str, split: bool) -> None:
    shown = f"{value[:4]} {value[4:]}" if split else value
    assert accounts(f"Account number {shown} thanks") == [shown]
    assert accounts(f"Copy {shown} thanks") == []


@given(eight_digits, six_digits)
def test_every_number_is_found_paired_with_a_sort_code(value: str, code: str) -> None:
    shown = f"{code[:2]}-{code[2:4]}-{code[4:]}"
    assert accounts(f"Details: {shown} {value} thanks") == [value]
    assert accounts(f"Details: {value} {shown} thanks") == [value]


@given(eight_digits, six_digits)
def test_every_number_is_found_beside_a_spaced_sort_code_with_labels(value: str, code: str) -> None:
    # without the labels "00 00 39 01000000" is as much an international phone number
    shown = f"{code[:2]} {code[2:4]} {code[4:]}"
    assert accounts(f"Sort code {shown} account {value} thanks") == [value]
    assert accounts(f"Account {value} sort code {shown} thanks") == [value]


@given(eight_digits)
def test_a_wrapped_number_is_found(value: str) -> None:
    wrapped = f"{value[:4]}\n{value[4:]}"
    assert accounts(f"Account number\n{wrapped}\nthanks") == [wrapped]


@given(eight_digits)
def test_mask_never_contains_the_raw_value(value: str) -> None:
    text = f"Account number {value}"
    (entity,) = [e for e in detect(text) if e.type is EntityType.UK_BANK_ACCOUNT]
    masked = mask(entity, text)
    assert value not in masked
    assert masked == "****" + value[-4:]


SINGLE = Detectors([DETECTOR])
SINGLE_RE = Detectors([DETECTOR], use_hyperscan=False)


@given(
    st.lists(
        st.one_of(
            eight_digits,
            eight_digits.map(lambda d: f"{d[:4]} {d[4:]}"),
            st.text(alphabet="0123456789 -\n\u00a0.", max_size=16),
        ),
        max_size=4,
    ).map(" ".join)
)
def test_the_prefilter_proposes_every_exact_match(text: str) -> None:
    assert_prefilter_proposes_every_exact_match(DETECTOR.patterns[0], text)


@given(eight_digits, st.booleans())
def test_both_scan_engines_agree(value: str, split: bool) -> None:
    text = f"Account {value[:4] + ' ' + value[4:] if split else value}, thanks"
    assert SINGLE.detect(text, min_score=0.0) == SINGLE_RE.detect(text, min_score=0.0)

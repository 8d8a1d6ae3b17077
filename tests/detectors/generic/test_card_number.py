"""CARD_NUMBER: issuers and layouts, wrapping, near misses, context, masks, and properties
over generated numbers.

Every number is generated here (issuer prefix, random body, Luhn digit), or is one of the
issuers' published test numbers (4111 1111 1111 1111, 5555 5555 5555 4444, 3782 822463 10005).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.generic.card_number import DETECTOR, card_issuer
from mailwarden.detectors.scoring import ACT, HIGH

from ..scan_checks import assert_prefilter_proposes_every_exact_match

VISA = "4111 1111 1111 1111"
MASTERCARD = "5555 5555 5555 4444"
AMEX = "3782 822463 10005"


def cards(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.CARD_NUMBER
    ]


def luhn_digit(body: str) -> str:
    """The Luhn check digit for `body`, computed the textbook way."""
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return str((10 - total % 10) % 10)


def luhn_valid(digits: str) -> bool:
    return luhn_digit(digits[:-1]) == digits[-1]


def complete(prefix: str, length: int, fill: int = 0) -> str:
    body = (prefix + f"{fill:019d}")[: length - 1]
    return body + luhn_digit(body)


def layout(digits: str) -> str:
    """The way the issuer prints it."""
    if len(digits) == 15:
        return f"{digits[:4]} {digits[4:10]} {digits[10:]}"
    if len(digits) == 14:
        return f"{digits[:4]} {digits[4:10]} {digits[10:]}"
    if len(digits) == 13:
        return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


# (issuer, prefix, length) for every range and a length it issues
ISSUED = [
    ("Visa", "4", 16),
    ("Visa", "4", 13),
    ("Visa", "4", 19),
    ("Mastercard", "51", 16),
    ("Mastercard", "55", 16),
    ("Mastercard", "2221", 16),
    ("Mastercard", "2720", 16),
    ("American Express", "34", 15),
    ("American Express", "37", 15),
    ("Maestro", "50", 16),
    ("Maestro", "56", 19),
    ("Maestro", "6759", 16),
    ("Maestro", "69", 13),
    ("Discover", "6011", 16),
    ("Discover", "644", 16),
    ("Discover", "649", 19),
    ("Discover", "65", 16),
    ("JCB", "3528", 16),
    ("JCB", "3589", 19),
    ("UnionPay", "62", 16),
    ("UnionPay", "62", 19),
    ("Diners Club", "36", 14),
    ("Diners Club", "38", 14),
    ("Diners Club", "300", 14),
    ("Diners Club", "305", 16),
]


@pytest.mark.parametrize(("issuer", "prefix", "length"), ISSUED)
def test_every_issuer_range_is_found(issuer: str, prefix: str, length: int) -> None:
    digits = complete(prefix, length, fill=7)
    assert card_issuer(digits) == issuer
    assert cards(f"Card {layout(digits)} expires 12/29") == [layout(digits)]
    assert cards(f"Card {digits} expires 12/29") == [digits]


@pytest.mark.parametrize(
    ("prefix", "length"),
    [
        ("34", 16),  # Amex is 15
        ("51", 15),  # Mastercard is 16
        ("2220", 16),  # just below the 2-series
        ("2721", 16),  # just above it
        ("4", 15),  # Visa is 13, 16 or 19
        ("3527", 16),  # just below JCB
        ("306", 14),  # just above Diners 300-305
        ("1", 16),  # no issuer
        ("9", 16),
        ("7", 16),
        ("0", 16),
    ],
)
def test_unknown_issuer_or_wrong_length_is_refused(prefix: str, length: int) -> None:
    digits = complete(prefix, length, fill=3)
    assert card_issuer(digits) is None
    assert cards(f"Card {layout(digits)}", min_score=0.0) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (f"Visa {VISA}", VISA),
        (f"{MASTERCARD}", MASTERCARD),
        (f"Amex: {AMEX}.", AMEX),
        ("4111-1111-1111-1111", "4111-1111-1111-1111"),
        ("4111\u00a01111\u00a01111\u00a01111", "4111\u00a01111\u00a01111\u00a01111"),
        ("card no 4111111111111111", "4111111111111111"),
        ("Card: 4111 1111\n1111 1111 exp 01/30", "4111 1111\n1111 1111"),
        ("Card: 4111 1111 \r\n  1111 1111", "4111 1111 \r\n  1111 1111"),
        ("Card: 4111-1111-\n1111-1111", "4111-1111-\n1111-1111"),
        ("the card used, 4111\n1111 1111 1111, expired", "4111\n1111 1111 1111"),
        ("the card used, 3782\n822463 10005, expired", "3782\n822463 10005"),
        (f"({VISA})", VISA),
        (f"{VISA} 09/27", VISA),  # expiry after it
        (f"{VISA} 2027 thanks", VISA),  # a year after it
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert cards(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Card 4111 1111 1111 1112",  # Luhn fails
        "Card 4111 1111 1111 111",  # too short for Visa
        "Card 41111111111111110",  # 17 compact
        "Card 4111 11 1111111111",  # not a card layout
        "Card 4111 1111-1111 1111",  # mixed separators
        "Card ABC-4111111111111111",  # tail of a code
        "Card 4111111111111111X",  # head of a code
        "Card 4111.1111.1111.1111",  # dots are not a card layout
        "Card 0000 0000 0000 0000",  # Luhn passes, no issuer
        "Card 6203 5060 0000 0000 009",  # Luhn fails; the inner 5060 0000 0000 0009 is no card
    ],
)
def test_near_misses_are_not_found(text: str) -> None:
    assert cards(text, min_score=0.0) == []


def test_grouped_acts_alone_compact_only_just_and_context_moves_both() -> None:
    (grouped,) = [e for e in detect(VISA) if e.type is EntityType.CARD_NUMBER]
    assert ACT <= grouped.score < HIGH
    assert grouped.explanation.checksum == "passed"
    assert grouped.explanation.note == "Visa"
    (compact,) = [e for e in detect("4111111111111111") if e.type is EntityType.CARD_NUMBER]
    assert ACT <= compact.score < grouped.score
    (raised,) = [e for e in detect(f"Credit card {VISA}") if e.type is EntityType.CARD_NUMBER]
    assert raised.score >= HIGH
    assert "credit card" in raised.explanation.raised_by


@pytest.mark.parametrize(
    "text",
    [
        "Order 4111111111111111 shipped",
        "Tracking number 4111111111111111",
        "Your ref 4111111111111111",
        "Invoice 4111111111111111",
        f"Order {VISA} shipped",
    ],
)
def test_contradicting_context_drops_below_the_threshold(text: str) -> None:
    assert cards(text) == []
    assert len(cards(text, min_score=0.0)) == 1


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (VISA, "**** **** **** 1111"),
        (AMEX, "**** ****** *0005"),
        ("4111-1111-1111-1111", "****-****-****-1111"),
        ("4111111111111111", "************1111"),
    ],
)
def test_mask_keeps_the_last_four_and_the_separators(text: str, masked: str) -> None:
    (entity,) = [e for e in detect(text) if e.type is EntityType.CARD_NUMBER]
    assert mask(entity, text) == masked


@st.composite
def valid_cards(draw: st.DrawFn) -> str:
    _, prefix, length = draw(st.sampled_from(ISSUED))
    body = prefix + "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=length, max_size=length))
    )
    body = body[: length - 1]
    return body + luhn_digit(body)


@given(valid_cards(), st.booleans())
def test_every_valid_number_is_found(digits: str, grouped: bool) -> None:
    value = layout(digits) if grouped else digits
    assert card_issuer(digits) is not None
    assert cards(f"Card number {value} on file") == [value]


@given(valid_cards())
def test_a_wrapped_number_is_found(digits: str) -> None:
    value = layout(digits)
    for cut in (value.index(" "), value.index(" ", 5)):
        wrapped = value[:cut] + "\n" + value[cut + 1 :]
        assert cards(f"Card number\n{wrapped}\nexp 01/30") == [wrapped]


@given(valid_cards(), st.data())
def test_every_single_digit_mutation_is_dropped(digits: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(digits) - 1))
    delta = data.draw(st.integers(min_value=1, max_value=9))
    mutated = digits[:position] + str((int(digits[position]) + delta) % 10) + digits[position + 1 :]
    assert not luhn_valid(mutated)
    assert cards(f"Card number {mutated}", min_score=0.0) == []
    # grouped, a 19-digit number may still hold a valid 16-digit card followed by three
    # digits (as a security code is written), but never the mutated number itself
    found = cards(f"Card number {layout(mutated)}", min_score=0.0)
    assert layout(mutated) not in found
    assert all(len(digits) == 19 and layout(mutated).startswith(f) for f in found)


@given(valid_cards(), st.booleans())
def test_mask_never_contains_the_raw_value(digits: str, grouped: bool) -> None:
    text = f"Card number {layout(digits) if grouped else digits}"
    found = [e for e in detect(text) if e.type is EntityType.CARD_NUMBER]
    assert found
    for entity in found:
        masked = mask(entity, text)
        bare = "".join(c for c in masked if c.isalnum() or c == "*")
        assert digits not in bare
        assert bare.count("*") == len(digits) - 4
        assert bare.endswith(digits[-4:])


SINGLE = Detectors([DETECTOR])
SINGLE_RE = Detectors([DETECTOR], use_hyperscan=False)


@given(
    st.lists(
        st.one_of(
            valid_cards().map(layout),
            valid_cards(),
            st.text(alphabet="0123456789 -\n\u00a0\u2013.", max_size=24),
        ),
        max_size=4,
    ).map(" ".join)
)
def test_the_prefilter_proposes_every_exact_match(text: str) -> None:
    assert_prefilter_proposes_every_exact_match(DETECTOR.patterns[0], text)


@given(valid_cards(), st.booleans())
def test_both_scan_engines_agree(digits: str, grouped: bool) -> None:
    text = f"Pay with {layout(digits) if grouped else digits} today"
    assert SINGLE.detect(text, min_score=0.0) == SINGLE_RE.detect(text, min_score=0.0)

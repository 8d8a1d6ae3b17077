"""CARD_NUMBER: a payment card number (PAN) of 13–19 digits with a Luhn check digit.

Luhn alone passes one number in ten, so the issuer must also be known and the length one
that issuer uses: Visa 4 (13, 16 or 19 digits); Mastercard 51–55 and 2221–2720 (16); American
Express 34 and 37 (15); Discover 6011, 644–649 and 65 (16–19); JCB 3528–3589 (16–19); UnionPay
62 (16–19); Diners Club 36, 38 and 300–305 (14–19); Maestro 50 and 56–69, 6759 included
(13–19). Cards are printed in groups: 4-4-4-4 (and 4-4-4-4-3 for 19 digits), 4-6-5 for
American Express, 4-6-4 for Diners Club, 4-4-5 for 13-digit Visa.

Grouped, with Luhn and a known issuer, a number acts alone (MEDIUM shape + checksum). A
compact run of digits is a weaker shape: it still acts alone, just, but a contradicting word
("order", "tracking", "ref", "invoice") drops it below the threshold, and so it does for the
grouped form. A supporting word ("card", "Visa", "expiry", "CVV") makes either HIGH.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType
from ..scoring import MEDIUM, Context, Score, words_pattern
from ..shapes import NOT_AFTER_WORD, NOT_BEFORE_WORD
from ._checks import DASH_WRAP, GAP_SCAN, LEAD_SCAN, luhn_ok

__all__ = ["DETECTOR", "CardNumberDetector", "card_issuer"]

_ISSUERS: tuple[tuple[str, tuple[tuple[int, int], ...], frozenset[int]], ...] = (
    # (issuer, prefix ranges as (low, high) of equal digit counts, lengths); first match wins
    ("Visa", ((4, 4),), frozenset({13, 16, 19})),
    ("American Express", ((34, 34), (37, 37)), frozenset({15})),
    ("Mastercard", ((51, 55), (2221, 2720)), frozenset({16})),
    ("Discover", ((6011, 6011), (644, 649), (65, 65)), frozenset(range(16, 20))),
    ("JCB", ((3528, 3589),), frozenset(range(16, 20))),
    ("UnionPay", ((62, 62),), frozenset(range(16, 20))),
    ("Diners Club", ((36, 36), (38, 38), (300, 305)), frozenset(range(14, 20))),
    ("Maestro", ((50, 50), (56, 69)), frozenset(range(13, 20))),
)
"""Issuer identification ranges with the lengths each issuer uses."""

_LAYOUTS = frozenset(
    {
        (4, 4, 4, 4),
        (4, 4, 4, 4, 1),
        (4, 4, 4, 4, 2),
        (4, 4, 4, 4, 3),
        (4, 4, 4, 1),
        (4, 4, 4, 2),
        (4, 4, 4, 3),
        (4, 4, 5),
        (4, 6, 4),
        (4, 6, 5),
    }
)
"""How card numbers are grouped in print (with the odd 13- to 19-digit tails)."""


def card_issuer(digits: str) -> str | None:
    """The issuer whose range holds `digits` and who issues cards of that length."""
    for issuer, ranges, lengths in _ISSUERS:
        if len(digits) not in lengths:
            continue
        for low, high in ranges:
            prefix = int(digits[: len(str(low))])
            if low <= prefix <= high:
                return issuer
    return None


CONTEXT = Context(
    support=words_pattern(
        [
            "card",
            "card number",
            "card no",
            "credit card",
            "debit card",
            "payment card",
            "long number",
            "pan",
            "visa",
            "mastercard",
            "amex",
            "american express",
            "maestro",
            "cvv",
            "cvc",
            "cv2",
            "security code",
            "expiry",
            "expires",
            "exp",
            "valid thru",
        ]
    ),
    contradict=words_pattern(
        [
            "order",
            "order no",
            "tracking",
            "track",
            "parcel",
            "consignment",
            "shipment",
            "ref",
            "reference",
            "invoice",
            "inv",
            "transaction",
            "receipt",
            "serial",
            "imei",
            "iccid",
            "sim",
            "barcode",
            "isbn",
            "ean",
            "tel",
            "phone",
            "mobile",
            "booking",
            "policy",
            "case",
        ]
    ),
)
SCORE = Score(shape=MEDIUM)
COMPACT = MEDIUM - 0.15
"""A compact run of digits: with Luhn and an issuer it reaches the threshold, no further."""

_DIGIT_RUN = re.compile(r"[0-9]+")
_AFTER_A_GROUP = re.compile(r"(?<![0-9])[0-9]{4}[ \u00a0-]\Z")
_WRAP = r"[ \t\u00a0]?\r?\n[ \t]{0,8}"
_FIRST = rf"(?:(?P<sep>[ \u00a0-]){DASH_WRAP}|{_WRAP})"
_NEXT = rf"(?:(?P=sep){DASH_WRAP}|{_WRAP}|(?(sep)(?!)|[ \u00a0-]))"
"""The separator the number started with, a wrapped line, or (after a first group that
wrapped: "5222\\n6416 0870 8709") any one separator."""
_TAIL = rf"(?:{_NEXT}[0-9]{{1,4}}){{0,2}}"


def _grouped(tail: str) -> str:
    return (
        rf"[0-9]{{4}}{_FIRST}"
        rf"(?:[0-9]{{4}}{_NEXT}(?:[0-9]{{4}}{tail}|[0-9]{{5}})"
        rf"|[0-9]{{6}}{_NEXT}[0-9]{{4,5}})"
    )


def _card(tail: str) -> re.Pattern[str]:
    return re.compile(
        NOT_AFTER_WORD + rf"(?:(?P<compact>[0-9]{{13,19}})|{_grouped(tail)})" + NOT_BEFORE_WORD
    )


_LONGEST = _card(_TAIL)
"""Every group that may belong to the number; the layouts and the checks then pick the end.
(The pattern the scanner runs takes as few groups as it can, so that a second number that
follows is never swallowed by the first.)"""


class CardNumberDetector:
    """Proposes grouped or compact runs of 13–19 digits; keeps Luhn-valid, issued numbers."""

    name = "generic.card_number"
    patterns = (
        PatternSpec(
            name="card-number",
            # every layout starts with 4 digits, then 4 or 6, then 4 more (or 12 digits compact)
            scan=rf"{LEAD_SCAN}\d{{4}}{GAP_SCAN}\d{{4}}(?:\d\d)?{GAP_SCAN}\d{{4}}",
            exact=_card(_TAIL + "?"),
            max_len=96,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        compact = match.group("compact") is not None
        if not compact and _AFTER_A_GROUP.search(
            doc.text, max(0, match.start() - 5), match.start()
        ):
            return  # the inner groups of a longer grouped figure are not a card of their own
        if not compact:
            longest = _LONGEST.match(doc.text, match.start())
            match = longest if longest is not None else match
        runs = [match] if compact else list(_DIGIT_RUN.finditer(match.group(0)))
        # a date or a short code may follow the card in the same layout: try the longest first
        for count in range(len(runs), 0, -1):
            groups = tuple(len(run.group(0)) for run in runs[:count])
            if not compact and groups not in _LAYOUTS:
                continue
            digits = "".join(run.group(0) for run in runs[:count])
            issuer = card_issuer(digits) if 13 <= len(digits) <= 19 else None
            if issuer is None or not luhn_ok(digits):
                continue
            start = match.start()
            end = match.end() if compact else start + runs[count - 1].end()
            yield self._entity(doc, start, end, issuer, compact)
            return

    def _entity(self, doc: Document, start: int, end: int, issuer: str, compact: bool) -> Entity:
        raised, lowered = CONTEXT.find(doc, start, end)
        return SCORE.entity(
            EntityType.CARD_NUMBER,
            start,
            end,
            detector=self.name,
            pattern="compact" if compact else "grouped",
            checksum=True,
            raised=raised,
            lowered=lowered,
            shape=COMPACT if compact else MEDIUM,
            note=issuer,
        )


DETECTOR = CardNumberDetector()

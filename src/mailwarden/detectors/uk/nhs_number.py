"""UK_NHS_NUMBER: ten digits whose last is a modulus-11 check digit.

Any ten-digit string passes modulus 11 about one time in eleven, so the checksum alone
calls every eleventh invoice, order or ticket number an NHS number. Here the checksum is
necessary, not sufficient: an unspaced number needs a supporting word ("NHS", "patient")
nearby to be acted on; the 3-3-4 layout the NHS prints is itself evidence; and a
contradicting word ("invoice", "order", "tel") or a leading 0 (a phone number: no NHS
number starts with 0) lowers the score below the action threshold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType
from ..generic._checks import LEAD_SCAN, TAIL_SCAN
from ..scoring import LOW, MEDIUM, Context, Score, words_pattern
from ..shapes import NOT_AFTER_WORD, NOT_BEFORE_WORD, SEP_EXACT, SEP_SCAN, WRAP

__all__ = ["DETECTOR", "NhsNumberDetector", "nhs_check_digit_ok"]

_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)

CONTEXT = Context(
    support=words_pattern(
        [
            "nhs",
            "nhs no",
            "nhs number",
            "nhs num",
            "health",
            "patient",
            "gp",
            "hospital",
            "chi",
            "h&c",
            "nhs#",
        ]
    ),
    contradict=words_pattern(
        [
            "invoice",
            "inv",
            "order",
            "ticket",
            "ref",
            "reference",
            "account",
            "acct",
            "a/c",
            "tel",
            "telephone",
            "phone",
            "mobile",
            "mob",
            "fax",
            "call",
            "po",
            "purchase order",
            "booking",
            "tracking",
            "customer",
            "receipt",
            "serial",
            "transaction",
            "case",
            "policy",
        ]
    ),
)
_SPACE_OR_DASH = r"(?:[ \t\u00a0]{1,2}|[-\u2010\u2011\u2013.])"
"""The separator after the second group where a line break came after the first ("943\\n476
5919": a 3-3-4 number wrapped by a mail client at its first space)."""
SCORE = Score(shape=LOW)
UNSPACED = LOW - 0.05
"""Ten bare digits with a passing check digit stay just under the action threshold."""


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS modulus-11 check: a remainder of 10 means no valid number has these 9 digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], _WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


class NhsNumberDetector:
    """Proposes 3-3-4 or unspaced ten-digit groups; keeps those passing the check digit."""

    name = "uk.nhs_number"
    patterns = (
        PatternSpec(
            name="nhs-number",
            scan=rf"{LEAD_SCAN}[0-9]{{3}}{SEP_SCAN}[0-9]{{3}}{SEP_SCAN}[0-9]{{4}}{TAIL_SCAN}",
            exact=re.compile(
                NOT_AFTER_WORD
                + r"(?P<a>[0-9]{3})"
                + rf"(?:(?P<sep>{SEP_EXACT})(?P<b>[0-9]{{3}})(?:(?P=sep)|{WRAP})"
                + rf"|(?P<wrap>{WRAP})(?P<b2>[0-9]{{3}}){_SPACE_OR_DASH})"
                + r"(?P<c>[0-9]{4})"
                + NOT_BEFORE_WORD
            ),
            max_len=24,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        digits = match["a"] + (match["b"] or match["b2"]) + match["c"]
        if not nhs_check_digit_ok(digits):
            return
        spaced = bool(match["sep"] or match["wrap"])
        raised, lowered = CONTEXT.find(doc, match.start(), match.end())
        if digits[0] == "0":
            lowered += ("leading 0 (a phone number shape)",)
        yield SCORE.entity(
            EntityType.UK_NHS_NUMBER,
            match.start(),
            match.end(),
            detector=self.name,
            pattern="3-3-4 groups" if spaced else "ten digits",
            checksum=True,
            raised=raised,
            lowered=lowered,
            shape=MEDIUM if spaced else UNSPACED,
        )


DETECTOR = NhsNumberDetector()

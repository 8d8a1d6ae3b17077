"""UK_PASSPORT: a UK passport number, nine digits.

HM Passport Office prints nine digits on the data page: GOV.UK's basic passport checks and
the NHS Data Dictionary ("Passport Number (New)": nine characters, all numeric) say so, for
the burgundy booklets and the blue ones issued since 2020 alike. The only other UK format
(one letter and six digits, or six digits and a letter) is that of pre-1990s passports,
long expired. No HMPO source describes a "letter + 8 digits" number, so none is accepted:
the alternative would propose every Canadian- or US-style number as a UK passport.

The printed number has no check digit (the machine-readable zone adds one, but people copy
the printed number), and nine bare digits are everywhere: reference, order and phone
numbers. So the shape alone is LOW and never acted on; a supporting word ("passport",
"passport no", "HMPO") makes it HIGH; a contradicting word drops it, and nine digits with
another number one space away (the tail of a longer number) are not proposed. Written
compact or in threes ("123 456 789").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType
from ..generic._checks import DASH_WRAP, GAP_SCAN, LEAD_SCAN, TAIL_SCAN
from ..scoring import LOW, Context, Score, words_pattern
from ..shapes import NOT_AFTER_WORD, NOT_BEFORE_WORD
from ._checks import glued_to_digits

__all__ = ["DETECTOR", "PassportDetector"]

CONTEXT = Context(
    support=words_pattern(
        [
            "passport",
            "passport no",
            "passport number",
            "passport num",
            "passports",
            "passport#",
            "hmpo",
            "travel document",
        ]
    ),
    contradict=words_pattern(
        [
            "tel",
            "telephone",
            "phone",
            "mobile",
            "mob",
            "fax",
            "call",
            "invoice",
            "order",
            "tracking",
            "account",
            "acct",
            "nhs",
            "customer",
            "policy",
            "claim",
        ]
    ),
)
SCORE = Score(shape=LOW, checksum_bonus=0.0, support_bonus=0.55)
"""No checksum; a supporting word is what makes nine digits a passport number (0.3 -> 0.85)."""

_WRAP = r"[ \t\u00a0]?\r?\n[ \t]{0,8}"


class PassportDetector:
    """Proposes nine digits, compact or in threes; the words around decide."""

    name = "uk.passport"
    patterns = (
        PatternSpec(
            name="uk-passport",
            scan=rf"{LEAD_SCAN}\d{{3}}{GAP_SCAN}\d{{3}}{GAP_SCAN}\d{{3}}{TAIL_SCAN}",
            exact=re.compile(
                NOT_AFTER_WORD
                + rf"[0-9]{{3}}(?P<sep>[ \u00a0-]?){DASH_WRAP}[0-9]{{3}}"
                + rf"(?:(?P=sep){DASH_WRAP}|{_WRAP})[0-9]{{3}}"
                + NOT_BEFORE_WORD
            ),
            max_len=40,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        start, end = match.start(), match.end()
        if glued_to_digits(doc.text, start, end):
            return  # the tail of a longer number: "0161 123 456 789"
        raised, lowered = CONTEXT.find(doc, start, end)
        grouped = len(match.group(0)) > 9
        yield SCORE.entity(
            EntityType.UK_PASSPORT,
            start,
            end,
            detector=self.name,
            pattern="nine digits in threes" if grouped else "nine digits",
            checksum=None,
            raised=raised,
            lowered=lowered,
        )


DETECTOR = PassportDetector()

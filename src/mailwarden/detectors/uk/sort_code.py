"""UK_SORT_CODE: a UK bank sort code, six digits in pairs ("12-34-56", "12 34 56").

Six digits in pairs are also a date ("01-02-03"), a version, a reference or part of a phone
number, and no check can be run on them offline (see `_checks`), so a sort code alone is LOW
and never acted on. What makes one is what surrounds it: an account number beside it ("sort
code 12-34-56 account 12345678", "12-34-56 12345678", either order) or a word such as "sort
code", "bank", "account number", "a/c". Either lifts it over the threshold; both make it
HIGH. Six bare digits ("123456") are anything at all: they act only with a supporting word.
A contradicting word ("date", "tel", "invoice") drops it; six digits with another number one
space away (the tail of "01603 518327") or inside a NINO or licence shape are not proposed.
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
from ._checks import glued_to_digits, inside_identifier, label_before, paired_account

__all__ = ["BANK_SCORE", "DETECTOR", "SortCodeDetector"]

CONTEXT = Context(
    support=words_pattern(
        [
            "sort code",
            "sortcode",
            "sort-code",
            "s/c",
            "bank",
            "bank details",
            "banking",
            "bank account",
            "account number",
            "account no",
            "acc no",
            "a/c",
            "acct",
            "bacs",
            "payee",
            "building society",
            "direct debit",
        ]
    ),
    contradict=words_pattern(
        [
            "date",
            "dated",
            "dob",
            "born",
            "birth",
            "tel",
            "telephone",
            "phone",
            "mobile",
            "mob",
            "fax",
            "call",
            "version",
            "ver",
            "invoice",
            "order no",
            "order number",
            "ref",
            "reference",
            "page",
            "room",
            "nhs",
            "score",
        ]
    ),
)
BANK_SCORE = Score(shape=LOW, checksum_bonus=0.35, support_bonus=0.4)
"""Shared by sort code and account: pairing (the checksum analogue) or a supporting word
each lifts LOW over the threshold; both make HIGH."""
BARE = LOW - 0.08
"""Six bare digits: under the threshold even when paired, until a word supports."""

_WRAP = r"[ \t\u00a0]?\r?\n[ \t]{0,8}"


class SortCodeDetector:
    """Proposes six digits in pairs or bare; pairing and words decide."""

    name = "uk.sort_code"
    patterns = (
        PatternSpec(
            name="uk-sort-code",
            scan=rf"{LEAD_SCAN}\d\d{GAP_SCAN}\d\d{GAP_SCAN}\d\d{TAIL_SCAN}",
            exact=re.compile(
                NOT_AFTER_WORD
                + rf"[0-9]{{2}}(?P<sep>[-\u2010\u2011\u2013 .\u00a0]?){DASH_WRAP}[0-9]{{2}}"
                + rf"(?:(?P=sep){DASH_WRAP}|{_WRAP})[0-9]{{2}}"
                + NOT_BEFORE_WORD
            ),
            max_len=32,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        start, end, text = match.start(), match.end(), doc.text
        grouped = bool(match.group("sep"))
        if inside_identifier(text, start, end):
            return  # the digits of a NINO or a driving licence number
        if not grouped and label_before(text, start) == "account":
            return  # "account no 123456" is an account number, not a sort code
        pairing = paired_account(text, start, end)
        if pairing is None and glued_to_digits(text, start, end):
            return  # the middle of a longer number: "01603 12 34 56"
        raised, lowered = CONTEXT.find(doc, start, end)
        yield BANK_SCORE.entity(
            EntityType.UK_SORT_CODE,
            start,
            end,
            detector=self.name,
            pattern="three pairs" if grouped else "six digits",
            checksum=True if pairing is not None else None,
            raised=raised,
            lowered=lowered,
            shape=LOW if grouped else BARE,
            note="paired with an account number" if pairing is not None else "",
        )


DETECTOR = SortCodeDetector()

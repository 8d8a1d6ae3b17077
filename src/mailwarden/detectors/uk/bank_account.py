"""UK_BANK_ACCOUNT: a UK bank account number, eight digits (six or seven at a few banks).

Eight digits are a date (20240131), an order, a customer or a council-tax account, and the
banks' modulus checks cannot be run offline (see `_checks`), so the number alone is LOW and
never acted on. A sort code beside it ("12-34-56 12345678", "account 12345678 sort code
12-34-56") or a supporting word ("account number", "a/c", "bank", "sort code") lifts it over
the threshold; both make it HIGH. Six or seven digits are anything at all: they act only
with a supporting word, and pair with a sort code only through a label ("a/c 1234567").
Written compact or as 4 4 ("1234 5678"). A contradicting word ("invoice", "customer",
"council tax") or a date's shape drops it; digits with another number one space away (the
tail of a phone number) or inside a NINO or licence shape are not proposed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType
from ..generic._checks import LEAD_SCAN, SPACE_GAP_SCAN, TAIL_SCAN
from ..scoring import LOW, Context, words_pattern
from ..shapes import NOT_AFTER_WORD, NOT_BEFORE_WORD
from ._checks import glued_to_digits, inside_identifier, label_before, paired_sort_code
from .sort_code import BANK_SCORE, BARE

__all__ = ["DETECTOR", "BankAccountDetector", "date_like"]

CONTEXT = Context(
    support=words_pattern(
        [
            "account number",
            "account no",
            "account",
            "bank account",
            "acc no",
            "acc",
            "acct",
            "a/c",
            "bank",
            "bank details",
            "banking",
            "sort code",
            "sortcode",
            "s/c",
            "bacs",
            "payee",
            "beneficiary",
            "building society",
            "direct debit",
            "standing order",
        ]
    ),
    contradict=words_pattern(
        [
            "invoice",
            "inv",
            "order no",
            "order number",
            "your order",
            "purchase order",
            "ref",
            "reference",
            "tracking",
            "customer",
            "council tax",
            "ctax",
            "business rates",
            "rent",
            "tenancy",
            "claim",
            "case",
            "policy",
            "membership",
            "member",
            "ticket",
            "booking",
            "serial",
            "tel",
            "telephone",
            "phone",
            "mobile",
            "fax",
            "nhs",
            "date",
            "dob",
        ]
    ),
)

_WRAP = r"[ \t\u00a0]?\r?\n[ \t]{0,8}"


def date_like(digits: str) -> bool:
    """Eight digits that read as a date: YYYYMMDD or DDMMYYYY, years 1900–2099."""
    if len(digits) != 8:
        return False

    def ok(year: str, month: str, day: str) -> bool:
        return year[:2] in ("19", "20") and "01" <= month <= "12" and "01" <= day <= "31"

    return ok(digits[:4], digits[4:6], digits[6:]) or ok(digits[4:], digits[2:4], digits[:2])


class BankAccountDetector:
    """Proposes six to eight digits (or 4 4); the sort code beside it and words decide."""

    name = "uk.bank_account"
    patterns = (
        PatternSpec(
            name="uk-bank-account",
            scan=rf"{LEAD_SCAN}\d{{4}}(?:\d{{2,4}}|{SPACE_GAP_SCAN}\d{{4}}){TAIL_SCAN}",
            exact=re.compile(
                NOT_AFTER_WORD
                + rf"(?:[0-9]{{6,8}}|[0-9]{{4}}(?:[ \u00a0]|{_WRAP})[0-9]{{4}})"
                + NOT_BEFORE_WORD
            ),
            max_len=32,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        start, end, text = match.start(), match.end(), doc.text
        raw = match.group(0)
        digits = raw if raw.isdigit() else "".join(c for c in raw if c.isdigit())
        if len(digits) == 6:
            if inside_identifier(text, start, end):
                return  # the digits of a NINO or a driving licence number
            if label_before(text, start) == "sort_code":
                return  # "sort code 123456" is a sort code, not an account number
        pairing = paired_sort_code(text, start, end)
        if pairing is None and glued_to_digits(text, start, end):
            return  # the tail of a longer number: "01603 518327", "(029) 2018 0454"
        raised, lowered = CONTEXT.find(doc, start, end)
        if pairing is None and date_like(digits):
            lowered += ("a date's shape",)
        yield BANK_SCORE.entity(
            EntityType.UK_BANK_ACCOUNT,
            start,
            end,
            detector=self.name,
            pattern=f"{len(digits)} digits",
            checksum=True if pairing is not None else None,
            raised=raised,
            lowered=lowered,
            shape=LOW if len(digits) == 8 else BARE,
            note="paired with a sort code" if pairing is not None else "",
        )


DETECTOR = BankAccountDetector()

"""UK_DRIVING_LICENCE: a DVLA (Great Britain) driving licence number, 16 characters.

The DVLA builds the number from the holder: the first five letters of the surname (padded
with 9s when shorter), the decade of birth, the month of birth (plus 50 for women), the day
of birth, the year within the decade, the first two initials (the second a 9 when there is
no middle name), an arbitrary digit (usually 9) and two check letters; the card adds a
two-digit issue number after a space. Written "MORGA753116SM9IJ" or "MORGA 753116 SM9IJ",
a group may wrap onto the next line.

There is no published check algorithm, so the structure is the checksum analogue: the
padding only at the end of each name field, a month of 01–12 or 51–62, a day that exists in
that month. A valid structure in capitals acts alone (MEDIUM shape + structure); a word such
as "driving licence", "licence number" or "DVLA" makes it HIGH; a word of a product or
parcel code ("order", "serial") drops it. Lower case needs a supporting word to act.
Northern Ireland licences (eight digits) are not this format and are not detected here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType
from ..generic._checks import GAP_EXACT, GAP_SCAN, LEAD_SCAN, TAIL_SCAN
from ..scoring import LOW, MEDIUM, Context, Score, words_pattern
from ..shapes import NOT_AFTER_WORD, NOT_BEFORE_WORD

__all__ = ["DETECTOR", "DrivingLicenceDetector", "birth_fields_ok"]

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def birth_fields_ok(month: str, day: str) -> bool:
    """Month 01–12 (51–62 for women) and a day that month can have (29 February allowed)."""
    number = int(month)
    if number > 50:
        number -= 50
    return 1 <= number <= 12 and 1 <= int(day) <= _DAYS_IN_MONTH[number - 1]


CONTEXT = Context(
    support=words_pattern(
        [
            "driving licence",
            "driving license",
            "driver's licence",
            "drivers licence",
            "driver licence",
            "driver's license",
            "drivers license",
            "licence number",
            "licence no",
            "license number",
            "license no",
            "licence",
            "license",
            "dvla",
            "photocard",
        ]
    ),
    contradict=words_pattern(
        [
            "order",
            "invoice",
            "part",
            "part no",
            "serial",
            "sku",
            "product",
            "model",
            "item",
            "tracking",
            "parcel",
            "consignment",
            "booking",
        ]
    ),
)
SCORE = Score(shape=MEDIUM)
LOWER_CASE = LOW - 0.05
"""Lower or mixed case: under the threshold even with a valid structure, until a word supports."""

_L = "[A-Za-z]"
_SURNAME = rf"(?:{_L}{{5}}|{_L}{{4}}9|{_L}{{3}}99|{_L}{{2}}999|{_L}9999)"
_INITIALS = rf"(?:{_L}{{2}}|{_L}9)"


class DrivingLicenceDetector:
    """Proposes the 5-6-5 structure; keeps those whose birth month and day are real."""

    name = "uk.driving_licence"
    patterns = (
        PatternSpec(
            name="uk-driving-licence",
            scan=(
                rf"{LEAD_SCAN}[A-Za-z9]{{5}}{GAP_SCAN}\d{{6}}{GAP_SCAN}[A-Za-z9]{{2}}\d[A-Za-z]{{2}}"
                rf"{TAIL_SCAN}"
            ),
            exact=re.compile(
                NOT_AFTER_WORD
                + rf"(?P<surname>{_SURNAME}){GAP_EXACT}"
                + r"[0-9](?P<month>[0156][0-9])(?P<day>[0-3][0-9])[0-9]"
                + rf"{GAP_EXACT}(?P<initials>{_INITIALS})[0-9](?P<check>{_L}{{2}})"
                + r"(?:[ \u00a0](?P<issue>[0-9]{2}))?"
                + NOT_BEFORE_WORD
            ),
            max_len=48,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        if not birth_fields_ok(match.group("month"), match.group("day")):
            return
        capitals = all(match.group(g).isupper() for g in ("surname", "initials", "check"))
        raised, lowered = CONTEXT.find(doc, match.start(), match.end())
        yield SCORE.entity(
            EntityType.UK_DRIVING_LICENCE,
            match.start(),
            match.end(),
            detector=self.name,
            pattern="DVLA 16 characters"
            + (" and issue number" if match.group("issue") else "")
            + ("" if capitals else " (lower case)"),
            checksum=True,
            raised=raised,
            lowered=lowered,
            shape=MEDIUM if capitals else LOWER_CASE,
            note="birth month and day valid",
        )


DETECTOR = DrivingLicenceDetector()

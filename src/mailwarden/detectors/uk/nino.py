"""UK_NINO: a National Insurance number, two prefix letters, six digits and a suffix A–D.

HMRC never uses D, F, I, Q, U or V in the prefix, nor O as its second letter, and never
issues the prefixes BG, GB, KN, NK, NT, TN or ZZ; so its own example, QQ 12 34 56 C, is
invalid by design. There is no check digit: the validated prefix is the checksum analogue.
Written "AB 12 34 56 C", "AB123456C" or anything between, a group may wrap onto the next line.

Capitals in this shape are distinctive: a valid prefix acts alone (MEDIUM shape + prefix),
a supporting word ("NI number", "national insurance", "NINO") makes it HIGH, and a word of
a product or parcel code ("order", "part", "serial") drops it below the threshold. Lower
case ("ab123456c") looks like any identifier, so it needs a supporting word to act.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType
from ..generic._checks import GAP_EXACT, GAP_SCAN, LEAD_SCAN, TAIL_SCAN, both_cases
from ..scoring import LOW, MEDIUM, Context, Score, words_pattern
from ..shapes import NOT_AFTER_WORD, NOT_BEFORE_WORD

__all__ = ["DETECTOR", "NinoDetector", "nino_prefix_ok"]

_FIRST = both_cases("A-CEGHJ-PR-TW-Z")
"""Not D, F, I, Q, U or V."""
_SECOND = both_cases("A-CEGHJ-NPR-TW-Z")
"""Not D, F, I, O, Q, U or V."""
_SUFFIX = both_cases("A-D")
_NEVER_ISSUED = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_FIRST_OK = frozenset("ABCEGHJKLMNOPRSTWXYZ")
_SECOND_OK = frozenset("ABCEGHJKLMNPRSTWXYZ")


def nino_prefix_ok(prefix: str) -> bool:
    """Whether HMRC could issue a NINO with this two-letter prefix (either case)."""
    upper = prefix.upper()
    return (
        len(upper) == 2
        and upper[0] in _FIRST_OK
        and upper[1] in _SECOND_OK
        and upper not in _NEVER_ISSUED
    )


CONTEXT = Context(
    support=words_pattern(
        [
            "ni number",
            "ni no",
            "ni num",
            "ni",
            "nino",
            "nin",
            "national insurance",
            "national insurance number",
            "national insurance no",
            "nat ins",
            "insurance number",
            "ni#",
        ]
    ),
    contradict=words_pattern(
        [
            "order",
            "invoice",
            "part",
            "part no",
            "sku",
            "serial",
            "model",
            "product",
            "item",
            "catalogue",
            "tracking",
            "parcel",
            "consignment",
            "booking",
            "flight",
        ]
    ),
)
SCORE = Score(shape=MEDIUM)
LOWER_CASE = LOW - 0.05
"""Lower or mixed case: under the threshold even with a valid prefix, until a word supports."""

_D = "[0-9]"


class NinoDetector:
    """Proposes prefix, three pairs of digits and a suffix; keeps prefixes HMRC issues."""

    name = "uk.nino"
    patterns = (
        PatternSpec(
            name="nino",
            scan=(
                rf"{LEAD_SCAN}[{_FIRST}][{_SECOND}]{GAP_SCAN}\d\d{GAP_SCAN}\d\d{GAP_SCAN}\d\d"
                rf"{GAP_SCAN}[{_SUFFIX}]{TAIL_SCAN}"
            ),
            exact=re.compile(
                NOT_AFTER_WORD
                + rf"(?P<prefix>[{_FIRST}][{_SECOND}]){GAP_EXACT}"
                + rf"{_D}{_D}{GAP_EXACT}{_D}{_D}{GAP_EXACT}{_D}{_D}"
                + rf"{GAP_EXACT}(?P<suffix>[{_SUFFIX}])"
                + NOT_BEFORE_WORD
            ),
            max_len=48,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        prefix, suffix = match.group("prefix"), match.group("suffix")
        if not nino_prefix_ok(prefix):
            return
        capitals = prefix.isupper() and suffix.isupper()
        raised, lowered = CONTEXT.find(doc, match.start(), match.end())
        yield SCORE.entity(
            EntityType.UK_NINO,
            match.start(),
            match.end(),
            detector=self.name,
            pattern="prefix, six digits, suffix" + ("" if capitals else " (lower case)"),
            checksum=True,
            raised=raised,
            lowered=lowered,
            shape=MEDIUM if capitals else LOWER_CASE,
            note="prefix issued by HMRC",
        )


DETECTOR = NinoDetector()

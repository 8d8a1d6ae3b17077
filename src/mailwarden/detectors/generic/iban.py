"""IBAN: an ISO 13616 international bank account number.

Two letters of a country that issues IBANs, two check digits, then the country's BBAN of a
fixed length and layout (the SWIFT IBAN registry: GB and IE are four letters of bank code and
fourteen digits, 22 characters in all; every SEPA country and the other registry members are
in the table below). The whole passes ISO 7064 MOD 97-10 (the remainder is 1), which catches
every single-character error. Printed in groups of four with a shorter last group ("GB82
WEST 1234 5698 7654 32") or compact; a group may wrap onto the next line.

Country, check digits, exact length, layout and mod 97 together are strong: they act alone
(MEDIUM shape + checksum). A word like "IBAN" or "bank" nearby makes it HIGH; a word
marking a made-up value ("example", "specimen") lowers it below the action threshold.
Upper case only: IBANs are printed and exchanged in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType
from ..scoring import MEDIUM, Context, Score, words_pattern
from ..shapes import NOT_AFTER_WORD
from ._checks import LEAD_SCAN, SPACE_GAP_SCAN, mod97

__all__ = ["BBAN_LAYOUTS", "DETECTOR", "IbanDetector", "iban_ok"]

BBAN_LAYOUTS: dict[str, str] = {
    # country: BBAN layout as runs of <count><kind>, kind n = digit, a = capital, c = either
    "AD": "8n12c",
    "AE": "19n",
    "AL": "8n16c",
    "AT": "16n",
    "AZ": "4a20c",
    "BA": "16n",
    "BE": "12n",
    "BG": "4a6n8c",
    "BH": "4a14c",
    "BI": "23n",
    "BR": "23n1a1c",
    "BY": "4c4n16c",
    "CH": "5n12c",
    "CR": "18n",
    "CY": "8n16c",
    "CZ": "20n",
    "DE": "18n",
    "DJ": "23n",
    "DK": "14n",
    "DO": "4c20n",
    "EE": "16n",
    "EG": "25n",
    "ES": "20n",
    "FI": "14n",
    "FK": "2a12n",
    "FO": "14n",
    "FR": "10n11c2n",
    "GB": "4a14n",
    "GE": "2a16n",
    "GI": "4a15c",
    "GL": "14n",
    "GR": "7n16c",
    "GT": "4c20c",
    "HN": "4a20n",
    "HR": "17n",
    "HU": "24n",
    "IE": "4a14n",
    "IL": "19n",
    "IQ": "4a15n",
    "IS": "22n",
    "IT": "1a10n12c",
    "JO": "4a4n18c",
    "KW": "4a22c",
    "KZ": "3n13c",
    "LB": "4n20c",
    "LC": "4a24c",
    "LI": "5n12c",
    "LT": "16n",
    "LU": "3n13c",
    "LV": "4a13c",
    "LY": "21n",
    "MC": "10n11c2n",
    "MD": "2c18c",
    "ME": "18n",
    "MK": "3n10c2n",
    "MN": "16n",
    "MR": "23n",
    "MT": "4a5n18c",
    "MU": "4a19n3a",
    "NI": "4a20n",
    "NL": "4a10n",
    "NO": "11n",
    "OM": "3n16c",
    "PK": "4a16c",
    "PL": "24n",
    "PS": "4a21c",
    "PT": "21n",
    "QA": "4a21c",
    "RO": "4a16c",
    "RS": "18n",
    "RU": "14n15c",
    "SA": "2n18c",
    "SC": "4a20n3a",
    "SD": "14n",
    "SE": "20n",
    "SI": "15n",
    "SK": "20n",
    "SM": "1a10n12c",
    "SO": "19n",
    "ST": "21n",
    "SV": "4a20n",
    "TL": "19n",
    "TN": "20n",
    "TR": "6n16c",
    "UA": "6n19c",
    "VA": "18n",
    "VG": "4a16n",
    "XK": "16n",
    "YE": "4a4n18c",
}
"""Every country in the SWIFT IBAN registry with its BBAN layout (the IBAN is 4 longer)."""

_KINDS = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}


@cache
def _layout(country: str) -> tuple[int, re.Pattern[str]]:
    """(IBAN length, BBAN pattern) for a country in the table."""
    runs = re.findall(r"(\d+)([nac])", BBAN_LAYOUTS[country])
    pattern = "".join(f"{_KINDS[kind]}{{{count}}}" for count, kind in runs)
    return 4 + sum(int(count) for count, _ in runs), re.compile(pattern)


def iban_ok(compact: str) -> bool:
    """Country, length, BBAN layout, check digits in 02–98, and mod 97 == 1."""
    country, check, bban = compact[:2], compact[2:4], compact[4:]
    if country not in BBAN_LAYOUTS or not check.isdigit() or not "02" <= check <= "98":
        return False
    length, layout = _layout(country)
    return (
        len(compact) == length
        and layout.fullmatch(bban) is not None
        and mod97(bban + country + check) == 1
    )


CONTEXT = Context(
    support=words_pattern(
        [
            "iban",
            "bic",
            "swift",
            "bank",
            "bank details",
            "account",
            "beneficiary",
            "payee",
            "sepa",
            "transfer",
            "pay",
            "payment",
        ]
    ),
    contradict=words_pattern(["example", "sample", "specimen", "dummy", "fake"]),
)
SCORE = Score(shape=MEDIUM)

_COUNTRIES = "|".join(sorted(BBAN_LAYOUTS))
_SEP = r"(?:[ \u00a0]|[ \t\u00a0]?\r?\n[ \t]{0,8})"
_HEAD = NOT_AFTER_WORD + rf"(?P<country>{_COUNTRIES})[0-9]{{2}}"
_BODY = rf"(?:{_SEP}?[A-Z0-9]){{11,30}}"
_LONGEST = re.compile(_HEAD + _BODY + r"(?![\w/])")
"""Every group that may belong to the IBAN: the country's length then says where it ends.
(The pattern the scanner runs stops at the first word end, so that a second value that
follows is never swallowed by the first.)"""
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class IbanDetector:
    """Proposes a country code, check digits and up to 30 more characters; keeps what passes."""

    name = "generic.iban"
    patterns = (
        PatternSpec(
            name="iban",
            scan=rf"{LEAD_SCAN}(?:{_COUNTRIES})\d\d{SPACE_GAP_SCAN}[A-Z0-9]",
            exact=re.compile(_HEAD + _BODY + r"?(?![\w/])"),
            max_len=128,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        length, _ = _layout(match.group("country"))
        longest = _LONGEST.match(doc.text, match.start())
        if longest is None:
            return
        raw = longest.group(0)
        # the pattern takes every group it can; the country fixes where the IBAN ends
        ends = [i + 1 for i, char in enumerate(raw) if char in _ALNUM]
        if len(ends) < length:
            return
        end = ends[length - 1]
        if end < len(raw) and raw[end] in _ALNUM:
            return  # the length falls inside a group: a longer code, or a wrong length
        value = raw[:end]
        compact = "".join(c for c in value if c in _ALNUM)
        if not iban_ok(compact):
            return
        start = match.start()
        raised, lowered = CONTEXT.find(doc, start, start + end)
        grouped = len(compact) != len(value)
        yield SCORE.entity(
            EntityType.IBAN,
            start,
            start + end,
            detector=self.name,
            pattern="groups of four" if grouped else "compact",
            checksum=True,
            raised=raised,
            lowered=lowered,
            note=f"{compact[:2]} length {length}",
        )


DETECTOR = IbanDetector()

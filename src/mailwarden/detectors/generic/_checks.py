"""Check digits and separator fragments shared by the card, IBAN and UK bank detectors.

The separator fragments here differ from `shapes.SEP_*` in one way: a line break may follow
a space ("1234 \\n5678"), which is how most mail clients wrap, so the prefilter fragment
accepts every separator the exact fragment does, wrap included.
"""

from __future__ import annotations

__all__ = [
    "DASH_WRAP",
    "DIGIT",
    "GAP_EXACT",
    "GAP_SCAN",
    "LEAD_SCAN",
    "SPACE_GAP_EXACT",
    "SPACE_GAP_SCAN",
    "TAIL_SCAN",
    "both_cases",
    "luhn_ok",
    "mod97",
]

DIGIT = "[0-9]"
"""An ASCII digit: `\\d` would also take digits of other scripts, which the Latin-1 image
the prefilter reads turns into `?`, so the prefilter could never propose them."""

_WRAP = r"[ \t\u00a0]?\r?\n[ \t]{0,8}"

DASH_WRAP = r"(?:\r?\n[ \t]{0,8})?"
"""What may follow a dash or a dot separator: a line wrapped just after it ("12-34-\\n56")."""

GAP_EXACT = rf"(?:{_WRAP}|[ \t\u00a0]{{1,2}}|[-\u2010\u2011\u2013.]{DASH_WRAP})?"
"""An optional separator between groups: one or two spaces, a dash or a dot, a wrapped line."""

GAP_SCAN = r"[-?.]?[ \t\xa0]{0,2}(?:\r?\n[ \t]{0,8})?"
"""The prefilter's form of `GAP_EXACT` (en dash and the like read as `?`)."""

LEAD_SCAN = r"(?:^|[^0-9A-Za-z_\-/.])"
"""Where a value may start in the prefilter: at the start, or after anything `NOT_AFTER_WORD`
might allow. Without it a long run of digits fires a digit pattern at every offset, and each
hit costs a confirmation in Python."""

TAIL_SCAN = r"(?:[^0-9A-Za-z_/]|$)"
"""Where a value may end in the prefilter (for patterns that cover the whole value):
before anything `NOT_BEFORE_WORD` might allow, or at the end."""

SPACE_GAP_EXACT = rf"(?:{_WRAP}|[ \t\u00a0]{{1,2}})?"
"""An optional separator of spaces only, or a wrapped line."""

SPACE_GAP_SCAN = r"[ \t\xa0]{0,2}(?:\r?\n[ \t]{0,8})?"
"""The prefilter's form of `SPACE_GAP_EXACT`."""


def both_cases(letters: str) -> str:
    """A character class body with each ASCII letter range in both cases ("A-DX" -> "A-DXa-dx").

    Written out rather than left to `re.IGNORECASE`, which also folds a few non-ASCII letters
    (the Kelvin sign into K) that the Latin-1 prefilter would never see.
    """
    return letters + letters.lower()


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check over a string of ASCII digits."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def mod97(alnum: str) -> int:
    """ISO 7064 MOD 97-10 over upper-case letters and digits (A=10 ... Z=35)."""
    remainder = 0
    for char in alnum:
        value = ord(char) - 48 if char <= "9" else ord(char) - 55
        remainder = (remainder * (100 if value > 9 else 10) + value) % 97
    return remainder

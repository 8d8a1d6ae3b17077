"""UK_POSTCODE: an outward code and an inward code, by the full Royal Mail grammar.

The outward code is one of A9, A99, AA9, AA99, A9A or AA9A, with the letters each position
allows (no Q, V or X first; no I, J or Z second; A9A and AA9A end in their own short lists);
the inward code is a digit and two letters, never C, I, K, M, O or V. GIR 0AA and the
overseas territories' single codes (ASCN 1ZZ, STHL 1ZZ, ...) are postcodes too.

A whole postcode in capitals is distinctive enough to act on, with or without its space. In
lower or mixed case ("nr1 9zz") it is as likely to be a product code or a typo, so it needs
"postcode" nearby. Words about addresses are left to the street-address detector: a whole
address block, postcode included, should outrank its own postcode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType, Explanation
from ..scoring import LOW, Context, Score, words_pattern

__all__ = ["DETECTOR", "INWARD", "OUTWARD", "POSTCODE", "PostcodeDetector", "is_postcode"]

OUTWARD = (
    r"(?:[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"|GIR|ASCN|STHL|TDCU|BBND|[BFS]IQQ|PCRN|TKCA)"
)
"""Every outward code form (upper case; compile with IGNORECASE to accept any case)."""
INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
"""The inward code: a sector digit and two unit letters (no C, I, K, M, O or V)."""
POSTCODE = rf"{OUTWARD}[ \t\u00a0]{{0,2}}{INWARD}"
"""A whole postcode, for use inside other patterns (the street-address block ends in one)."""

_SPECIAL = {"GIR": "0AA"}
_OVERSEAS = frozenset({"ASCN", "STHL", "TDCU", "BBND", "BIQQ", "FIQQ", "SIQQ", "PCRN", "TKCA"})
_WHOLE = re.compile(rf"(?P<out>{OUTWARD})[ \t\u00a0]{{0,2}}(?P<in>{INWARD})", re.IGNORECASE)

CONTEXT = Context(
    support=words_pattern(
        [
            "postcode",
            "post code",
            "postal code",
            "postcode:",
        ]
    ),
    contradict=words_pattern(
        [
            "ref",
            "reference",
            "order",
            "invoice",
            "serial",
            "model",
            "part no",
            "part number",
            "product",
            "sku",
            "item",
            "flight",
            "batch",
            "licence plate",
            "registration",
        ]
    ),
)
SCORE = Score(shape=0.7)
SPACED = 0.7
"""Outward code, space, inward code, in capitals: what a postcode looks like on a letter."""
UNSPACED = 0.6
"""The same without the space: still acted on, with less room for a contradicting word."""
ANY_CASE = LOW
"""Lower or mixed case: reported, acted on only with a supporting word."""


def _grammar_ok(outward: str, inward: str) -> bool:
    outward, inward = outward.upper(), inward.upper()
    if outward in _SPECIAL:
        return inward == _SPECIAL[outward]
    if outward in _OVERSEAS:
        return inward == "1ZZ"
    return True


def is_postcode(value: str) -> bool:
    """True when `value` is one whole postcode (any case, any spacing the detector accepts)."""
    found = _WHOLE.fullmatch(value.strip())
    return found is not None and _grammar_ok(found.group("out"), found.group("in"))


class PostcodeDetector:
    """Proposes outward + inward shapes; keeps those the postcode grammar allows."""

    name = "uk.postcode"
    patterns: tuple[PatternSpec, ...] = (
        PatternSpec(
            name="uk-postcode",
            scan=(
                r"\b(?:[A-Z][A-Z]?[0-9][A-Z0-9]?|GIR|ASCN|STHL|TDCU|BBND|[BFS]IQQ|PCRN|TKCA)"
                r"[ \t\xa0]{0,2}[0-9][A-Z]{2}\b"
            ),
            exact=re.compile(
                rf"(?<![\w\-/])(?P<out>{OUTWARD})(?P<sep>[ \t\u00a0]{{0,2}})"
                rf"(?P<in>{INWARD})(?![\w\-/])",
                re.IGNORECASE,
            ),
            max_len=12,
            caseless=True,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        if not _grammar_ok(match.group("out"), match.group("in")):
            return
        value = match.group(0)
        upper = value == value.upper()
        spaced = bool(match.group("sep"))
        raised, lowered = CONTEXT.find(doc, match.start(), match.end())
        shape = (SPACED if spaced else UNSPACED) if upper else ANY_CASE
        pattern = ("outward inward" if spaced else "outward+inward") + (
            "" if upper else ", not in capitals"
        )
        yield Entity(
            type=EntityType.UK_POSTCODE,
            start=match.start(),
            end=match.end(),
            score=SCORE.of(checksum=None, raised=bool(raised), lowered=bool(lowered), shape=shape),
            explanation=Explanation(
                detector=self.name,
                pattern=pattern,
                raised_by=raised,
                lowered_by=lowered,
                note="postcode grammar",
            ),
        )


DETECTOR = PostcodeDetector()

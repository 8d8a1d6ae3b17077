"""PERSON, proposed by the word before a name: a greeting, a sign-off, a label or a context word.

`names.person` reads runs of two or more capitalised words, and lets lone capitalised words
(one per sentence at least) go by without a Python step: that is what keeps it fast. A lone
name still needs finding when something says it is one: "Hi, Tamsin", "Kind regards,\\nJo",
"pupil Kasia", "Name: Oyelaran". This detector proposes exactly those places through the shared
Hyperscan scan (a greeting or context word followed by a capital letter, a few hits per
message), then hands the capitalised run to `names.person`, which weighs it the same way as any
other (the same scores, the same organisation and place checks).
"""

from __future__ import annotations

import re

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity
from .person import _LABELS, _LEAD_WORDS, _UPPER
from .person import DETECTOR as PERSON

__all__ = ["DETECTOR", "PersonContextDetector"]

_WORDS = sorted(_LEAD_WORDS, key=len, reverse=True)
_LABEL_WORDS = sorted(_LABELS, key=len, reverse=True)
_SEPARATOR_SCAN = r"[ \t]*[,(:\-]?[ \t]*(?:\r?\n[ \t>]*){0,2}"
_SEPARATOR = r"[ \t]*[,(:\-–]?[ \t]*(?:\r?\n[ \t>]*){0,2}"
"""Spaces, a comma or colon, and up to two line breaks (a blank line under "Kind regards,"),
each maybe opening a quoted line ("> ")."""


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", " ") for w in words)


class PersonContextDetector:
    """A greeting or context word, then a capital: the run there is weighed as a name."""

    name = "names.person_context"
    patterns = (
        PatternSpec(
            name="word-before-name",
            scan=(
                rf"\b(?i:{_alternatives(_WORDS)})(?:'s)?{_SEPARATOR_SCAN}[A-Z\xc0-\xde?]"
                rf"|\b(?i:{_alternatives(_LABEL_WORDS)})[ \t]*:[ \t]*[A-Z\xc0-\xde?]"
            ),
            exact=re.compile(
                rf"(?<![\w])(?:(?i:{_alternatives(_WORDS)})(?:['’]s)?{_SEPARATOR}"
                rf"|(?i:{_alternatives(_LABEL_WORDS)})[ \t]*:[ \t]*)(?=[{_UPPER}])"
            ),
            max_len=40,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> list[Entity]:
        lead = match.group(0)
        if lead[0].isupper() and lead.count("\n") < 2 and lead.rstrip()[-1:].isalpha():
            return []  # "Dear Tamsin", "Thanks Jo": one capitalised run, which `scan` reads
        return PERSON.after_lead(doc, match.end())


DETECTOR = PersonContextDetector()

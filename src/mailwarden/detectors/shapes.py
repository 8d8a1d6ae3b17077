"""Pattern fragments shared by detectors, in the two dialects the scanner needs.

`*_SCAN` fragments go into Hyperscan prefilters, which run over a Latin-1 image of the text
where characters outside Latin-1 (an en dash, say) read as `?`; `*_EXACT` fragments go into
the Python patterns that decide. A separator may be a line break, because values wrap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["NOT_AFTER_WORD", "NOT_BEFORE_WORD", "SEP_EXACT", "SEP_SCAN", "WRAP", "alternatives"]

SEP_SCAN = r"[-?.]?[ \t\xa0]{0,2}(?:\r?\n[ \t]{0,8})?"
"""An optional separator between digit groups (prefilter: anything the exact form allows)."""

SEP_EXACT = r"(?:[ \t\u00a0]{1,2}|[-\u2010\u2011\u2013.]|\r?\n[ \t]{0,8})?"
"""An optional separator between digit groups: spaces, a dash, a dot, or a line break."""

NOT_AFTER_WORD = r"(?<![\w\-/.])"
"""No letter, digit, dash, slash or dot just before: not the tail of a longer code."""

NOT_BEFORE_WORD = r"(?![\w/]|[-.]\w)"
"""No letter, digit or slash just after, nor a dash or dot that continues the code."""

WRAP = r"[ \t]?\r?\n[ \t]{0,8}"
"""A line break inside a value, where a mail client wrapped it (for use beside a back-reference)."""


def alternatives(words: Iterable[str], *, caseless: bool = False) -> str:
    """`words` as one regex alternation, longest first, with shared leading characters
    factored out ("Road|Rise|Rd" -> "R(?:oad|ise|d)").

    Python's `re` tries the branches of an alternation one after another, so a list of a
    hundred street words costs a hundred tests wherever the pattern is tried; factored, a
    failing position costs one test. The branches keep the order of the plain alternation
    (longest first), so the same word wins where one is the start of another. `caseless`
    groups letters that differ only in case, for patterns compiled with IGNORECASE.
    """
    return _factored(sorted(set(words), key=lambda w: (-len(w), w)), caseless=caseless)


def _factored(words: list[str], *, caseless: bool) -> str:
    """The alternation of `words` (longest first, so an empty word comes last)."""

    def key(char: str) -> str:
        return char.lower() if caseless else char

    if caseless:  # "Road" and "ROAD" are one branch under IGNORECASE
        words = list({w.lower(): w for w in words}.values())
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(key(word[:1]), []).append(word)
    branches = []
    for group in groups.values():
        if len(group) == 1:
            branches.append(re.escape(group[0]))
            continue
        shared = 1  # every word of a group starts with the same character
        while all(len(w) > shared for w in group) and len({key(w[shared]) for w in group}) == 1:
            shared += 1
        tails = _factored([w[shared:] for w in group], caseless=caseless)
        branches.append(re.escape(group[0][:shared]) + "(?:" + tails + ")")
    return "|".join(branches)

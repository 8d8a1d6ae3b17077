"""Checks shared by the UK detectors: digits glued on, and a sort code paired with an account.

A UK sort code and account number have no public check that can be relied on offline (the
modulus-checking tables are not published under a licence that allows shipping them), so
the check here is the pairing: a sort code written next to an account number, in either
order, with at most a few label words ("account no", "a/c", "sort code") and punctuation
between, is far likelier to be bank details than either number alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ACCOUNT_LABEL",
    "SORT_CODE_LABEL",
    "Pairing",
    "glued_to_digits",
    "inside_identifier",
    "label_before",
    "paired_account",
    "paired_sort_code",
]

_DIGITS = "0123456789"
_SPACES = " \u00a0"
_CELL_SEPARATORS = ",;"
_GLUED_AFTER = re.compile(r"[ \u00a0][0-9]+(?![0-9]|[/:]|[-.\u2013][0-9])|[,;][0-9]")
"""A space and a plain run of digits (not a date or a time, which may follow a value), or a
comma straight before digits (the next cell of a list of figures)."""


def glued_to_digits(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` has another number one space away (the tail of "01603
    518327" or "(01952) 638489", the head of "12 34 56 78") or is one cell of a run of
    figures joined by commas ("582,63383683,3804733")."""
    if start >= 2:
        mark, before = text[start - 1], text[start - 2]
        if mark in _SPACES and (
            before in _DIGITS or (before == ")" and start >= 3 and text[start - 3] in _DIGITS)
        ):
            return True
        if mark in _CELL_SEPARATORS and before in _DIGITS:
            return True
    return _GLUED_AFTER.match(text, end) is not None


_NINO_HEAD = re.compile(r"(?<![\w\-/.])[A-Za-z]{2}[ \u00a0-]?\Z")
_NINO_TAIL = re.compile(r"[ \u00a0-]?[A-Da-d](?![\w/])")
_LICENCE_HEAD = re.compile(r"(?<![\w\-/.])[A-Za-z][A-Za-z9]{4}[ \u00a0-]?\Z")
_LICENCE_TAIL = re.compile(r"[ \u00a0-]?[A-Za-z][A-Za-z9][0-9][A-Za-z]{2}(?![\w/])")


def inside_identifier(text: str, start: int, end: int) -> bool:
    """Whether the digits at `text[start:end]` are the middle of a NINO ("AB 12 34 56 C",
    "PY 318004 A") or of a driving licence number ("MORGA 753116 SM9IJ")."""
    if not start or text[start - 1] in _DIGITS:
        return False
    lo = max(0, start - 7)
    if _NINO_HEAD.search(text, lo, start) and _NINO_TAIL.match(text, end):
        return True
    return bool(_LICENCE_HEAD.search(text, lo, start) and _LICENCE_TAIL.match(text, end))


_WRAP = r"[ \t\u00a0]?\r?\n[ \t]{0,8}"
_AFTER_DASH = r"(?:\r?\n[ \t]{0,8})?"
_SORT = (
    rf"(?<![\w\-/.])(?P<sort>[0-9]{{2}}(?P<ss>[-\u2010\u2011\u2013 .\u00a0]?){_AFTER_DASH}"
    rf"[0-9]{{2}}(?:(?P=ss){_AFTER_DASH}|{_WRAP})[0-9]{{2}})(?![\w/]|[-.]\w)"
)
_ACCOUNT = (
    rf"(?<![\w\-/.])(?P<account>[0-9]{{6,8}}|[0-9]{{4}}(?:[ \u00a0]|{_WRAP})[0-9]{{4}})"
    r"(?![\w/]|[-.]\w)"
)
_LABEL_WORDS = (
    "bank",
    "account",
    "acct",
    "acc",
    "a/c",
    "ac",
    "number",
    "num",
    "nos",
    "no",
    "sort",
    "code",
    "s/c",
    "sc",
    "and",
    "is",
    "details",
)
_GAP = (
    r"(?P<gap>(?:[ \t\u00a0\r\n,;:/|()#.\-\u2013]|(?:"
    + "|".join(re.escape(w) for w in _LABEL_WORDS)
    + r")(?![a-z])){0,16})"
)
_FLAGS = re.IGNORECASE
_ACCOUNT_AFTER = re.compile(_GAP + _ACCOUNT, _FLAGS)
_SORT_AFTER = re.compile(_GAP + _SORT, _FLAGS)
_GAP_ONLY = re.compile(_GAP, _FLAGS)
_ACCOUNT_ENDING = re.compile(_ACCOUNT + r"\Z", _FLAGS)
_SORT_ENDING = re.compile(_SORT + r"\Z", _FLAGS)
_MAX_GAP = 40
_VALUE_SPAN = 32
"""How far back a sort code or account may start from where it ends (wrapped lines included)."""

SORT_CODE_LABEL = r"(?:sort[ \-]?code|s/c)"
ACCOUNT_LABEL = r"(?:(?:bank\s+)?account|acct|acc|a/c)(?:\s*(?:number|num|no))?"
_LABEL_BEFORE = re.compile(
    rf"(?:(?P<sort_code>{SORT_CODE_LABEL})|(?P<account>{ACCOUNT_LABEL}))\.?[ \t\u00a0:#\-]*\Z",
    _FLAGS,
)


@dataclass(frozen=True, slots=True)
class Pairing:
    """A sort code and an account number written together."""

    labelled: bool
    """A label word stands between the two ("12-34-56 a/c 12345678")."""
    sort_code_grouped: bool
    """The sort code is written in pairs ("12-34-56"), not as six bare digits."""
    account_digits: int

    @property
    def holds(self) -> bool:
        """Whether the pair is evidence: six bare digits beside eight, or an account of six or
        seven digits, pair only with a label between them."""
        if self.account_digits < 8:
            return self.labelled
        return self.labelled or self.sort_code_grouped


def _pairing(gap: str, sort: str, account: str) -> Pairing | None:
    if len(gap) > _MAX_GAP or "\n\n" in gap or "\n\r\n" in gap:
        return None
    pairing = Pairing(
        labelled=any(c.isalpha() for c in gap),
        sort_code_grouped=sort[2] not in _DIGITS,
        account_digits=sum(c in _DIGITS for c in account),
    )
    return pairing if pairing.holds else None


def _ending_before(text: str, start: int, ending: re.Pattern[str]) -> tuple[str, str] | None:
    """(gap, value) when a value of `ending`'s shape ends a label-and-punctuation gap before
    `start`. The gap holds no digit, so it reaches back to the previous digit at most."""
    lo, k = max(0, start - _MAX_GAP - 1), start
    while k > lo and text[k - 1] not in _DIGITS:
        k -= 1
    if not k or text[k - 1] not in _DIGITS:
        return None
    gap = _GAP_ONLY.fullmatch(text, k, start)
    value = ending.search(text, max(0, k - _VALUE_SPAN), k) if gap is not None else None
    if gap is None or value is None:
        return None
    return gap.group("gap"), value.group(0)


def paired_account(text: str, start: int, end: int) -> Pairing | None:
    """The pairing of the sort code at `text[start:end]` with an account after or before it."""
    sort = text[start:end]
    after = _ACCOUNT_AFTER.match(text, end)
    found = _pairing(after.group("gap"), sort, after.group("account")) if after else None
    if found is None:
        before = _ending_before(text, start, _ACCOUNT_ENDING)
        found = _pairing(before[0], sort, before[1]) if before else None
    return found


def paired_sort_code(text: str, start: int, end: int) -> Pairing | None:
    """The pairing of the account at `text[start:end]` with a sort code before or after it."""
    account = text[start:end]
    before = _ending_before(text, start, _SORT_ENDING)
    found = _pairing(before[0], before[1], account) if before else None
    if found is None:
        after = _SORT_AFTER.match(text, end)
        found = _pairing(after.group("gap"), after.group("sort"), account) if after else None
    return found


def label_before(text: str, start: int) -> str | None:
    """ "sort_code" or "account" when that label ends just before `start` (else None)."""
    found = _LABEL_BEFORE.search(text, max(0, start - 32), start)
    return found.lastgroup if found is not None else None

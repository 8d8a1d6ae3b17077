"""DATE_OF_BIRTH: a calendar date that a birth word ("DOB", "date of birth", "born",
"birthday") points at.

Mail is full of dates (meetings, deadlines, "dated 12/03/2024", the "On ... wrote" line of
every reply), and a date on its own is not personal data, so a date is reported only with a
birth word in the same sentence, and only when no other date stands between the word and it
("DOB 12/03/1980, appointment 14/03/2024" gives one date of birth, not two). A word such as
"meeting", "deadline" or "dated" beside it as well lowers it below the action threshold.

The layouts read are 12/03/1980, 12-03-80, 12.03.1980, 1980-03-12, 12 March 1980, 12th of
March 1980, 12-Mar-1980 and March 12, 1980 (a written month may wrap onto the next line).
Numeric dates are day first; one that only makes sense month first (03/25/1980) is accepted
as that. The date must exist in the calendar, and its year lie in 1900-2100: detectors read
no clock, so "in the future" cannot be judged here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType, Explanation
from ..scoring import LOW, Context, Score, loose, words_pattern

__all__ = ["DETECTOR", "DateOfBirthDetector", "calendar_date"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_SCAN = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_GAP = r"[ \t\u00a0]*(?:\r?\n[ \t]*)?"
_GAP_SCAN = r"[ \t\xa0]*(?:\r?\n[ \t]*)?"
_OPEN = r"(?<![\w/.\-])"
_CLOSE = r"(?![\w/]|[.\-]\d)"

_NUMERIC = re.compile(
    _OPEN + r"(?P<d>\d{1,2})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})" + _CLOSE
)
_ISO = re.compile(_OPEN + r"(?P<y>\d{4})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})" + _CLOSE)
_DAY_MONTH = re.compile(
    _OPEN
    + rf"(?P<d>\d{{1,2}}){_ORDINAL}(?:{_GAP}of)?(?:{_GAP}|[ \t]?[\-.,/][ \t]?)"
    + rf"(?P<mn>{_MONTH})\.?(?:,?{_GAP}|[\-/ ]|\.[ \t]?)(?P<y>\d{{4}}|'?\d{{2}})"
    + _CLOSE,
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    r"(?<![\w])"
    + rf"(?P<mn>{_MONTH})\.?{_GAP}(?P<d>\d{{1,2}}){_ORDINAL},?{_GAP}(?P<y>\d{{4}})"
    + _CLOSE,
    re.IGNORECASE,
)

_ANY_DATE = re.compile(
    r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"
    rf"|\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_MONTH}|{_MONTH}\.?\s+\d{{1,2}}(?!\d)",
    re.IGNORECASE,
)
"""Any date, to tell whether another one stands between a birth word and this one."""

_BREAK = re.compile(r"[.!?](?:\s|$)|\n[ \t]*\n")
"""A sentence or paragraph end between a word and a date: the word is about something else."""

_BIRTH_WORDS = [
    "dob",
    "d.o.b",
    "d.o.b.",
    "d o b",
    "date of birth",
    "date-of-birth",
    "birth date",
    "birthdate",
    "born",
    "born on",
    "birthday",
    "bday",
    "b'day",
]
_BIRTH = words_pattern(_BIRTH_WORDS)
CONTEXT = Context(
    support=_BIRTH,
    contradict=words_pattern(
        [
            "dated",
            "meeting",
            "deadline",
            "due",
            "expires",
            "expiry",
            "expiration",
            "issued",
            "appointment",
            "invoice",
            "sent",
            "received",
            "wrote",
            "deadline",
            "hearing",
            "review",
            "valid until",
            "start date",
            "end date",
            "party",
            "celebration",
        ]
    ),
    before=60,
    after=30,
)
SCORE = Score(shape=LOW, checksum_bonus=0.3, support_bonus=0.35)
"""A real calendar date (0.3 + 0.3) that a birth word points at (+ 0.35): 0.95."""

_LABEL_REACH = 24
_MIN_YEAR = 1900
_MAX_YEAR = 2100


def calendar_date(year: int, month: int, day: int) -> bool:
    """True when the date exists and its year is in the range a birth date may have."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return False
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _years(text: str) -> tuple[int, ...]:
    digits = text.lstrip("'")
    if len(digits) == 4:
        return (int(digits),)
    return (1900 + int(digits), 2000 + int(digits))


def _valid(day: int, month: int, years: tuple[int, ...]) -> bool:
    return any(calendar_date(y, month, day) for y in years)


class DateOfBirthDetector:
    """Proposes dates in every common layout; keeps real ones that a birth word points at."""

    name = "generic.date_of_birth"
    patterns: tuple[PatternSpec, ...] = (
        PatternSpec(
            name="day-month-year",
            scan=r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}",
            exact=_NUMERIC,
            max_len=16,
        ),
        PatternSpec(
            name="year-month-day",
            scan=r"\b\d{4}[/.\-]\d{1,2}[/.\-]\d",
            exact=_ISO,
            max_len=16,
        ),
        PatternSpec(
            name="day-monthname-year",
            scan=(
                rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:{_GAP_SCAN}of)?"
                rf"(?:{_GAP_SCAN}|[ \t]?[\-.,/][ \t]?){_MONTH_SCAN}"
            ),
            exact=_DAY_MONTH,
            max_len=40,
            caseless=True,
        ),
        PatternSpec(
            name="monthname-day-year",
            scan=(
                rf"\b{_MONTH_SCAN}[a-z]{{0,6}}\.?{_GAP_SCAN}\d{{1,2}}(?:st|nd|rd|th)?,?{_GAP_SCAN}"
                r"\d{4}"  # the whole year: "May 2024" (month and year) proposes nothing
            ),
            exact=_MONTH_DAY,
            max_len=40,
            caseless=True,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        if not _word_near(doc, match.start(), match.end(), _BIRTH):
            return  # most dates: nothing that `_pointing_here` could find
        note = ""
        years = _years(match.group("y"))
        day = int(match.group("d"))
        if "mn" in match.groupdict():
            month = _MONTHS[match.group("mn")[:3].lower()]
            ok = _valid(day, month, years)
        else:
            month = int(match.group("m"))
            ok = _valid(day, month, years)
            if not ok and spec.exact is _NUMERIC and _valid(month, day, years):
                ok, note = True, "read month first"
        if not ok:
            return
        raised = _pointing_here(doc, match.start(), match.end(), CONTEXT.support)
        if not raised:
            return
        lowered: tuple[str, ...] = ()
        if _word_near(doc, match.start(), match.end(), CONTEXT.contradict):
            lowered = _pointing_here(doc, match.start(), match.end(), CONTEXT.contradict)
        yield Entity(
            type=EntityType.DATE_OF_BIRTH,
            start=match.start(),
            end=match.end(),
            score=SCORE.of(checksum=True, raised=True, lowered=bool(lowered)),
            explanation=Explanation(
                detector=self.name,
                pattern=spec.name,
                checksum="passed",
                raised_by=raised,
                lowered_by=lowered,
                note=note or "calendar date",
            ),
        )


def _word_near(doc: Document, start: int, end: int, words: re.Pattern[str]) -> bool:
    """Whether one of `words` may be in the window `_pointing_here` reads or in the date's
    column header: false for most dates, told by one search of the window without word
    boundaries (`loose`)."""
    anywhere = loose(words) or words
    near = anywhere.search(doc.lower, max(0, start - CONTEXT.before), end + CONTEXT.after)
    return near is not None or words.search(doc.column_header(start)) is not None


def _pointing_here(doc: Document, start: int, end: int, words: re.Pattern[str]) -> tuple[str, ...]:
    """The nearest of `words` before and after the date that belong to it: in the same
    sentence, with no other date between them and it; or the header of the date's column
    in a pasted table ("DOB" above a column of dates)."""
    left = max(0, start - CONTEXT.before, *(doc.text.rfind(c, 0, start) + 1 for c in _CELL))
    right = min(end + CONTEXT.after, *(_next(doc.text, c, end) for c in _CELL))
    found: list[str] = []
    before = list(words.finditer(doc.lower, left, start))
    if before and _clear(doc, before[-1].end(), start) and _close(doc, before[-1].end(), start):
        found.append(before[-1].group(0))
    found += [m.group(0) for m in words.finditer(doc.column_header(start))]
    after = words.search(doc.lower, end, right)
    if after is not None and _clear(doc, end, after.start()) and not _labels_next(doc, after.end()):
        found.append(after.group(0))
    return tuple(dict.fromkeys(found))


_CELL = ("\t", "|")
"""Table cell separators: a word in another cell of a pasted table is not about this date
(its column header is, and is read separately)."""


def _next(text: str, char: str, pos: int) -> int:
    found = text.find(char, pos)
    return len(text) if found < 0 else found


def _close(doc: Document, word_end: int, start: int) -> bool:
    """A word before a date labels it only from close by: "DOB: 12/03/1980" or "born on 12
    March 1980", not "date of birth checked against our records on 12/03/2024". Across a
    line break (a label above its value, a table header row) the distance is not counted."""
    gap = doc.text[word_end:start]
    return len(gap) <= _LABEL_REACH or "\n" in gap


def _labels_next(doc: Document, end: int) -> bool:
    """True when a word is followed closely by another date: it is that date's label."""
    following = _ANY_DATE.search(doc.text, end, end + _LABEL_REACH)
    return following is not None and _clear(doc, end, following.start())


def _clear(doc: Document, start: int, end: int) -> bool:
    gap = doc.text[start:end]
    return not (_ANY_DATE.search(gap) or _BREAK.search(gap))


DETECTOR = DateOfBirthDetector()

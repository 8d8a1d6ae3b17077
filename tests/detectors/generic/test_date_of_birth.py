"""DATE_OF_BIRTH: every layout with a birth word, dates that are not birth dates, the
nearest-date rule, calendar checks, masks, and properties over generated dates."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.generic.date_of_birth import DETECTOR, calendar_date


def births(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.DATE_OF_BIRTH
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("DOB: 12/03/1980", "12/03/1980"),
        ("D.O.B. 12.03.1980", "12.03.1980"),
        ("DOB 1/3/1980", "1/3/1980"),
        ("Date of birth 12-03-80", "12-03-80"),
        ("date-of-birth: 1980-03-12", "1980-03-12"),
        ("born 1980/03/12", "1980/03/12"),
        ("Date of birth: 12 March 1980", "12 March 1980"),
        ("Born on the 12th of March 1980.", "12th of March 1980"),
        ("DOB 12th March 1980", "12th March 1980"),
        ("DOB 12-Mar-1980", "12-Mar-1980"),
        ("dob: 1 Jan 1990", "1 Jan 1990"),
        ("born 12 Sept 1980", "12 Sept 1980"),
        ("DOB 12 Mar 80", "12 Mar 80"),
        ("Born March 12, 1980", "March 12, 1980"),
        ("DOB: Mar. 3, 1990", "Mar. 3, 1990"),
        ("Birthday: 12th March\n1980", "12th March\n1980"),  # wrapped
        ("12/03/1980 (DOB)", "12/03/1980"),  # the word after the date
        ("aged 43 (born 12 Mar 1980)", "12 Mar 1980"),
        ("Her date of birth is 12 March 1980 and she is 43", "12 March 1980"),
        ("Name | Date of birth\nJo | 12/03/1980", "12/03/1980"),  # a table
        ("Birth date: 29/02/1980", "29/02/1980"),  # leap day
        ("DOB 29/02/00", "29/02/00"),  # 2000 was a leap year
        ("DOB 03/25/1980", "03/25/1980"),  # only makes sense month first
    ],
)
def test_found_with_a_birth_word(text: str, value: str) -> None:
    assert births(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Meeting 12/03/2024",  # no birth word
        "dated 12/03/2024",
        "The deadline is 12 March 2024.",
        "On 12 March 2024, Jo Smith wrote:",
        "Sent: 2024-03-12",
        "DOB 31/02/1980",  # not a calendar date
        "DOB 29/02/1981",
        "DOB 13/13/1980",  # no 13th month either way
        "DOB 32 March 1980",
        "DOB 12/03/1880",  # before 1900
        "DOB 12/03/2101",  # after 2100
        "DOB 12/03/19801",  # longer digit run
        "DOB v1.12.03.1980",
        "I was born in Leeds.\n\nThe meeting is 12/03/2024",  # another paragraph
        "She was born in 1980. The review is on 12/03/2024.",  # another sentence
    ],
)
def test_other_dates_are_not_birth_dates(text: str) -> None:
    assert births(text, min_score=0.0) == []


def test_a_birth_word_belongs_to_the_nearest_date() -> None:
    text = "DOB 12/03/1980, appointment 14/03/2024"
    assert births(text, min_score=0.0) == ["12/03/1980"]
    (entity,) = detect(text)
    assert entity.score >= 0.85
    assert entity.explanation.lowered_by == ()
    text = "Appointment 14/03/2024, DOB 12/03/1980"
    assert births(text, min_score=0.0) == ["12/03/1980"]
    text = "Date of birth: 12/03/1980. Meeting on 14/03/2024 at ten."
    assert births(text, min_score=0.0) == ["12/03/1980"]


@pytest.mark.parametrize(
    "text",
    [
        "Date of birth form due 12/03/2024",
        "My birthday party is on 12/03/2024",
        "Birthday meeting 12/03/2024",
    ],
)
def test_a_contradicting_word_takes_it_below_the_threshold(text: str) -> None:
    assert births(text) == []
    assert len(births(text, min_score=0.0)) == 1


def test_explanation_names_layout_calendar_and_word() -> None:
    (entity,) = detect("Date of birth: 12 March 1980")
    assert entity.explanation.pattern == "day-monthname-year"
    assert entity.explanation.checksum == "passed"
    assert entity.explanation.raised_by == ("date of birth",)
    assert entity.score == 0.95
    (us,) = detect("DOB 03/25/1980")
    assert us.explanation.note == "read month first"


@pytest.mark.parametrize(
    ("year", "month", "day", "ok"),
    [
        (1980, 3, 12, True),
        (2000, 2, 29, True),
        (1900, 2, 29, False),
        (1899, 12, 31, False),
        (2100, 12, 31, True),
        (2101, 1, 1, False),
        (1980, 4, 31, False),
    ],
)
def test_calendar_date(year: int, month: int, day: int, ok: bool) -> None:
    assert calendar_date(year, month, day) is ok


def test_mask_hides_the_whole_date() -> None:
    for text in ("DOB: 12/03/1980", "born 12 March 1980", "DOB 1980-03-12"):
        (entity,) = detect(text)
        assert mask(entity, text) == "**/**/****"


def test_prefilter_finds_what_the_exact_pattern_finds() -> None:
    text = (
        "DOB 12/03/1980; born 1 Jan 1990, date of birth 1980-03-12, "
        "birthday March 12, 1980 and DOB 12th of\nMay 1975"
    )
    fast = Detectors([DETECTOR]).detect(text, min_score=0.0)
    slow = Detectors([DETECTOR], use_hyperscan=False).detect(text, min_score=0.0)
    assert fast == slow
    assert len(fast) == 5


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))
LAYOUTS = [
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
]


@given(dates, st.sampled_from(LAYOUTS), st.sampled_from(["DOB: {}", "Date of birth {}", "born {}"]))
def test_every_generated_date_with_a_birth_word_is_found(
    date: datetime.date, layout: object, template: str
) -> None:
    assert callable(layout)
    written = layout(date)
    assert births(template.format(written)) == [written]


@given(dates, st.sampled_from(LAYOUTS))
def test_no_generated_date_without_a_birth_word_is_reported(
    date: datetime.date, layout: object
) -> None:
    assert callable(layout)
    assert births(f"The meeting is on {layout(date)} at ten.", min_score=0.0) == []


@given(dates)
def test_mask_never_contains_the_raw_value(date: datetime.date) -> None:
    text = f"DOB {date.day:02d}/{date.month:02d}/{date.year}"
    (entity,) = detect(text)
    assert not any(c.isdigit() for c in mask(entity, text))


def test_a_birth_word_far_before_another_date_does_not_label_it() -> None:
    from mailwarden.detectors import EntityType, detect

    text = "Date of birth checked against our records on 12/03/2024."
    assert [e for e in detect(text) if e.type is EntityType.DATE_OF_BIRTH] == []

"""Calendar reading: every real calendar in the shared corpus, then synthetic edge cases.

Which real files need the tolerant fallback, and why (icalendar 7.3):
- ical4j__valid_blankTzid.ics: an Exchange 2010 export with `DTSTART;TZID=:` ("mandatory
  TZID not found"); other parsers accept it, so its organizer and attendees must be read.
- icalendar__big_bad_calendar.ics: 20 empty VEVENTs and no END:VCALENDAR; icalendar
  returns nothing at all.
- icalendar__broken_ical.ics: `DTSTART;;VALUE=DATE-TIME:...`; icalendar drops DTSTART
  silently (it is only listed in the component's `errors`).
- icalendar__issue_104_broken_calendar.ics: a stray `X` line before END:VCALENDAR.
- ical4j__invalid_boeing.ics: seven-digit dates in a VFREEBUSY (no items to read).
- icalendar__parsing_error_in_UTC_offset.ics: `TZOFFSETFROM:+5744` in a VTIMEZONE (no items).
icalendar__fuzz_testcase_vtimezone_lone_cr.ics holds only a VTIMEZONE, no VCALENDAR or
VEVENT, so it is refused with InputError before any parser runs.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailwarden.errors import InputError
from mailwarden.message.ics import calendar_address, calendar_text, parse_calendar, read_calendar
from mailwarden.message.model import Address, CalendarItem

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
ICS_DIR = CORPUS / "ics"
NO_CORPUS = (
    "../shared/corpus/real not found: the real-corpus tests need the shared folder beside the clone"
)

# file -> (items read, read by the tolerant fallback); a new file in the folder only has to read.
EXPECTED: dict[str, tuple[int, bool]] = {
    "ical4j__invalid_boeing.ics": (0, True),
    "ical4j__invalid_groupwise.ics": (1, False),
    "ical4j__invalid_korganizer-lowercase.ics": (1, False),
    "ical4j__invalid_lastfm.ics": (33, False),
    "ical4j__invalid_sogo-geo-escaped-semicolon.ics": (1, False),
    "ical4j__invalid_tmeher.ics": (1, False),
    "ical4j__valid_2207678.ics": (1, False),
    "ical4j__valid_Session6.ics": (1, False),
    "ical4j__valid_Standup.ics": (1, False),
    "ical4j__valid_blankTzid.ics": (1, True),
    "ical4j__valid_calconnect.ics": (1, False),
    "ical4j__valid_google_aus_holidays.ics": (96, False),
    "ical4j__valid_incoming.ics": (9, False),
    "ical4j__valid_sunbird_sample.ics": (186, False),
    "ical4j__valid_zidestoreical4jbomb.ics": (1, False),
    "icalendar__alarm_google_future.ics": (1, False),
    "icalendar__alarm_thunderbird_future.ics": (1, False),
    "icalendar__big_bad_calendar.ics": (20, True),
    "icalendar__bom_calendar.ics": (0, False),
    "icalendar__broken_ical.ics": (1, True),
    "icalendar__events_issue_101_icalendar_chokes_on_umlauts_in_organizer.ics": (1, False),
    "icalendar__issue_104_broken_calendar.ics": (1, True),
    "icalendar__issue_1549_binary_attachment.ics": (1, False),
    "icalendar__issue_165_missing_event.ics": (1, False),
    "icalendar__issue_218_bad_tzid.ics": (1, False),
    "icalendar__issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics": (1, False),
    "icalendar__issue_722_missing_timezones.ics": (4, False),
    "icalendar__issue_836_do_not_quote_tzid.ics": (1, False),
    "icalendar__parsing_error_in_UTC_offset.ics": (0, True),
    "icalendar__x_location.ics": (1, False),
    "icalnet__Bug2148092.ics": (7, False),
    "icalnet__Encoding2.ics": (1, False),
    "icalnet__Google1.ics": (1, False),
    "icalnet__Outlook2007LineFolds.ics": (1, False),
    "icalnet__XProperty2.ics": (1, False),
    "tika__testICalendar.ics": (1, False),
}
NOT_A_CALENDAR = {"icalendar__fuzz_testcase_vtimezone_lone_cr.ics"}


def _corpus_params() -> list[object]:
    if not ICS_DIR.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_CORPUS))]
    return [pytest.param(p.name, id=p.name) for p in sorted(ICS_DIR.iterdir()) if p.is_file()]


def _real(name: str) -> tuple[CalendarItem, ...]:
    if not ICS_DIR.is_dir():
        pytest.skip(NO_CORPUS)
    return parse_calendar((ICS_DIR / name).read_bytes())


@pytest.mark.corpus
@pytest.mark.parametrize("name", _corpus_params())
def test_every_real_calendar_reads(name: str) -> None:
    data = (ICS_DIR / name).read_bytes()
    if name in NOT_A_CALENDAR:
        with pytest.raises(InputError, match="not a calendar"):
            read_calendar(data)
        return
    result = read_calendar(data)
    assert all(isinstance(item, CalendarItem) for item in result.items)
    assert not result.capped
    if name in EXPECTED:
        count, tolerant = EXPECTED[name]
        assert (len(result.items), bool(result.fallback)) == (count, tolerant), result.fallback
        assert all(item.tolerant == tolerant for item in result.items)


@pytest.mark.corpus
def test_real_corpus_reads_quickly() -> None:
    if not ICS_DIR.is_dir():
        pytest.skip(NO_CORPUS)
    began = time.perf_counter()
    for path in sorted(ICS_DIR.iterdir()):
        try:
            parse_calendar(path.read_bytes())
        except InputError:
            assert path.name in NOT_A_CALENDAR
    assert time.perf_counter() - began < 10  # about 0.2 s on a laptop


@pytest.mark.corpus
def test_real_summary_method_and_utc_start() -> None:
    (item,) = _real("tika__testICalendar.ics")
    assert item.summary == "Susi Hyldgaard - Festival International de Jazz de Montréal"
    assert item.method == "PUBLISH"
    assert item.classification == "PUBLIC"
    assert item.start == dt.datetime(2001, 7, 1, 21, 30, tzinfo=dt.UTC)


@pytest.mark.corpus
def test_real_organizer_and_attendee_with_quoted_params() -> None:
    (item,) = _real("ical4j__valid_zidestoreical4jbomb.ics")
    assert item.organizer == Address("No Name", "matt", "mcbridematt.dhs.org")
    assert item.attendees == (Address("No Name", "matt", "mcbridematt.dhs.org"),)
    assert item.method == "REQUEST"
    assert item.start == dt.date(2006, 6, 11)


@pytest.mark.corpus
def test_real_lower_case_names_and_class() -> None:
    (item,) = _real("ical4j__invalid_korganizer-lowercase.ics")
    assert item.summary == "Ted's Birthday"
    assert item.classification == "PUBLIC"
    assert not item.is_private
    assert item.organizer == Address("Tom", "tom", "eastmond.org")


@pytest.mark.corpus
def test_real_start_with_its_zone() -> None:
    first, _, todo, _ = _real("icalendar__issue_722_missing_timezones.ics")
    assert first.start == dt.datetime(2014, 8, 29, 8, tzinfo=ZoneInfo("America/New_York"))
    assert isinstance(first.start, dt.datetime)
    assert first.start.utcoffset() == dt.timedelta(hours=-4)
    assert todo.component == "VTODO"
    assert todo.end == dt.datetime(2014, 8, 29, 8, tzinfo=ZoneInfo("Asia/Singapore"))


@pytest.mark.corpus
def test_real_umlauts_in_organizer_name() -> None:
    (item,) = _real("icalendar__events_issue_101_icalendar_chokes_on_umlauts_in_organizer.ics")
    assert item.organizer == Address("acme, ädmin", "adm-acme", "mydomain.de")
    assert item.location == "im büro"


@pytest.mark.corpus
def test_real_outlook_2007_tab_folds() -> None:
    (item,) = _real("icalnet__Outlook2007LineFolds.ics")
    assert item.location == (
        "The Exceptionally Long Named Meeting Room Whose Name Wraps Over Several Lines When "
        "Exported From Leading Calendar and Office Software Application Microsoft Office 2007"
    )
    assert [a.addr_spec for a in item.attendees] == [
        "some.attendee@event.com",
        "event@calendardemo.net",
        "4th.floor.meeting.room@somewhere.com",
    ]
    assert item.attendees[2].display_name == "4th Floor Meeting Room"
    assert item.description == "\n"
    assert item.start == dt.date(2009, 6, 21)


@pytest.mark.corpus
def test_real_exchange_2010_file_via_the_fallback() -> None:
    (item,) = _real("ical4j__valid_blankTzid.ics")
    assert item.tolerant
    assert item.organizer == Address("Bruce Roberts", "roberts", "company.com")
    assert [a.display_name for a in item.attendees] == ["Bruce Roberts", "Sam Peter"]
    assert item.start == dt.datetime(2015, 8, 26, 9)  # empty TZID: kept naive
    assert item.location == "17 Commerce Crescent,Eastgate"
    assert item.description == "This event has been changed"
    assert item.method == "PUBLISH"
    assert item.attachment_names == ()  # a cid: reference, not a file name


@pytest.mark.corpus
def test_real_broken_files_keep_what_they_say() -> None:
    (broken,) = _real("icalendar__broken_ical.ics")
    assert broken.start == dt.datetime(2014, 4, 9, 9, 30)
    (stray,) = _real("icalendar__issue_104_broken_calendar.ics")
    assert (stray.summary, stray.classification) == ("Broken Eevnt", "PUBLIC")
    assert stray.end == dt.datetime(2014, 4, 1, 1, tzinfo=dt.UTC)
    assert all(i.tolerant and i.summary == "" for i in _real("icalendar__big_bad_calendar.ics"))


def _cal(*lines: str, close: bool = True) -> str:
    """A calendar from content lines, CRLF-terminated like the real thing."""
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", *lines] + (["END:VCALENDAR"] if close else [])
    return "\r\n".join(body) + "\r\n"


def _event(*lines: str, close: bool = True) -> str:
    return _cal("BEGIN:VEVENT", *lines, "END:VEVENT", close=close)


SYNTHETIC = [
    pytest.param(
        _event("CLASS:PRIVATE"),
        {"classification": "PRIVATE", "is_private": True},
        id="class-private",
    ),
    pytest.param(_event("CLASS:confidential"), {"is_private": True}, id="class-confidential"),
    pytest.param(_event("CLASS:PUBLIC"), {"is_private": False}, id="class-public"),
    pytest.param(
        _event("SUMMARY:Case review for Jo", " hn Smith at", "\t home"),
        {"summary": "Case review for John Smith at home"},
        id="folded-space-and-tab",
    ),
    pytest.param(
        _event(r"LOCATION:Room 4\, County Hall\; Norwich", r"DESCRIPTION:a\nb\\c"),
        {"location": "Room 4, County Hall; Norwich", "description": "a\nb\\c"},
        id="escaped-text",
    ),
    pytest.param(
        _event(r"CATEGORIES:Social care,Smith\, J", "CATEGORIES:HR"),
        {"categories": ("Social care", "Smith, J", "HR")},
        id="categories",
    ),
    pytest.param(
        _event("DTSTART;TZID=Europe/London:20240705T093000"),
        {"start": dt.datetime(2024, 7, 5, 9, 30, tzinfo=ZoneInfo("Europe/London"))},
        id="tzid-zoneinfo",
    ),
    pytest.param(
        _event('ORGANIZER;CN="Bloggs, Jo":MAILTO:Jo.Bloggs@Norfolk.GOV.UK'),
        {"organizer": Address("Bloggs, Jo", "Jo.Bloggs", "norfolk.gov.uk")},
        id="organizer-mailto",
    ),
    pytest.param(
        _event("ATTACH;FILENAME=report.pdf:https://files.example/1234"),
        {"attachment_names": ("report.pdf",)},
        id="attach-filename",
    ),
    pytest.param(
        _event(
            'ATTACH;X-FILENAME="minutes; draft.docx":cid:abc@x',
            "ATTACH:https://files.example/share/Care%20plan.docx",
        ),
        {"attachment_names": ("minutes; draft.docx", "Care plan.docx")},
        id="attach-x-filename-and-uri",
    ),
    pytest.param(
        _cal("METHOD:REQUEST", "BEGIN:VTODO", "SUMMARY:todo", "DUE:20240102", "END:VTODO"),
        {"component": "VTODO", "method": "REQUEST", "end": dt.date(2024, 1, 2)},
        id="vtodo",
    ),
    pytest.param(
        _event(
            "SUMMARY:Visit",
            "BEGIN:VALARM",
            "SUMMARY:alarm",
            "ATTENDEE:mailto:alarm@example.org",
            "END:VALARM",
        ),
        {"summary": "Visit", "attendees": ()},
        id="valarm-properties-stay-out",
    ),
]
"""(calendar text, expected attributes of its one item), read by icalendar."""

TOLERANT = [
    pytest.param(_event("CLASS:PRIVATE", close=False), {"is_private": True}, id="no-end-vcalendar"),
    pytest.param(
        _cal("BEGIN:VEVENT", "SUMMARY:one", "BEGIN:VEVENT", "SUMMARY:two", "END:VEVENT"),
        {"summary": "one"},
        id="missing-end-vevent",
    ),
    pytest.param(_event("DTSTART:2006717T080000Z"), {"start": None}, id="bad-dtstart"),
    pytest.param(
        _event("DTSTART:2024-13-45T99", "DTEND:20240105T100000Z"),
        {"start": None, "end": dt.datetime(2024, 1, 5, 10, tzinfo=dt.UTC)},
        id="bad-dtstart-month",
    ),
    pytest.param(
        _event("SUMMARY:x", "DTSTART;TZID=Nowhere/Atlantis:20240101T090000", close=False),
        {"start": dt.datetime(2024, 1, 1, 9)},
        id="unknown-tzid-naive",
    ),
    pytest.param(
        _event(
            'DTSTART;TZID="Europe/London":20240705T093000', "DTEND:20240705T103000Z", close=False
        ),
        {
            "start": dt.datetime(2024, 7, 5, 9, 30, tzinfo=ZoneInfo("Europe/London")),
            "end": dt.datetime(2024, 7, 5, 10, 30, tzinfo=dt.UTC),
        },
        id="zones",
    ),
    pytest.param(
        _event("DTSTART;TZID=GMT Standard Time:20240105T093000", close=False),
        {"start": dt.datetime(2024, 1, 5, 9, 30, tzinfo=ZoneInfo("Europe/London"))},
        id="windows-tzid",
    ),
    pytest.param(
        _event("DTSTART;VALUE=DATE:20240229", close=False),
        {"start": dt.date(2024, 2, 29)},
        id="date",
    ),
    pytest.param(
        _event(r"LOCATION:Room 4\, County Hall", "X", close=False),
        {"location": "Room 4, County Hall"},
        id="escaped-comma",
    ),
    pytest.param(
        _event('ATTENDEE;;CN=Jo;ROLE="unclosed:mailto:jo@example.org', close=False),
        {"attendees": (Address("Jo", "jo", "example.org"),)},
        id="bad-params",
    ),
    pytest.param(
        _event('ORGANIZER;CN="Smith; John";X="a"junk:mailto:j@Example.ORG', close=False),
        {"organizer": Address("Smith; John", "j", "example.org")},
        id="quoted-semicolon",
    ),
    pytest.param(
        _event("ATTACH;FILENAME=report.pdf;VALUE=BINARY;ENCODING=BASE64:AAAA", close=False),
        {"attachment_names": ("report.pdf",)},
        id="attach-binary-named",
    ),
]
"""As SYNTHETIC, but each text makes icalendar fail so the tolerant reader answers."""


@pytest.mark.parametrize(("text", "expected"), SYNTHETIC)
def test_synthetic_calendars(text: str, expected: dict[str, object]) -> None:
    (item,) = parse_calendar(text)
    assert {key: getattr(item, key) for key in expected} == expected
    assert not item.tolerant


@pytest.mark.parametrize(("text", "expected"), TOLERANT)
def test_tolerant_reader(text: str, expected: dict[str, object]) -> None:
    result = read_calendar(text.encode())
    assert result.fallback
    item = result.items[0]
    assert {key: getattr(item, key) for key in expected} == expected
    assert item.tolerant


def test_missing_end_vevent_keeps_both_items_in_order() -> None:
    text = _cal("BEGIN:VEVENT", "SUMMARY:one", "BEGIN:VEVENT", "SUMMARY:two", "END:VEVENT")
    assert [i.summary for i in parse_calendar(text)] == ["one", "two"]


def test_lone_cr_line_ends() -> None:
    text = _event("SUMMARY:Lone", " CR", "CLASS:PRIVATE").replace("\r\n", "\r")
    (item,) = parse_calendar(text.encode())
    assert (item.summary, item.classification) == ("LoneCR", "PRIVATE")


def test_fold_inside_a_utf8_sequence() -> None:
    data = _event("SUMMARY:Büro").encode()
    cut = data.index("ü".encode()) + 1
    (item,) = parse_calendar(data[:cut] + b"\r\n " + data[cut:])
    assert item.summary == "Büro"


@pytest.mark.parametrize(
    ("data", "summary"),
    [
        (b"\xef\xbb\xbf" + _event("SUMMARY:bom").encode(), "bom"),
        (_event("SUMMARY:Caf\u00e9 \u20ac5").encode("cp1252"), "Caf\u00e9 \u20ac5"),
        (_event("SUMMARY:\u00e9\x81").encode("latin-1"), "\u00e9\x81"),
        (_event("SUMMARY:utf16").encode("utf-16"), "utf16"),
        ("\ufeff" + _event("SUMMARY:str"), "str"),
    ],
    ids=["utf8-bom", "cp1252", "latin-1", "utf-16", "str-bom"],
)
def test_decoding_never_fails(data: bytes | str, summary: str) -> None:
    (item,) = parse_calendar(data)
    assert item.summary == summary


def test_one_cp1252_line_does_not_garble_the_utf8_lines() -> None:
    data = _event("SUMMARY:M\u00fcller", "LOCATION:Caf\u00e9").encode()
    (item,) = parse_calendar(data.replace("\u00e9".encode(), b"\xe9"))
    assert (item.summary, item.location) == ("M\u00fcller", "Caf\u00e9")


def test_twenty_thousand_events_are_capped_quickly() -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}\r\nSUMMARY:Meeting {n}\r\nDTSTART:20240101T090000Z\r\n"
        "END:VEVENT\r\n"
        for n in range(20_000)
    )
    data = ("BEGIN:VCALENDAR\r\n" + events + "END:VCALENDAR\r\n").encode()
    began = time.perf_counter()
    result = read_calendar(data, max_items=100)
    assert time.perf_counter() - began < 5
    assert result.capped and not result.fallback
    assert [i.uid for i in result.items] == [str(n) for n in range(100)]


@pytest.mark.parametrize(
    "text",
    [
        "BEGIN:VEVENT\n" * 50_000,
        "BEGIN:VCALENDAR\n" + "BEGIN:X\n" * 50_000,
        "BEGIN:VEVENT\nATTENDEE" + ';a="' * 100_000 + ":mailto:x@y\n",
        "BEGIN:VEVENT\nATTENDEE" + ";a=b" * 100_000 + '"' + ":mailto:x@y\n",
        "BEGIN:VEVENT\nSUMMARY:" + "\\" * 400_001 + "\nCATEGORIES:" + "\\," * 200_000 + "\n",
    ],
    ids=["begin-only", "deep-nesting", "unclosed-quotes", "late-quote", "backslashes"],
)
def test_hostile_input_is_bounded(text: str) -> None:
    began = time.perf_counter()
    items = parse_calendar(text, max_items=1000)
    assert time.perf_counter() - began < 5
    assert len(items) <= 1000


def test_random_bytes_are_not_a_calendar() -> None:
    data = random.Random(20240101).randbytes(64 * 1024)
    with pytest.raises(InputError, match="not a calendar"):
        parse_calendar(data)


@pytest.mark.parametrize(
    "data", [b"", b"hello", "BEGIN:VCARD\nEND:VCARD\n", "BEGIN:VTIMEZONE\nEND:VTIMEZONE\n"]
)
def test_input_without_calendar_objects(data: bytes | str) -> None:
    with pytest.raises(InputError):
        parse_calendar(data)


def test_empty_vcalendar_has_no_items() -> None:
    assert parse_calendar(_cal()) == ()
    assert parse_calendar(_cal(close=False)) == ()


def test_negative_max_items_is_refused() -> None:
    with pytest.raises(ValueError, match="max_items"):
        parse_calendar(_event(), max_items=-1)


@pytest.mark.parametrize(
    ("value", "name", "expected"),
    [
        ("mailto:a.b@Example.ORG", "", Address("", "a.b", "example.org")),
        ("MAILTO:x@xn--bcher-kva.example", "X", Address("X", "x", "bücher.example")),
        ("mailto:jo%40example.org", '"Jo"', Address("Jo", "jo", "example.org")),
        ("urn:uuid:1234", "Room 4", Address("Room 4", "urn:uuid:1234", "")),
        ("", "", None),
    ],
)
def test_calendar_address(value: str, name: str, expected: Address | None) -> None:
    assert calendar_address(value, name) == expected


def test_calendar_text_unfolds_every_line_end() -> None:
    assert calendar_text(b"A:1\r\n 2\n\t3\rB:4") == "A:123\nB:4"


_FRAGMENTS = [
    "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VTODO",
    "BEGIN:VALARM", "END:VALARM", "BEGIN:VTIMEZONE", "TZOFFSETFROM:+9999", "X",
    "DTSTART;TZID=Europe/London:20240101T090000", "DTEND;VALUE=DATE:20240230",
    "DTSTART;TZID=/../../etc/passwd:20240101T000000", "DUE:20240101T250000",
    'ATTENDEE;CN="a:mailto:b@c', "ORGANIZER:mailto:", "ATTACH;FILENAME=:",
    "CATEGORIES:a\\,b,c", "CLASS:private", "SUMMARY:x\\", "\r", " ", "\t", ";", ":", '"',
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=6)), max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_mix_of_calendar_fragments_reads_or_is_refused(parts: list[str], end: str) -> None:
    try:
        items = parse_calendar(end.join(parts).encode("utf-8", "surrogatepass"), max_items=5)
    except InputError:
        return
    assert len(items) <= 5

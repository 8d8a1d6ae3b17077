"""TNEF (winmail.dat): real files read, hostile counts cost nothing, names and bodies come out."""

from __future__ import annotations

import datetime as dt
import random
import struct
import time
from pathlib import Path
from uuid import UUID

import pytest

from mailwarden.errors import InputError
from mailwarden.message.ics import parse_calendar
from mailwarden.message.limits import ParseContext
from mailwarden.message.reader import parse_message_bytes
from mailwarden.message.tnef import TNEF_TYPE, property_list_end, read_tnef, unpack_tnef

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
TNEF_DIR = CORPUS / "tnef"
NO_CORPUS = (
    "../shared/corpus/real not found: the real-corpus tests need the shared folder beside the clone"
)


def _files() -> list[object]:
    if not TNEF_DIR.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_CORPUS))]
    return [pytest.param(p.name, id=p.name) for p in sorted(TNEF_DIR.iterdir()) if p.is_file()]


def _data(real_corpus: Path, name: str) -> bytes:
    return (real_corpus / "tnef" / name).read_bytes()


def _header(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    return next((v for k, v in headers if k.lower() == name.lower()), None)


# --- building TNEF by hand -----------------------------------------------------------------


def _attr(level: int, name: int, kind: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return (
        bytes([level])
        + struct.pack("<HHI", name, kind, len(data))
        + data
        + struct.pack("<H", checksum)
    )


def _stream(*attrs: bytes) -> bytes:
    return struct.pack("<IH", 0x223E9F78, 1) + b"".join(attrs)


def _value(data: bytes) -> bytes:
    return struct.pack("<I", len(data)) + data + b"\x00" * (-len(data) % 4)


def _unicode(pid: int, text: str) -> bytes:
    return struct.pack("<HHI", 0x001F, pid, 1) + _value(text.encode("utf-16-le") + b"\x00\x00")


def _binary(pid: int, data: bytes) -> bytes:
    return struct.pack("<HHI", 0x0102, pid, 1) + _value(data)


def _int(pid: int, value: int) -> bytes:
    return struct.pack("<HHI", 0x0003, pid, value)


def _named_time(guid: UUID, lid: int, when: dt.datetime) -> bytes:
    ticks = int((when - dt.datetime(1601, 1, 1, tzinfo=dt.UTC)).total_seconds()) * 10_000_000
    return struct.pack("<HH", 0x0040, 0x8000) + guid.bytes_le + struct.pack("<IIQ", 0, lid, ticks)


def _props(*entries: bytes) -> bytes:
    return struct.pack("<I", len(entries)) + b"".join(entries)


CODEPAGE = _attr(1, 0x9007, 0x0006, struct.pack("<II", 1252, 0))
APPOINTMENT = UUID("00062002-0000-0000-c000-000000000046")


# --- the real corpus -----------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("name", _files())
def test_every_real_tnef_reads_or_is_input_error(real_corpus: Path, name: str) -> None:
    data = _data(real_corpus, name)
    start = time.monotonic()
    try:
        message = read_tnef(data, ParseContext.start())
    except InputError:
        return
    finally:
        assert time.monotonic() - start < 10
    assert message.source_format == "tnef"


@pytest.mark.corpus
def test_oom_file_is_refused_at_once(real_corpus: Path) -> None:
    """Apache POI's oom.tnef: 53 bytes claiming 873 million values."""
    start = time.monotonic()
    with pytest.raises(InputError, match="counts overrun"):
        unpack_tnef(_data(real_corpus, "poi__oom.tnef"))
    assert time.monotonic() - start < 0.5


@pytest.mark.corpus
def test_long_filenames_headers_and_recipients(real_corpus: Path) -> None:
    raw = unpack_tnef(_data(real_corpus, "poi__bug52400-winmail-with-attachments.dat"))
    assert [(p.filename, p.declared_type) for p in raw.parts] == [
        ("scion_tc_2007_maintenanceguide.pdf", "application/pdf"),
        ("Duke_Wave.png", "image/png"),
    ]
    assert raw.parts[0].data.startswith(b"%PDF")
    assert len(raw.parts[0].data) == 193258
    assert _header(raw.headers, "Subject") == "TNEF test message with attachments"
    assert _header(raw.headers, "From") == '"Gaggletest2" <Gaggletest2@anderson5.net>'
    assert _header(raw.headers, "To") == '"Gaggletest2" <Gaggletest2@anderson5.net>'
    assert raw.text_html is not None
    assert "two attachments" in raw.text_html


@pytest.mark.corpus
def test_short_names_replaced_by_long_ones_and_rtf_body(real_corpus: Path) -> None:
    raw = unpack_tnef(_data(real_corpus, "poi__quick-winmail.dat"))
    assert [p.filename for p in raw.parts] == [
        "quick.doc",
        "quick.html",
        "quick.pdf",
        "quick.txt",
        "quick.xml",
    ]
    assert raw.text_plain is not None
    assert "These are five files." in raw.text_plain


@pytest.mark.corpus
def test_attachment_text_extracted_through_assemble(real_corpus: Path) -> None:
    message = read_tnef(_data(real_corpus, "poi__quick-winmail.dat"), ParseContext.start())
    txt = next(a for a in message.attachments if a.filename == "quick.txt")
    assert txt.text.strip()
    assert "Five files" in message.body.text


@pytest.mark.corpus
def test_trailing_garbage_is_a_defect_not_a_failure(real_corpus: Path) -> None:
    raw = unpack_tnef(_data(real_corpus, "mimekit__panic.tnef"))
    assert raw.defects and "past the end" in raw.defects[0]
    assert (_header(raw.headers, "Subject") or "").startswith("Fw: VIKTIGT")
    assert [(p.filename, p.inline) for p in raw.parts] == [
        ("image001.jpg", True),
        ("image002.jpg", True),
        ("image003.png", True),
    ]


@pytest.mark.corpus
def test_winmail_attached_to_a_mime_message(real_corpus: Path) -> None:
    data = (real_corpus / "eml" / "mmp__m4006.eml").read_bytes()
    message = parse_message_bytes(data, ParseContext.start())
    tnef = [a for a in message.attachments if a.filename.lower() == "winmail.dat"]
    assert tnef, [a.filename for a in message.attachments]


# --- hostile and synthetic input -----------------------------------------------------------


@pytest.mark.parametrize("claim", [0x340D0003, 0xFFFFFFFF, 10_000])
def test_huge_multi_value_count_is_rejected(claim: int) -> None:
    blob = struct.pack("<IHHI", 1, 0x1003, 0x0E07, claim) + b"\x00" * 8
    assert property_list_end(blob) is None
    start = time.monotonic()
    with pytest.raises(InputError):
        unpack_tnef(_stream(_attr(1, 0x9003, 0x0006, blob)))
    assert time.monotonic() - start < 0.5


@pytest.mark.parametrize(
    "blob",
    [
        struct.pack("<I", 0xFFFFFFFF),  # property count
        struct.pack("<IHHI", 1, 0x001F, 0x0037, 0xFFFFFFFF),  # value count
        struct.pack("<IHHII", 1, 0x0102, 0x1013, 1, 0xFFFFFF00),  # value length
        struct.pack("<IHH", 1, 0x0003, 0x8000) + b"\x00" * 16 + struct.pack("<II", 1, 0xFFFFFFF0),
    ],
)
def test_every_claimed_length_is_checked(blob: bytes) -> None:
    assert property_list_end(blob) is None


def test_good_property_list_is_accepted() -> None:
    blob = _props(_unicode(0x0037, "Hello"), _int(0x0036, 2), _binary(0x1013, b"<p>x</p>"))
    assert property_list_end(blob) == len(blob)


def test_damaged_attribute_dropped_rest_read() -> None:
    good = _attr(
        1, 0x9003, 0x0006, _props(_unicode(0x0037, "Still here"), _unicode(0x1000, "Body text"))
    )
    bad = _attr(1, 0x9003, 0x0006, struct.pack("<I", 0xFFFFFFFF))
    raw = unpack_tnef(_stream(CODEPAGE, bad, good))
    assert _header(raw.headers, "Subject") == "Still here"
    assert raw.text_plain == "Body text"
    assert raw.defects == ("TNEF attribute 0x9003: counts overrun its data",)


def test_undefined_byte_in_8bit_string_costs_nothing_else() -> None:
    ansi = struct.pack("<HHI", 0x001E, 0x0037, 1) + _value(b"Re: caf\xe9 \x81 plan\x00")
    props = _props(ansi, _unicode(0x1000, "The body survives"))
    raw = unpack_tnef(_stream(CODEPAGE, _attr(1, 0x9003, 0x0006, props)))
    assert _header(raw.headers, "Subject") == "Re: café \ufffd plan"
    assert raw.text_plain == "The body survives"


def test_message_without_codepage_and_attachment_without_rend_data() -> None:
    subject = _attr(1, 0x8004, 0x0001, "Caf\xe9 plans".encode("cp1252") + b"\x00")
    title = _attr(2, 0x8010, 0x0001, b"notes.txt\x00")
    data = _attr(2, 0x800F, 0x0006, b"minutes of the meeting")
    raw = unpack_tnef(_stream(subject, title, data))
    assert _header(raw.headers, "Subject") == "Café plans"
    assert [(p.filename, p.declared_type, p.data) for p in raw.parts] == [
        ("notes.txt", "text/plain", b"minutes of the meeting")
    ]


def test_sensitivity_and_binary_attachment_kept_exactly() -> None:
    props = _attr(1, 0x9003, 0x0006, _props(_unicode(0x0037, "Payroll"), _int(0x0036, 3)))
    rend = _attr(2, 0x9002, 0x0006, b"\x00" * 14)
    payload = b"PK\x03\x04" + b"\x00" * 9  # ends in NULs, as many real files do
    attach = _attr(2, 0x9005, 0x0006, _props(_unicode(0x3707, "figures.bin"), _int(0x3705, 1)))
    raw = unpack_tnef(_stream(CODEPAGE, props, rend, _attr(2, 0x800F, 0x0006, payload), attach))
    assert _header(raw.headers, "Sensitivity") == "Company-Confidential"
    assert raw.parts[0].filename == "figures.bin"
    assert raw.parts[0].data == payload


def test_embedded_message_kept_as_tnef_stream() -> None:
    inner = _stream(CODEPAGE, _attr(1, 0x9003, 0x0006, _props(_unicode(0x0037, "Inner"))))
    iid = bytes.fromhex("0703020000000000c000000000000046")
    obj = struct.pack("<HHI", 0x000D, 0x3701, 1) + _value(iid + inner)
    attach = _attr(2, 0x9005, 0x0006, _props(_unicode(0x3001, "Forwarded"), _int(0x3705, 5), obj))
    raw = unpack_tnef(_stream(CODEPAGE, _attr(2, 0x9002, 0x0006, b"\x00" * 14), attach))
    (part,) = raw.parts
    assert (part.filename, part.declared_type) == ("Forwarded.dat", TNEF_TYPE)
    assert _header(unpack_tnef(part.data).headers, "Subject") == "Inner"


def test_embedded_message_with_hostile_counts_is_dropped() -> None:
    inner = _stream(_attr(1, 0x9003, 0x0006, struct.pack("<I", 0xFFFFFFFF)))
    iid = bytes.fromhex("0703020000000000c000000000000046")
    obj = struct.pack("<HHI", 0x000D, 0x3701, 1) + _value(iid + inner)
    attach = _attr(2, 0x9005, 0x0006, _props(obj))
    raw = unpack_tnef(_stream(CODEPAGE, _attr(1, 0x8004, 0x0001, b"Outer\x00"), attach))
    assert raw.parts == ()
    assert "counts overrun" in raw.defects[0]


def test_meeting_request_becomes_calendar_part() -> None:
    start = dt.datetime(2024, 3, 4, 10, 0, tzinfo=dt.UTC)
    props = _props(
        _unicode(0x001A, "IPM.Schedule.Meeting.Request"),
        _unicode(0x0037, "Case review"),
        _int(0x0036, 2),
        _named_time(APPOINTMENT, 0x820D, start),
        _named_time(APPOINTMENT, 0x820E, start + dt.timedelta(hours=1)),
        _unicode(0x0042, "Chair"),
        _unicode(0x0065, "chair@council.gov.uk"),
        _unicode(0x0064, "SMTP"),
    )
    raw = unpack_tnef(_stream(CODEPAGE, _attr(1, 0x9003, 0x0006, props)))
    (item,) = parse_calendar(raw.calendar_parts[0])
    assert item.summary == "Case review"
    assert item.start == start
    assert item.is_private
    assert item.organizer is not None
    assert item.organizer.addr_spec == "chair@council.gov.uk"


@pytest.mark.parametrize("size", [0, 3, 11, 100, 4096, 65536])
def test_random_bytes_are_input_error(size: int) -> None:
    rng = random.Random(size)
    body = bytes(rng.getrandbits(8) for _ in range(size))
    for data in (body, struct.pack("<IH", 0x223E9F78, 1) + body):
        start = time.monotonic()
        with pytest.raises(InputError):
            unpack_tnef(data)
        assert time.monotonic() - start < 1

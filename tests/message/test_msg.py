"""Outlook .msg: every real file reads, content comes out right, damage is an InputError."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import time
from pathlib import Path

import pytest

from mailwarden.errors import InputError
from mailwarden.message._mapi import (
    Party,
    ansi_codec,
    decode_header_block,
    field_lines,
    headers_from_properties,
    merge_headers,
    one_off_parties,
)
from mailwarden.message._mapi_calendar import Appointment, appointment_ics
from mailwarden.message.ics import parse_calendar
from mailwarden.message.limits import Limits, ParseContext
from mailwarden.message.model import Message
from mailwarden.message.msg import MSG_TYPE, msg_to_raw, read_msg
from mailwarden.message.raw import RawMessage

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
MSG_DIR = CORPUS / "msg"
NO_CORPUS = (
    "../shared/corpus/real not found: the real-corpus tests need the shared folder beside the clone"
)


def _files() -> list[object]:
    if not MSG_DIR.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_CORPUS))]
    return [pytest.param(p.name, id=p.name) for p in sorted(MSG_DIR.iterdir()) if p.is_file()]


def _read(real_corpus: Path, name: str) -> Message:
    return read_msg((real_corpus / "msg" / name).read_bytes(), ParseContext.start())


def _raw(real_corpus: Path, name: str) -> RawMessage:
    return msg_to_raw((real_corpus / "msg" / name).read_bytes())


def _header(raw: RawMessage, name: str) -> str | None:
    return next((v for k, v in raw.headers if k.lower() == name.lower()), None)


# --- the whole real corpus -----------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("name", _files())
def test_every_real_msg_reads_or_is_input_error(real_corpus: Path, name: str) -> None:
    data = (real_corpus / "msg" / name).read_bytes()
    try:
        message = read_msg(data, ParseContext.start())
    except InputError:
        return
    assert message.source_format == "msg"
    assert message.size == len(data)


@pytest.mark.corpus
def test_corpus_reads_quickly(real_corpus: Path) -> None:
    start = time.monotonic()
    for path in sorted((real_corpus / "msg").iterdir()):
        with contextlib.suppress(InputError):
            msg_to_raw(path.read_bytes())
    assert time.monotonic() - start < 20


# --- content from real files ---------------------------------------------------------------


@pytest.mark.corpus
def test_transport_headers_and_recipients(real_corpus: Path) -> None:
    message = _read(real_corpus, "poi__outlook_30_msg.msg")
    assert message.subject == "IN-SPIRE servers going down for a bit, back up around 8am"
    assert "shawn.bohn@pnl.gov" in [a.addr_spec for a in message.to]
    assert message.from_[0].addr_spec == "nick.cramer@pnl.gov"
    assert message.header("Thread-Topic") is not None  # kept from the stored internet headers


@pytest.mark.corpus
def test_display_name_with_comma_stays_one_address(real_corpus: Path) -> None:
    message = _read(real_corpus, "poi__outlook_30_msg.msg")
    bohn = next(a for a in message.to if a.addr_spec == "shawn.bohn@pnl.gov")
    assert bohn.display_name == "Bohn, Shawn J"


@pytest.mark.corpus
def test_headers_synthesised_when_none_stored(real_corpus: Path) -> None:
    raw = _raw(real_corpus, "poi__example_sent_regular.msg")
    assert _header(raw, "Received") is None
    message = _read(real_corpus, "poi__example_sent_regular.msg")
    assert message.subject == "This is a test message please ignore"
    assert message.from_[0].addr_spec == "mike.farman@alfresco.com"
    assert "paul.hh@alfresco.com" in [a.addr_spec for a in message.recipients]


@pytest.mark.corpus
def test_exchange_sender_resolved_to_smtp(real_corpus: Path) -> None:
    raw = _raw(real_corpus, "msgreader__A_schedule.msg")
    assert _header(raw, "From") == '"UnoKenji" <ku@digitaldolphins.onmicrosoft.com>'


@pytest.mark.corpus
def test_recipient_without_address_is_kept(real_corpus: Path) -> None:
    message = _read(real_corpus, "poi__no_recipient_address.msg")
    assert len(message.to) == 1
    assert message.to[0].addr_spec == "New Outlook User"


@pytest.mark.corpus
def test_attachment_filenames_and_types(real_corpus: Path) -> None:
    raw = _raw(real_corpus, "msgreader__attachmentFiles.msg")
    assert [(p.filename, p.declared_type) for p in raw.parts] == [
        ("jpg.jpg", "image/jpeg"),
        ("png.png", "image/png"),
        ("tif.tif", "image/tiff"),
    ]
    message = _read(real_corpus, "poi__attachment_test_msg.msg")
    names = [a.filename for a in message.attachments]
    assert names == ["test-unicode.doc", "pj1.txt"]
    assert message.attachments[1].text.strip()


@pytest.mark.corpus
def test_inline_image_marked_inline(real_corpus: Path) -> None:
    raw = _raw(real_corpus, "msgreader__attachAndInline.msg")
    assert [(p.filename, p.inline) for p in raw.parts] == [
        ("attach.png", False),
        ("image001.png", True),
    ]


@pytest.mark.corpus
def test_embedded_messages_nest(real_corpus: Path) -> None:
    raw = _raw(real_corpus, "msgreader__msgInMsgInMsg.msg")
    assert [(p.filename, p.declared_type) for p in raw.parts] == [
        ("I have attachments!.msg", MSG_TYPE),
        ("blue.png", "image/png"),
    ]
    message = _read(real_corpus, "msgreader__msgInMsgInMsg.msg")
    (inner,) = message.attachments[0].messages
    assert inner.subject == "I have attachments!"
    assert [a.filename for a in inner.attachments] == [
        "Microsoft Outlook テスト メッセージ.msg",
        "green.png",
    ]
    (innermost,) = inner.attachments[0].messages
    assert innermost.subject == "Microsoft Outlook テスト メッセージ"
    assert [m.subject for m in message.nested_messages()] == ["I have attachments!"]


@pytest.mark.corpus
def test_appointment_becomes_calendar_item(real_corpus: Path) -> None:
    message = _read(real_corpus, "poi__msgClassAppointment.msg")
    (item,) = message.calendar
    assert item.summary == "Quick brown fox"
    assert item.location == "under lazy dog"
    assert item.start == dt.datetime(2017, 2, 28, 18, 30, tzinfo=dt.UTC)
    assert item.end == dt.datetime(2017, 2, 28, 19, 0, tzinfo=dt.UTC)
    assert item.organizer is not None
    assert item.organizer.addr_spec == "tallison@mitre.org"
    assert "jumping" in item.description
    assert not item.is_private


@pytest.mark.corpus
def test_recurring_appointment_exceptions_are_inline_items(real_corpus: Path) -> None:
    raw = _raw(real_corpus, "msgreader__Friday_Lunch.msg")
    assert len(raw.calendar_parts) == 1
    assert [(p.declared_type, p.inline) for p in raw.parts] == [(MSG_TYPE, True)] * 2


@pytest.mark.corpus
def test_contact_fields_as_text(real_corpus: Path) -> None:
    message = _read(real_corpus, "poi__msgClassContact.msg")
    assert "Email: quickbrown@gmail.com" in message.body.text
    assert "Mobile: (456) 789-0123" in message.body.text
    assert "quick brown fox" in message.body.text


@pytest.mark.corpus
def test_task_text(real_corpus: Path) -> None:
    message = _read(real_corpus, "poi__msgClassTask.msg")
    assert message.subject == "Must jump over the lazy dog"
    assert "Quick brown fox must do what he must" in message.body.text
    assert "Status: In Progress" in message.body.text


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "subject"),
    [
        ("msgreader__nonUnicodeCP932.msg", "日本語 Non Unicode タイトル"),
        ("poi__ASCII_CP1251_LCID1049.msg", "Subject автоматически Subject"),
        ("poi__chinese-traditional.msg", "Alfresco MSG format testing ( MSG 格式測試 )"),
        (
            "poi__cyrillic_message.msg",
            'Автоматический ответ подсистемы обмена данными ФГУП "Почта России".',
        ),
    ],
)
def test_ansi_files_decoded_in_their_code_page(real_corpus: Path, name: str, subject: str) -> None:
    assert _header(_raw(real_corpus, name), "Subject") == subject


@pytest.mark.corpus
def test_rtf_only_body_is_deencapsulated(real_corpus: Path) -> None:
    raw = _raw(real_corpus, "msgreader__Outer_mail.msg")
    assert raw.text_plain is not None or raw.text_html is not None
    message = _read(real_corpus, "msgreader__Hello_+CJK.msg")
    assert "こんにちは" in message.body.text


@pytest.mark.corpus
def test_fuzzed_ole_read_in_repair_mode(real_corpus: Path) -> None:
    fuzzed = "poi__clusterfuzz-testcase-minimized-POIHSMFFuzzer-5336473854148608.msg"
    raw = _raw(real_corpus, fuzzed)
    assert any("repair mode" in d for d in raw.defects)
    assert _header(raw, "Subject") == "This is a test message please ignore"
    assert raw.parts[0].declared_type == "application/octet-stream"  # its MIME tag was garbage


@pytest.mark.corpus
def test_signed_message_keeps_signature_part(real_corpus: Path) -> None:
    raw = _raw(real_corpus, "poi__logsat.com_signatures_valid.msg")
    assert [p.filename for p in raw.parts] == ["smime.p7s"]


# --- damaged input -------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("cut", [0, 8, 512, 1536, 4096])
def test_truncated_msg_is_input_error(real_corpus: Path, cut: int) -> None:
    data = (real_corpus / "msg" / "poi__outlook_30_msg.msg").read_bytes()[:cut]
    start = time.monotonic()
    with pytest.raises(InputError, match=r"unreadable Outlook \.msg"):
        msg_to_raw(data)
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("size", [0, 1, 7, 100, 512, 4096, 65536])
def test_random_bytes_are_input_error(size: int) -> None:
    rng = random.Random(size)
    body = bytes(rng.getrandbits(8) for _ in range(size))
    for data in (body, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body):
        start = time.monotonic()
        with pytest.raises(InputError):
            msg_to_raw(data)
        assert time.monotonic() - start < 2


@pytest.mark.corpus
def test_file_over_the_size_limit_is_refused_clearly(real_corpus: Path) -> None:
    data = (real_corpus / "msg" / "poi__blank.msg").read_bytes()
    with pytest.raises(InputError, match="limit"):
        msg_to_raw(data, limits=Limits(max_message_bytes=len(data) - 1))


def test_short_bytes_are_never_taken_for_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "x"
    real.write_bytes(b"not an ole file")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"unreadable Outlook \.msg"):
        msg_to_raw(b"x")


# --- the shared MAPI helpers ---------------------------------------------------------------


def test_party_prefers_smtp_and_quotes_display_names() -> None:
    party = Party.from_mapi("Doe, Jane", "jane@example.org", "/o=Org/cn=jane", "EX")
    assert party == Party("Doe, Jane", "jane@example.org")
    assert party.header_value() == '"Doe, Jane" <jane@example.org>'
    dn_only = Party.from_mapi("Jane", "", "/o=Org/ou=Exchange (X)/cn=jane", "EX")
    assert dn_only is not None
    assert dn_only.header_value() == '"Jane" <"/o=Org/ou=Exchange (X)/cn=jane">'
    assert Party.from_mapi("Unknown", "", "Unknown", "UNKNOWN") is None
    assert Party("'a@b.org'", "").header_value() == "a@b.org"


@pytest.mark.parametrize(
    ("value", "label"), [(0, None), (1, "Personal"), (2, "Private"), (3, "Company-Confidential")]
)
def test_sensitivity_header_from_property(value: int, label: str | None) -> None:
    headers = dict(
        headers_from_properties(
            sender=None, representing=None, recipients=[], subject="s", sensitivity=value
        )
    )
    assert headers.get("Sensitivity") == label


def test_stored_sensitivity_header_wins() -> None:
    block = ((("Sensitivity", "Personal"), ("From", "a@b.org")), (("From", "a@b.org"),))
    extra = headers_from_properties(
        sender=None,
        representing=Party("X", "x@y.org"),
        recipients=[(Party("", "c@d.org"), 3)],
        subject="",
        sensitivity=3,
    )
    headers, addresses = merge_headers(block, extra)
    assert [v for k, v in headers if k == "Sensitivity"] == ["Personal"]
    assert [k for k, _ in headers] == ["Sensitivity", "From", "Bcc"]
    assert addresses == (("From", "a@b.org"), ("Bcc", "c@d.org"))


def test_sender_on_behalf_becomes_sender_header() -> None:
    headers = headers_from_properties(
        sender=Party("PA", "pa@council.gov.uk"),
        representing=Party("Boss", "boss@council.gov.uk"),
        recipients=[(Party("A", "a@x.org"), 1), (Party("B", "b@x.org"), 2)],
        subject="Hi",
        date=dt.datetime(2024, 1, 2, 3, 4, 5),
        message_class="IPM.Note.Rules.OofTemplate.Microsoft",
    )
    assert headers == (
        ("From", '"Boss" <boss@council.gov.uk>'),
        ("Sender", '"PA" <pa@council.gov.uk>'),
        ("To", '"A" <a@x.org>'),
        ("Cc", '"B" <b@x.org>'),
        ("Subject", "Hi"),
        ("Date", "Tue, 02 Jan 2024 03:04:05 +0000"),
        ("Auto-Submitted", "auto-replied"),
    )


def test_header_block_decoded_with_raw_addresses() -> None:
    text = (
        "Microsoft Mail Internet Headers Version 2.0\r\n"
        "From: =?utf-8?q?Doe=2C_Jane?= <jane@example.org>\r\n"
        "Subject: =?utf-8?b?w4lsw6h2ZQ==?=\r\n long\r\n\r\n"
    )
    headers, addresses = decode_header_block(text, 100)
    assert headers == (("From", "Doe, Jane <jane@example.org>"), ("Subject", "Élève long"))
    assert addresses == (("From", "=?utf-8?q?Doe=2C_Jane?= <jane@example.org>"),)


@pytest.mark.parametrize(
    ("locale", "cpid", "codec"),
    [
        (1041, None, "cp932"),
        (1049, None, "cp1251"),
        (1028, None, "cp950"),
        (2052, None, "gbk"),
        (None, 50220, "cp932"),
        (None, 20127, "cp1252"),
        (None, None, "cp1252"),
    ],
)
def test_ansi_codec_from_locale(locale: int | None, cpid: int | None, codec: str) -> None:
    assert ansi_codec(unicode=False, codepage=None, locale_id=locale, internet_cpid=cpid) == codec
    assert ansi_codec(unicode=True, codepage=None, locale_id=locale, internet_cpid=cpid) is None
    assert ansi_codec(unicode=False, codepage=1252, locale_id=locale, internet_cpid=cpid) is None


def test_private_appointment_is_private_calendar_item() -> None:
    ics = appointment_ics(
        Appointment(
            summary="Case conference",
            start=dt.datetime(2024, 5, 1, 9, 0),
            end=dt.datetime(2024, 5, 1, 10, 0),
            location="Room 2",
            organizer=Party("Org, A", "org@council.gov.uk"),
            attendees=((Party("B", "b@council.gov.uk"), 1), (Party("C", "c@nhs.net"), 2)),
            sensitivity=2,
            description="Notes",
            uid="ABC",
            method="REQUEST",
        )
    )
    (item,) = parse_calendar(ics)
    assert item.is_private
    assert item.summary == "Case conference"
    assert item.start == dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)
    assert item.organizer is not None
    assert item.organizer.addr_spec == "org@council.gov.uk"
    assert [a.addr_spec for a in item.attendees] == ["b@council.gov.uk", "c@nhs.net"]
    assert item.method == "REQUEST"


def test_no_date_sentinel_is_dropped() -> None:
    ics = appointment_ics(Appointment(summary="x", start=dt.datetime(4501, 1, 1)))
    (item,) = parse_calendar(ics)
    assert item.start is None


def test_one_off_members_unicode_and_ansi() -> None:
    uid = bytes.fromhex("812B1FA4BEA310199D6E00DD010F5402")
    wide = (
        b"\x00" * 4 + uid + b"\x00\x00\x00\x80" + "Ann\x00SMTP\x00ann@x.org\x00".encode("utf-16-le")
    )
    narrow = b"\x00" * 4 + uid + b"\x00\x00\x00\x00" + b"Bob\x00SMTP\x00bob@y.org\x00"
    assert one_off_parties([wide, narrow, b"junk"]) == [
        Party("Ann", "ann@x.org"),
        Party("Bob", "bob@y.org"),
    ]


def test_field_lines_skip_empty_values() -> None:
    text = field_lines(
        {
            "-a-": {"Name": "X", "Empty": None, "List": []},
            "When": dt.date(2024, 1, 2),
            "Multi": "a\r\nb",
        }
    )
    assert text == "Name: X\nWhen: 2024-01-02\nMulti: a\nb\n"

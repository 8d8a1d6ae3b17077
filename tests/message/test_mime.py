"""MIME messages: headers, addresses, markings, bodies and hostile shapes, on synthetic bytes."""

from __future__ import annotations

import time

import pytest

from mailwarden.errors import InputError
from mailwarden.message import Limits, SectionKind
from mailwarden.message.reader import parse_message_bytes


def parse(data: bytes, **limits: int):  # type: ignore[no-untyped-def]
    return parse_message_bytes(data, limits=Limits(**limits) if limits else None)


BASIC = (
    b"From: =?utf-8?q?Natarajan=2C_Priya?= <Priya.Natarajan@Mail.Norfolk.gov.uk>\r\n"
    b"To: Tomasz <t.k@example.org>, b@xn--bcher-kva.example\r\n"
    b"Cc: Duty Team <duty@norfolk.gov.uk>\r\n"
    b"Bcc: hidden@example.net\r\n"
    b"Subject: =?iso-8859-1?q?Caf=E9?=\r\n =?utf-8?b?IHLDqXN1bcOp?=\r\n"
    b"Date: Mon, 05 Jan 2026 16:52:00 +0000\r\n"
    b"Message-ID: <m1@norfolk.gov.uk>\r\n"
    b"In-Reply-To: <m0@example.org>\r\n"
    b"References: <a@x> <m0@example.org>\r\n"
    b"\r\n"
    b"Hello\r\n"
)


def test_headers_addresses_and_thread() -> None:
    m = parse(BASIC)
    assert m.subject == "Café résumé"
    assert m.from_[0].display_name == "Natarajan, Priya"
    assert m.from_[0].domain == "mail.norfolk.gov.uk"
    assert m.from_[0].registrable_domain == "norfolk.gov.uk"
    assert m.from_[0].local_part == "Priya.Natarajan"
    assert [a.addr_spec for a in m.to] == ["t.k@example.org", "b@bücher.example"]
    assert [a.addr_spec for a in m.bcc] == ["hidden@example.net"]
    assert m.envelope.from_headers
    assert [a.addr_spec for a in m.envelope.recipients][-1] == "hidden@example.net"
    assert [a.addr_spec for a in m.recipients] == [
        "t.k@example.org",
        "b@bücher.example",
        "duty@norfolk.gov.uk",
        "hidden@example.net",
    ]
    assert m.date is not None and m.date.year == 2026 and m.date.utcoffset() is not None
    assert m.message_id == "<m1@norfolk.gov.uk>"
    assert m.references == ("<a@x>", "<m0@example.org>")


def test_resent_recipients_of_a_redirect_are_read() -> None:
    message = parse_message_bytes(
        b"From: a@norfolk.gov.uk\nTo: b@norfolk.gov.uk\nResent-From: b@norfolk.gov.uk\n"
        b"Resent-To: Ext <x@example.com>\nResent-Cc: y@example.org\nSubject: s\n\nbody\n"
    )
    assert [a.addr_spec for a in message.resent_to] == ["x@example.com", "y@example.org"]
    assert message.auto.is_auto_forward


def test_raw_utf8_headers_and_unknown_charset_do_not_raise() -> None:
    data = (
        "From: Jöhn Doe <jd@example.com>\r\nSubject: Säying =?x-bogus?q?hi?=\r\n\r\nbody\r\n"
    ).encode()
    m = parse(data)
    assert m.from_[0].display_name == "Jöhn Doe"
    assert m.subject.startswith("Säying")


def test_lying_charset_label_is_corrected_by_the_bytes() -> None:
    data = (
        "From: a@example.com\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nZoë Brontë\r\n"
    ).encode()
    assert "Zoë Brontë" in parse(data).body.text


@pytest.mark.parametrize(
    ("headers", "reply", "forward"),
    [
        (b"Auto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\n", True, False),
        (b"X-MS-Exchange-Inbox-Rules-Loop: staff@norfolk.gov.uk\r\n", False, True),
        (b"Resent-From: staff@norfolk.gov.uk\r\nResent-To: x@example.com\r\n", False, True),
        (b"Auto-Submitted: auto-forwarded\r\n", False, True),
        (b"Auto-Submitted: no\r\n", False, False),
    ],
)
def test_auto_indicators(headers: bytes, reply: bool, forward: bool) -> None:
    m = parse(b"From: a@example.com\r\n" + headers + b"\r\nbody\r\n")
    assert m.auto.is_auto_reply is reply
    assert m.auto.is_auto_forward is forward


def test_sensitivity_and_protective_markings() -> None:
    m = parse(
        b"From: a@norfolk.gov.uk\r\nSensitivity: Private\r\n"
        b"Subject: [OFFICIAL-SENSITIVE] case notes\r\n"
        b"msip_labels: MSIP_Label_1_Name=OFFICIAL SENSITIVE PERSONAL\r\n\r\nx\r\n"
    )
    assert m.is_private
    assert "OFFICIAL-SENSITIVE" in m.markings
    assert "OFFICIAL-SENSITIVE-PERSONAL" in m.markings
    assert not parse(b"From: a@b.c\r\nSubject: Official visit\r\n\r\nx\r\n").markings


def test_html_only_body_is_rendered_and_kept() -> None:
    data = (
        b"From: a@example.com\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><body><p>Dear <b>Sam</b></p><p>See you</p><style>p{}</style></body></html>"
    )
    m = parse(data)
    assert m.body.text == "Dear Sam\nSee you"
    assert m.body.html is not None and "<b>Sam</b>" in m.body.html


def test_alternative_prefers_plain_and_keeps_html() -> None:
    data = (
        b"From: a@example.com\r\nContent-Type: multipart/alternative; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain\r\n\r\nplain words\r\n"
        b"--XX\r\nContent-Type: text/html\r\n\r\n<p>html words</p>\r\n--XX--\r\n"
    )
    m = parse(data)
    assert m.body.text.strip() == "plain words"
    assert m.body.html is not None and "html words" in m.body.html


def test_body_sections_split_reply_and_signature() -> None:
    text = (
        b"Hi Sam,\r\n\r\nThe notes are attached.\r\n\r\nKind regards,\r\nAlex Officer\r\n"
        b"01632 960123\r\n\r\nOn Mon, 5 Jan 2026 at 09:00, Sam <s@example.org> wrote:\r\n"
        b"> Please send the notes\r\n"
    )
    m = parse(b"From: alex@norfolk.gov.uk\r\n\r\n" + text)
    kinds = [s.kind for s in m.body.sections]
    assert kinds == [SectionKind.NEW, SectionKind.SIGNATURE, SectionKind.QUOTED]
    assert "notes are attached" in m.body.new_text
    assert "Alex Officer" in m.body.signature
    assert "Please send" in m.body.history


def test_forwarded_section() -> None:
    m = parse(
        b"From: a@norfolk.gov.uk\r\n\r\nFYI\r\n\r\n---------- Forwarded message ---------\r\n"
        b"From: x@example.org\r\n\r\nold\r\n"
    )
    assert m.body.sections[-1].kind is SectionKind.FORWARDED
    assert m.body.new_text.strip() == "FYI"


def test_attachment_is_listed_in_document_order() -> None:
    data = (
        b"From: a@example.com\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
        b"--B\r\nContent-Type: text/csv; name=one.csv\r\n"
        b"Content-Disposition: attachment; filename=one.csv\r\n\r\na,b\r\n1,2\r\n"
        b"--B\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename*=utf-8''d%C3%A9j%C3%A0.bin\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!notbase64###\r\n--B--\r\n"
    )
    m = parse(data)
    assert [a.filename for a in m.attachments] == ["one.csv", "déjà.bin"]
    assert "1,2" in m.attachments[0].text or "1" in m.attachments[0].text


def test_missing_final_boundary_keeps_the_text() -> None:
    data = (
        b"From: a@example.com\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nstill here\r\n"
    )
    m = parse(data)
    assert "still here" in m.body.text
    assert m.defects


@pytest.mark.parametrize("data", [b"", b"   \r\n", b"\x00\x01\x02 binary garbage", b"just words"])
def test_unreadable_input_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError):
        parse(data)


def test_hundred_thousand_headers_are_bounded() -> None:
    data = b"From: a@example.com\r\n" + b"X-Filler: y\r\n" * 100_000 + b"\r\nbody\r\n"
    started = time.monotonic()
    m = parse(data, max_headers=1000)
    assert len(m.headers) == 1000
    assert any(u.reason == "over-limit" for u in m.uninspected)
    assert time.monotonic() - started < 30


def test_ten_thousand_deep_nesting_is_bounded() -> None:
    depth = 10_000
    head = b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i)
        for i in range(depth)
    )
    data = b"From: a@example.com\r\n" + head + b"Content-Type: text/plain\r\n\r\ndeep\r\n"
    started = time.monotonic()
    m = parse(data)
    assert time.monotonic() - started < 60
    assert m.from_[0].addr_spec == "a@example.com"
    assert m.uninspected or m.defects


def test_part_count_limit() -> None:
    parts = b"".join(b"--B\r\nContent-Type: text/plain\r\n\r\np%d\r\n" % i for i in range(300))
    data = b"From: a@example.com\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n" + parts
    m = parse(data + b"--B--\r\n", max_parts=50)
    assert any("MIME parts" in u.detail for u in m.uninspected)


def test_oversized_message_is_cut_and_marked() -> None:
    data = b"From: a@example.com\r\n\r\n" + b"x" * 5000
    m = parse(data, max_message_bytes=1000)
    assert m.size == len(data)
    assert any(u.reason == "over-limit" for u in m.uninspected)


def test_base64_encoded_attached_message_is_decoded() -> None:
    inner = b"From: inner@example.org\r\nSubject: inside\r\n\r\nhello\r\n"
    import base64

    data = (
        b"From: a@example.com\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nouter\r\n"
        b"--B\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(inner)
        + b"--B--\r\n"
    )
    (attachment,) = parse(data).attachments
    assert [m.subject for m in attachment.messages] == ["inside"]


def test_invitation_sent_twice_is_one_calendar_item() -> None:
    ics = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:Review\r\n"
        b"DTSTART:20260112T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    data = (
        b"From: a@example.com\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n" + ics + b"--B\r\n"
        b"Content-Type: text/calendar; name=invite.ics\r\n"
        b"Content-Disposition: attachment; filename=invite.ics\r\n\r\n" + ics + b"--B--\r\n"
    )
    m = parse(data)
    assert [c.summary for c in m.calendar] == ["Review"]
    assert m.attachments[0].calendar

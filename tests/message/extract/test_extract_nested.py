"""Mail inside attachments: attached messages, calendars and TNEF, read by the sibling readers."""

from __future__ import annotations

import importlib

import extract_fixtures as fx
import pytest
from extract_helpers import IN_PROCESS, WORKER, extract_one, reason

from mailwarden.message.limits import Limits


def _need(module: str, name: str) -> None:
    try:
        found = importlib.import_module(f"mailwarden.message.{module}")
    except ImportError:
        pytest.skip(f"mailwarden.message.{module} is not there yet")
    if not hasattr(found, name):
        pytest.skip(f"mailwarden.message.{module}.{name} is not there yet")


@pytest.mark.parametrize("limits", [WORKER, IN_PROCESS], ids=["worker", "in-process"])
def test_attached_eml_becomes_a_nested_message(limits: Limits) -> None:
    _need("reader", "parse_nested")
    attachment = extract_one(fx.eml_bytes(), "forward.eml", "message/rfc822", limits=limits)
    assert attachment.sniffed_type == "message/rfc822"
    assert attachment.uninspected is None, attachment.uninspected
    (message,) = attachment.messages
    assert message.subject == "Forwarded referral"
    assert fx.NAME in message.body.text


def test_eml_inside_a_zip_is_parsed_too() -> None:
    _need("reader", "parse_nested")
    data = fx.zip_of({"mail/forward.eml": fx.eml_bytes()})
    (member,) = extract_one(data, "mail.zip").members
    assert member.path == "mail/forward.eml"
    assert member.messages[0].subject == "Forwarded referral"


def test_unreadable_attached_message_is_corrupt() -> None:
    _need("reader", "parse_nested")
    attachment = extract_one(bytes(range(256)) * 4, "forward.eml", "message/rfc822")
    assert reason(attachment) == "corrupt"


def _wrap(inner: bytes, subject: str) -> bytes:
    from email.message import EmailMessage
    from email.parser import BytesParser
    from email.policy import default

    outer = EmailMessage()
    outer["From"] = "sam@example.gov.uk"
    outer["To"] = "alex@example.org"
    outer["Subject"] = subject
    outer.set_content("see attached")
    outer.add_attachment(BytesParser(policy=default).parsebytes(inner), filename="fwd.eml")
    return outer.as_bytes()


def test_message_nesting_respects_max_depth() -> None:
    _need("reader", "parse_nested")
    data = _wrap(_wrap(fx.eml_bytes(), "middle"), "outer")
    limits = Limits(max_seconds=20, max_depth=1)
    attachment = extract_one(data, "outer.eml", "message/rfc822", limits=limits)
    (outer,) = attachment.messages
    assert outer.subject == "outer"
    (middle_part,) = outer.attachments
    assert reason(middle_part) == "over-limit"
    assert not middle_part.messages


def test_ics_attachment_fills_calendar() -> None:
    _need("ics", "parse_calendar")
    attachment = extract_one(fx.ics_bytes(), "invite.ics", "text/calendar")
    assert attachment.sniffed_type == "text/calendar"
    (item,) = attachment.calendar
    assert item.summary == f"Home visit {fx.NAME}"
    assert item.is_private


def test_broken_ics_is_corrupt() -> None:
    _need("ics", "parse_calendar")
    attachment = extract_one(b"BEGIN:VCALENDAR\r\nnothing here", "bad.ics", "text/calendar")
    assert reason(attachment) in ("corrupt", None)


def test_tnef_body_and_members() -> None:
    _need("tnef", "unpack_tnef")
    attachment = extract_one(fx.tnef_bytes(), "winmail.dat", "application/ms-tnef")
    assert attachment.sniffed_type == "application/vnd.ms-tnef"
    assert attachment.uninspected is None, attachment.uninspected
    assert f"Body text about {fx.NAME}" in attachment.text
    (member,) = attachment.members
    assert member.path == "visit.txt"
    assert member.text == f"Visit for {fx.NAME}"


def test_missing_reader_is_unsupported_not_an_error() -> None:
    from mailwarden.message.extract.nested import _reader
    from mailwarden.message.extract.outcome import Unreadable

    with pytest.raises(Unreadable) as caught:
        _reader("no_such_reader", "parse")
    assert caught.value.reason.value == "unsupported"

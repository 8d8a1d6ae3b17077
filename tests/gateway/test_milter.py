"""The milter's translation and per-message state, without an MTA (see postfix/ for one)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mailwarden.errors import ConfigError
from mailwarden.gateway import milter as milter_module
from mailwarden.gateway.decision import Decision, GatewayOptions
from mailwarden.gateway.milter import (
    MAX_REPLY,
    STOPPING,
    MilterConfig,
    MilterServer,
    Session,
    smtp_text,
    translate,
)
from mailwarden.message.limits import Limits
from mailwarden.policy.loader import load_pack
from mailwarden.settings import load_settings

FIXTURES = Path(__file__).parents[1] / "rules" / "fixtures"
BLOCK = FIXTURES / "personal-data-in-subject" / "fires-name-and-nhs-number.eml"
ENCRYPT = (
    FIXTURES / "personal-data-to-external-recipient" / "fires-norfolk-referral-to-provider.eml"
)
ALLOW = FIXTURES / "missing-signature" / "passes-norfolk-signed-reply.eml"


@pytest.fixture(scope="module")
def server() -> MilterServer:
    return MilterServer(load_pack("norfolk"), GatewayOptions(), MilterConfig(workers=2))


def feed(session: Session, path: Path, mail_from: str, recipients: list[str]) -> Any:
    """What an MTA tells the milter about one message: envelope, header fields, body."""
    session.connect("127.0.0.1")  # an internal network: mail from an internal sender is sent
    assert session.mail_from(mail_from, "", "Q1") is None
    for recipient in recipients:
        session.rcpt(f"<{recipient}>")
    head, _, body = path.read_bytes().replace(b"\r\n", b"\n").partition(b"\n\n")
    fields: list[list[bytes]] = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1][1] += b"\n" + line
        else:
            name, _, value = line.partition(b":")
            fields.append([name, value.lstrip(b" ")])
    for name, value in fields:
        session.header(name, value)
    session.body(body.replace(b"\n", b"\r\n"))
    return session.end("Q1")


def test_reply_text_is_one_ascii_line_within_the_smtp_limit() -> None:
    text = smtp_text("Council’s policy — NCC-E8:\r\n“name” 100% " + "x" * 900 + " Fix: do it.")
    assert text.isascii() and "\n" not in text and "\r" not in text
    assert len(text) <= MAX_REPLY and text.endswith("Fix: do it.")
    assert "100%% " in text  # libmilter drops a reply with a single %
    assert text.startswith('Council\'s policy - NCC-E8: "name"')


def test_block_becomes_550_with_the_clause_and_no_personal_data(server: MilterServer) -> None:
    reply = feed(Session(server), BLOCK, "a.officer@norfolk.gov.uk", ["duty.team@norfolk.gov.uk"])
    assert (reply.action, reply.code, reply.xcode) == ("reject", "550", "5.7.1")
    assert "NCC-E8" in reply.text and "Fix:" in reply.text and "Kowalczyk" not in reply.text


def test_each_message_on_a_connection_starts_clean(server: MilterServer) -> None:
    session = Session(server)
    session.connect("127.0.0.1")
    first = feed(session, BLOCK, "a.officer@norfolk.gov.uk", ["duty.team@norfolk.gov.uk"])
    second = feed(session, ALLOW, "alex.officer@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"])
    third = feed(session, ENCRYPT, "a.officer@norfolk.gov.uk", ["intake@care-provider.example"])
    assert first.action == "reject"
    assert second.action == "accept" and ("X-Mailwarden-Verdict", "allow") in second.add_headers
    assert ("X-Mailwarden-Encrypt", "ome") in third.add_headers
    (change,) = third.change_headers
    assert change[:2] == ("Subject", 1) and change[2].startswith("[encrypt] Referral")
    assert server.in_flight == 0


def test_hold_quarantines_with_the_reason_in_a_header() -> None:
    decision = Decision(
        "hold", reason="bulk-personal-data=TWC-A4", headers=(("X-Mailwarden-Quarantine", "b=T"),)
    )
    reply = translate(decision, None, ())
    assert reply.action == "accept" and reply.quarantine == "bulk-personal-data=TWC-A4"
    assert ("X-Mailwarden-Quarantine", "b=T") in reply.add_headers


def test_gateway_headers_arriving_with_the_mail_are_removed_last_first() -> None:
    own = (("X-Mailwarden-Verdict", 1), ("X-Mailwarden-Verdict", 2))
    reply = translate(Decision("accept", headers=()), None, own)
    assert reply.change_headers == (
        ("X-Mailwarden-Verdict", 2, ""),
        ("X-Mailwarden-Verdict", 1, ""),
    )


def test_subject_tag_is_added_once_and_to_a_mail_without_subject() -> None:
    decision = Decision("accept", subject_tag="[encrypt]")
    assert translate(decision, (1, b"[encrypt] Referral"), ()).change_headers == ()
    assert ("Subject", "[encrypt]") in translate(decision, None, ()).add_headers


def test_long_findings_header_is_folded() -> None:
    findings = ", ".join(f"rule-number-{i}=NCC-E{i}" for i in range(12))
    reply = translate(Decision("accept", headers=(("X-Mailwarden-Findings", findings),)), None, ())
    value = dict(reply.add_headers)["X-Mailwarden-Findings"]
    assert all(len(line) <= 80 for line in value.split("\n"))
    assert value.replace(",\n\t", ", ") == findings


def test_tempfail_is_451() -> None:
    reply = translate(Decision("tempfail", reply="4.7.1 policy check failed"), None, ())
    assert (reply.action, reply.code, reply.xcode) == ("tempfail", "451", "4.7.1")


def test_message_without_any_header_is_held_as_unreadable(server: MilterServer) -> None:
    session = Session(server)
    session.mail_from("a.officer@norfolk.gov.uk", "", "Q2")
    session.rcpt("x@example.com")
    session.body(b"\x00\x01 no header block at all\r\n")
    reply = session.end("Q2")
    assert reply.action == "accept" and reply.quarantine.startswith("unreadable message")


def test_over_the_size_limit_is_held_and_never_judged() -> None:
    options = GatewayOptions(limits=Limits(max_message_bytes=1000))
    small = MilterServer(load_pack("norfolk"), options, MilterConfig(workers=1))
    session = Session(small)
    session.mail_from("a@norfolk.gov.uk", "", "Q3")
    session.header(b"Subject", b"big")
    for _ in range(10):
        session.body(b"x" * 500)
    reply = session.end("Q3")
    assert "size limit" in reply.quarantine and "not inspected" in reply.quarantine


def test_a_slow_or_failing_decision_tempfails(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = MilterServer(load_pack("norfolk"), GatewayOptions(), MilterConfig(timeout=0.2))

    def sleepy(*_: Any, **__: Any) -> Decision:
        time.sleep(1.0)
        return Decision("accept")

    monkeypatch.setattr(milter_module, "decide", sleepy)
    reply = feed(Session(slow), ALLOW, "alex.officer@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"])
    assert (reply.action, reply.code) == ("tempfail", "451")

    def broken(*_: Any, **__: Any) -> Decision:
        raise RuntimeError("engine fault")

    monkeypatch.setattr(milter_module, "decide", broken)
    reply = feed(Session(slow), ALLOW, "alex.officer@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"])
    assert reply.action == "tempfail"


def test_on_error_hold_holds_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    holding = MilterServer(
        load_pack("norfolk"), GatewayOptions(on_error="hold"), MilterConfig(timeout=5)
    )

    def broken(*_: Any, **__: Any) -> Decision:
        raise RuntimeError("engine fault")

    monkeypatch.setattr(milter_module, "decide", broken)
    reply = feed(Session(holding), ALLOW, "alex.officer@norfolk.gov.uk", ["s@norfolk.gov.uk"])
    assert reply.action == "accept" and "policy check failed" in reply.quarantine


def test_drain_waits_for_messages_in_progress_and_refuses_new_ones() -> None:
    draining = MilterServer(load_pack("norfolk"), GatewayOptions(), MilterConfig(drain_seconds=5))
    busy = Session(draining)
    busy.mail_from("a@norfolk.gov.uk", "", "Q4")
    threading.Timer(0.3, busy.abort).start()
    started = time.monotonic()
    assert draining.drain() == 0
    assert 0.25 < time.monotonic() - started < 4
    assert Session(draining).mail_from("b@norfolk.gov.uk", "", "Q5") is STOPPING


def test_milter_settings_are_checked_on_load() -> None:
    settings = load_settings(
        environ={
            "MAILWARDEN_MILTER": "{socket: 'inet:127.0.0.1:8891', timeout: 20, on_error: hold}",
            "MAILWARDEN_INTERNAL_NETWORKS": "10.0.0.0/8, 192.168.0.0/16",
        }
    )
    assert settings.milter["timeout"] == 20 and settings.milter["on_error"] == "hold"
    assert settings.internal_networks == ("10.0.0.0/8", "192.168.0.0/16")
    for bad in ("{on_error: drop}", "{socket_path: x}", "{timeout: -1}"):
        with pytest.raises(ConfigError, match="milter"):
            load_settings(environ={"MAILWARDEN_MILTER": bad})
    with pytest.raises(ConfigError, match="not a network"):
        load_settings(environ={"MAILWARDEN_INTERNAL_NETWORKS": "10.0.0.300/8"})


def test_listen_addresses_in_libmilter_spelling() -> None:
    lib = pytest.importorskip("mailwarden.gateway._milter_lib", reason="pymilter not installed")
    assert lib.libmilter_spec("unix:/run/m.sock") == "unix:/run/m.sock"
    assert lib.libmilter_spec("inet:127.0.0.1:8891") == "inet:8891@127.0.0.1"
    assert lib.libmilter_spec("inet6:[::1]:8891") == "inet6:8891@::1"
    with pytest.raises(ValueError, match="listen must be"):
        lib.libmilter_spec("tcp:8891")

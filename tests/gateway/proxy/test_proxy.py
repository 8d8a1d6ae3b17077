"""The SMTP proxy in-process: translation, message edits, identity, limits, faults, stopping.

The proxy runs on its own event loop in a thread and relays to an aiosmtpd sink in this
process; clients are `smtplib`. The end-to-end behaviour behind a real Postfix is in
test_proxy_postfix.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import smtplib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from mailwarden.gateway import proxy as proxy_module
from mailwarden.gateway._proxy_mime import bounce_message, rewrite
from mailwarden.gateway._proxy_smtp import (
    ProxySession,
    login_from_received,
    xtext_decode,
)
from mailwarden.gateway.decision import Decision, GatewayEnvelope, GatewayOptions
from mailwarden.gateway.proxy import (
    ProxyConfig,
    ProxyError,
    ProxyServer,
    parse_hostport,
    translate,
)
from mailwarden.policy.loader import load_pack

from ..postfix._postfix import free_port, wait_until

FIXTURES = Path(__file__).parents[2] / "rules" / "fixtures"
BLOCK = (FIXTURES / "personal-data-in-subject" / "fires-name-and-nhs-number.eml").read_bytes()
ENCRYPT = (
    FIXTURES / "personal-data-to-external-recipient" / "fires-norfolk-referral-to-provider.eml"
).read_bytes()
ALLOW = (FIXTURES / "missing-signature" / "passes-norfolk-signed-reply.eml").read_bytes()
SENDER = "a.officer@norfolk.gov.uk"


# -- pure parts --------------------------------------------------------------------------


def test_rewrite_replaces_own_headers_adds_ours_on_top_and_tags_the_subject_once() -> None:
    raw = (
        b"From: a@x.org\r\nX-Mailwarden-Verdict: allow\r\nSubject: Referral\r\n"
        b" continued\r\nX-Mailwarden-Quarantine: approved\r\n\r\nBody line\r\n.dot\r\n"
    )
    out = rewrite(raw, (("X-Mailwarden-Verdict", "encrypt"), ("X-Route", "ome")), "[encrypt]")
    head, _, body = out.partition(b"\r\n\r\n")
    assert head.startswith(b"X-Mailwarden-Verdict: encrypt\r\nX-Route: ome\r\nFrom: a@x.org")
    assert head.count(b"X-Mailwarden-Verdict") == 1 and b"Quarantine" not in head
    assert b"Subject: [encrypt] Referral\r\n continued" in head
    assert body == b"Body line\r\n.dot\r\n"
    again = rewrite(out, (), "[encrypt]")
    assert again.count(b"[encrypt]") == 1


def test_rewrite_adds_a_subject_when_there_is_none_and_copes_with_no_header_block() -> None:
    assert b"Subject: [secure]\r\n\r\nhello" in rewrite(
        b"From: a@x.org\r\n\r\nhello", (), "[secure]"
    )
    junk = rewrite(b"\x00\x01 junk", (("X-Mailwarden-Quarantine", "unreadable"),))
    assert junk.startswith(b"X-Mailwarden-Quarantine: unreadable\r\n")
    assert b"\x00\x01 junk" in junk


def test_long_header_values_are_folded_and_ascii() -> None:
    findings = ", ".join(f"rule-number-{i}=NCC-E{i}" for i in range(12))
    out = rewrite(b"Subject: s\r\n\r\nb", (("X-Mailwarden-Findings", findings),))
    head = out.partition(b"\r\n\r\n")[0]
    assert all(len(line) <= 100 for line in head.split(b"\r\n"))
    parsed = message_from_bytes(out)
    assert " ".join(str(parsed["X-Mailwarden-Findings"]).split()).replace(", ", ",") == (
        findings.replace(", ", ",")
    )


def test_translate_per_decision_and_mode() -> None:
    reject = Decision("reject", reply="5.7.1 Refused, NCC-E8: a name. Fix: take it out.")
    assert translate(reject, "before-queue").reply == (
        "550 5.7.1 Refused, NCC-E8: a name. Fix: take it out."
    )
    assert not translate(reject, "before-queue").bounce
    assert translate(reject, "after-queue").bounce
    tempfail = Decision("tempfail", reply="4.7.1 policy check failed; try again later")
    assert translate(tempfail, "before-queue").reply.startswith("451 4.7.1 ")
    hold = Decision("hold", headers=(("X-Mailwarden-Quarantine", "r"),), subject_tag="[x]")
    plan = translate(hold, "before-queue")
    assert plan.relay and plan.headers == (("X-Mailwarden-Quarantine", "r"),)
    assert plan.subject_tag == ""


def test_reply_is_one_ascii_line_within_the_smtp_limit() -> None:
    reply = "5.7.1 Refused – “quoted” " + "long words " * 80 + "Fix: do this."
    answer = translate(Decision("reject", reply=reply), "before-queue").reply
    assert answer.isascii() and "\n" not in answer and len(answer) <= 460
    assert answer.endswith("Fix: do this.")


def test_bounce_returns_the_header_block_not_the_content() -> None:
    dsn = bounce_message(
        reporting_host="gw.example",
        sender="a@x.org",
        recipients=("b@y.org",),
        reply="5.7.1 Refused under policy NCC-E8. Fix: remove the name.",
        original=b"Subject: hi\r\nX-Id: 7\r\n\r\nSecret body text\r\n",
        arrival=dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC),
    )
    parsed = message_from_bytes(dsn)
    assert parsed.get_content_type() == "multipart/report"
    assert parsed["To"] == "<a@x.org>" and parsed["Auto-Submitted"] == "auto-replied"
    text = dsn.decode()
    assert "Final-Recipient: rfc822; b@y.org" in text and "Status: 5.7.1" in text
    assert "X-Id: 7" in text and "Secret body text" not in text


def test_identity_is_believed_only_from_trusted_peers() -> None:
    loop = asyncio.new_event_loop()
    try:
        session = ProxySession(loop)
        session.peer = ("203.0.113.9", 4000)
        session.xforward = {"ADDR": "198.51.100.7"}
        session.auth_param = "someone@norfolk.gov.uk"
        assert session.identity(b"").client_address == "198.51.100.7"
        assert session.identity(b"").login == ""  # untrusted: no login believed
        session.trusted = True
        assert session.identity(b"").login == "someone@norfolk.gov.uk"
        session.xclient = {"LOGIN": "alice@norfolk.gov.uk", "ADDR": "IPV6:2001:db8::1"}
        who = session.identity(b"")
        assert (who.login, who.login_source) == ("alice@norfolk.gov.uk", "XCLIENT LOGIN")
        session.xclient, session.auth_param = {}, ""
        received = (
            b"Received: from pc (pc [198.51.100.7])\r\n\t(Authenticated sender: bob@n.gov.uk)\r\n"
            b"\tby gw (Postfix) with ESMTPSA;\r\nReceived: (Authenticated sender: forged)\r\n\r\n"
        )
        assert session.identity(received).login == "bob@n.gov.uk"
        session.xforward = {}
        assert session.identity(received).login == ""  # no Postfix in front: not believed
    finally:
        loop.close()


def test_login_from_received_reads_only_the_first_received_field() -> None:
    forged_below = (
        b"Received: by gw (Postfix);\r\nReceived: (Authenticated sender: mallory)\r\n\r\n"
    )
    assert login_from_received(forged_below) == ""
    assert login_from_received(b"Subject: x\r\n\r\nReceived: (Authenticated sender: a)") == ""
    assert xtext_decode("a+2Bb+3Dc") == "a+b=c"


def test_hostport_parsing() -> None:
    assert parse_hostport("127.0.0.1:10025", "--listen") == ("127.0.0.1", 10025)
    assert parse_hostport("[::1]:25", "--relay") == ("::1", 25)
    for bad in ("localhost", ":25", "host:0", "host:x"):
        with pytest.raises(ProxyError):
            parse_hostport(bad, "--listen")


# -- a running proxy ---------------------------------------------------------------------


class LongLines(SMTP):
    line_length_limit = 1 << 20  # as Postfix: long lines are passed on, not refused


class NextHopController(Controller):
    def factory(self) -> SMTP:
        return LongLines(self.handler, **self.SMTP_kwargs)


@dataclass
class NextHop:
    """An aiosmtpd sink standing in for the next hop; can refuse or be slow."""

    port: int
    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    delay: float = 0.0
    controller: Any = None

    def start(self) -> None:
        hop = self

        class Handler:
            async def handle_RCPT(  # noqa: N802
                self, server: Any, session: Any, envelope: Any, address: str, options: Any
            ) -> str:
                if address in hop.refuse:
                    return "550 5.1.1 no such user here"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                await asyncio.sleep(hop.delay)
                hop.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
                return "250 2.0.0 Ok: queued as NEXT1"

        self.controller = NextHopController(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@dataclass
class Running:
    server: ProxyServer
    hop: NextHop
    loop: asyncio.AbstractEventLoop
    port: int
    envelopes: list[GatewayEnvelope] = field(default_factory=list)

    def client(self) -> smtplib.SMTP:
        return smtplib.SMTP("127.0.0.1", self.port, timeout=30)


@pytest.fixture
def running(request: pytest.FixtureRequest) -> Iterator[Running]:
    overrides = getattr(request, "param", {})
    hop = NextHop(free_port())
    hop.start()
    config = ProxyConfig(
        listen=("127.0.0.1", 0), relay=("127.0.0.1", hop.port), hostname="proxy.test", **overrides
    )
    server = ProxyServer(load_pack("norfolk"), GatewayOptions(), config)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(server.start(), loop).result(timeout=60)
    state = Running(server, hop, loop, server.port)
    judge = server.judge

    async def recording(raw: bytes, envelope: GatewayEnvelope) -> Decision:
        state.envelopes.append(envelope)
        return await judge(raw, envelope)

    server.judge = recording  # type: ignore[method-assign]
    try:
        yield state
    finally:
        if not server.stopping:
            asyncio.run_coroutine_threadsafe(server.stop(), loop).result(timeout=60)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        hop.stop()


def test_several_messages_on_one_connection(running: Running) -> None:
    with running.client() as smtp:
        assert smtp.sendmail(SENDER, ["intake@care-provider.example"], ENCRYPT) == {}
        with pytest.raises(smtplib.SMTPDataError) as refused:
            smtp.sendmail(SENDER, ["x@norfolk.gov.uk"], BLOCK)
        assert smtp.sendmail(SENDER, ["sam.reid@norfolk.gov.uk"], ALLOW) == {}
    assert refused.value.smtp_code == 550 and b"NCC-E8" in refused.value.smtp_error
    assert len(running.hop.received) == 2
    sealed = message_from_bytes(running.hop.received[0][2])
    assert sealed["Subject"].startswith("[encrypt] ") and sealed["X-Mailwarden-Encrypt"] == "ome"
    assert message_from_bytes(running.hop.received[1][2])["X-Mailwarden-Verdict"] == "allow"


def test_250_carries_the_next_hops_queue_id(running: Running) -> None:
    with running.client() as smtp:
        smtp.ehlo()
        smtp.mail(SENDER)
        smtp.rcpt("sam.reid@norfolk.gov.uk")
        code, reply = smtp.data(ALLOW)
    assert code == 250 and b"queued as NEXT1" in reply


def test_xclient_login_reaches_the_decision(running: Running) -> None:
    with running.client() as smtp:
        smtp.ehlo()
        assert smtp.has_extn("xforward") and smtp.has_extn("xclient")
        code, _ = smtp.docmd("XCLIENT", "LOGIN=alice+40norfolk.gov.uk ADDR=192.0.2.44")
        assert code == 220
        smtp.ehlo()
        smtp.sendmail("other@example.com", ["sam.reid@norfolk.gov.uk"], ALLOW)
    (envelope,) = running.envelopes
    assert envelope.auth_login == "alice@norfolk.gov.uk"
    assert envelope.client_address == "192.0.2.44"


def test_mail_from_auth_parameter_and_xforward_address(running: Running) -> None:
    with running.client() as smtp:
        smtp.ehlo()
        assert smtp.docmd("XFORWARD", "ADDR=198.51.100.4 NAME=[UNAVAILABLE]")[0] == 250
        assert smtp.mail(SENDER, ["AUTH=<bob+40norfolk.gov.uk>", "BODY=8BITMIME"])[0] == 250
        smtp.rcpt("sam.reid@norfolk.gov.uk", ["NOTIFY=NEVER"])
        assert smtp.data(ALLOW)[0] == 250
    (envelope,) = running.envelopes
    assert (envelope.auth_login, envelope.client_address) == ("bob@norfolk.gov.uk", "198.51.100.4")


def test_null_sender_is_accepted(running: Running) -> None:
    with running.client() as smtp:
        smtp.sendmail("", ["sam.reid@norfolk.gov.uk"], ALLOW)
    assert running.envelopes[0].mail_from == ""
    assert running.hop.received[0][0] == "<>"


@pytest.mark.parametrize("running", [{"trusted_networks": ("192.0.2.0/24",)}], indirect=True)
def test_untrusted_peers_may_not_forward_identity(running: Running) -> None:
    with running.client() as smtp:
        smtp.ehlo()
        assert not smtp.has_extn("xforward")
        assert smtp.docmd("XFORWARD", "ADDR=10.0.0.1")[0] == 550
        assert smtp.docmd("XCLIENT", "LOGIN=boss")[0] == 550
        smtp.mail(SENDER, ["AUTH=boss+40norfolk.gov.uk"])
        smtp.rcpt("sam.reid@norfolk.gov.uk")
        smtp.data(ALLOW)
    assert running.envelopes[0].auth_login == ""


@pytest.mark.parametrize("running", [{"max_recipients": 2}], indirect=True)
def test_too_many_recipients_get_452(running: Running) -> None:
    with running.client() as smtp:
        smtp.ehlo()
        smtp.mail(SENDER)
        assert smtp.rcpt("a@norfolk.gov.uk")[0] == 250
        assert smtp.rcpt("b@norfolk.gov.uk")[0] == 250
        code, reply = smtp.rcpt("c@norfolk.gov.uk")
        assert (code, reply[:5]) == (452, b"4.5.3")
        assert smtp.data(ALLOW)[0] == 250
    assert running.hop.received[0][1] == ["a@norfolk.gov.uk", "b@norfolk.gov.uk"]


@pytest.mark.parametrize("running", [{"max_message_bytes": 2000}], indirect=True)
def test_message_over_the_size_limit_gets_552(running: Running) -> None:
    with running.client() as smtp:
        smtp.ehlo()
        smtp.mail(SENDER)
        smtp.rcpt("sam.reid@norfolk.gov.uk")
        code, reply = smtp.data(ALLOW + b"x" * 3000 + b"\r\n")
        assert (code, reply[:5]) == (552, b"5.3.4")
        assert smtp.noop()[0] == 250  # the session goes on
    assert running.hop.received == []


def test_long_lines_are_passed_on(running: Running) -> None:
    body = ALLOW.replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n") + b"y" * 5000 + b"\r\n"
    with running.client() as smtp:
        smtp.sendmail(SENDER, ["sam.reid@norfolk.gov.uk"], body)
    assert b"y" * 5000 in running.hop.received[0][2]


def test_next_hop_refusing_a_recipient_refuses_the_message_for_all(running: Running) -> None:
    running.hop.refuse.add("gone@norfolk.gov.uk")
    with running.client() as smtp, pytest.raises(smtplib.SMTPDataError) as refused:
        smtp.sendmail(SENDER, ["sam.reid@norfolk.gov.uk", "gone@norfolk.gov.uk"], ALLOW)
    assert refused.value.smtp_code == 550
    assert b"5.1.1" in refused.value.smtp_error and b"next hop" in refused.value.smtp_error
    assert running.hop.received == []


def test_next_hop_down_is_451(running: Running) -> None:
    running.hop.stop()
    try:
        with running.client() as smtp, pytest.raises(smtplib.SMTPDataError) as refused:
            smtp.sendmail(SENDER, ["sam.reid@norfolk.gov.uk"], ALLOW)
        assert refused.value.smtp_code == 451
    finally:
        running.hop.start()


@pytest.mark.parametrize("running", [{"timeout": 0.3}], indirect=True)
def test_a_decision_over_time_is_a_tempfail(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = proxy_module.decide

    def slow(*args: Any, **kwargs: Any) -> Decision:
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(proxy_module, "decide", slow)
    with running.client() as smtp:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            smtp.sendmail(SENDER, ["sam.reid@norfolk.gov.uk"], ALLOW)
        assert refused.value.smtp_code == 451
        assert smtp.noop()[0] == 250  # the loop was never blocked
    assert running.hop.received == []


def test_an_engine_fault_is_a_tempfail(running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Decision:
        raise RuntimeError("boom")

    monkeypatch.setattr(proxy_module, "decide", broken)
    with running.client() as smtp, pytest.raises(smtplib.SMTPDataError) as refused:
        smtp.sendmail(SENDER, ["sam.reid@norfolk.gov.uk"], ALLOW)
    assert refused.value.smtp_code == 451 and b"4.7.1" in refused.value.smtp_error


@pytest.mark.parametrize("running", [{"drain_seconds": 10.0}], indirect=True)
def test_stop_finishes_the_message_in_progress_and_refuses_new_ones(running: Running) -> None:
    running.hop.delay = 1.5
    result: dict[str, Any] = {}

    def send() -> None:
        with running.client() as smtp:
            smtp.ehlo()
            smtp.mail(SENDER)
            smtp.rcpt("sam.reid@norfolk.gov.uk")
            result["first"] = smtp.data(ALLOW)
            try:  # once drained the connection closes; until then new mail gets 451
                result["next"] = smtp.mail(SENDER)[0]
            except smtplib.SMTPServerDisconnected:
                result["next"] = "closed"

    sender = threading.Thread(target=send)
    sender.start()
    assert wait_until(lambda: running.server.in_flight == 1, 10)
    stopping = asyncio.run_coroutine_threadsafe(running.server.stop(), running.loop)
    time.sleep(0.3)
    with pytest.raises(OSError):
        smtplib.SMTP("127.0.0.1", running.port, timeout=5)
    assert stopping.result(timeout=30) == 0
    sender.join(timeout=30)
    assert result["first"][0] == 250
    assert result["next"] in (451, "closed")
    assert len(running.hop.received) == 1

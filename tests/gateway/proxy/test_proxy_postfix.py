"""End to end: real mail through a real Postfix and the mailwarden SMTP proxy, to an SMTP sink.

Each verdict is checked where it shows: the SMTP reply the client gets through Postfix
(block), Postfix's hold queue (quarantine, unreadable mail), the delivered headers and
subject (encrypt, warn, allow), the bounce (after-queue block), and the queues during a
next-hop outage (nothing lost, nothing doubled).
"""

from __future__ import annotations

import json
import re
import smtplib
import subprocess
import sys
import time
import uuid
from email import message_from_bytes
from email.utils import getaddresses
from pathlib import Path

import pytest

from ..postfix._postfix import Delivered, Postfix, wait_until
from ._topology import Topology

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parents[2] / "rules" / "fixtures"
BLOCK = "personal-data-in-subject/fires-name-and-nhs-number.eml"  # Norfolk NCC-E8
ENCRYPT = "personal-data-to-external-recipient/fires-norfolk-referral-to-provider.eml"
WARN = "missing-signature/fires-norfolk-first-name-only.eml"
ALLOW = "missing-signature/passes-norfolk-signed-reply.eml"
BULK = "bulk-personal-data/fires-telford-spreadsheet-of-patients.eml"  # Telford TWC-A4
TELFORD_ALLOW = "bcc-used/passes-to-and-cc-only.eml"


class Mail:
    """A fixture message with a unique X-Test-Id, and its envelope taken from its headers."""

    def __init__(self, name: str, *, extra: bytes = b"", raw: bytes | None = None) -> None:
        raw = (FIXTURES / name).read_bytes() if raw is None else raw
        parsed = message_from_bytes(raw)
        self.test_id = uuid.uuid4().hex
        self.mail_from = getaddresses(parsed.get_all("From", []))[0][1]
        fields = [*parsed.get_all("To", []), *parsed.get_all("Cc", []), *parsed.get_all("Bcc", [])]
        self.recipients = [address for _, address in getaddresses(fields) if address]
        self.raw = f"X-Test-Id: {self.test_id}\r\n".encode() + extra + raw


def send(smtp: smtplib.SMTP, mail: Mail) -> str:
    """One transaction on an open connection; Postfix's 250 reply text."""
    smtp.ehlo_or_helo_if_needed()
    code, reply = smtp.mail(mail.mail_from)
    assert code == 250, reply
    for recipient in mail.recipients:
        code, reply = smtp.rcpt(recipient)
        assert code == 250, reply
    code, reply = smtp.data(mail.raw)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPDataError(code, reply)
    return reply.decode()


def send_one(port: int, mail: Mail, source: str = "127.0.0.1") -> str:
    with smtplib.SMTP("127.0.0.1", port, timeout=120, source_address=(source, 0)) as smtp:
        return send(smtp, mail)


def delivered(postfix: Postfix, mail: Mail, timeout: float = 20.0) -> list[Delivered]:
    return wait_until(lambda: postfix.sink.with_header("X-Test-Id", mail.test_id), timeout) or []


def not_delivered(postfix: Postfix, mail: Mail, settle: float = 3.0) -> bool:
    postfix.flush()
    time.sleep(settle)
    return not postfix.sink.with_header("X-Test-Id", mail.test_id)


def held_with(postfix: Postfix, mail: Mail) -> list[str]:
    """Queue IDs in Postfix's hold queue whose message carries the mail's X-Test-Id."""
    found = []
    for entry in postfix.held():
        text = postfix.tool("postcat", "-q", entry["queue_id"], check=False).stdout
        if mail.test_id in text:
            found.append(entry["queue_id"])
    return found


def quarantine(postfix: Postfix, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mailwarden.cli", "quarantine", *args]
    command += ["--postfix-config", str(postfix.config)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_one_connection_judges_every_message_afresh(proxied: Topology) -> None:
    postfix = proxied.postfix
    encrypt, block, warn, allow = Mail(ENCRYPT), Mail(BLOCK), Mail(WARN), Mail(ALLOW)
    with smtplib.SMTP("127.0.0.1", postfix.ports["submit"], timeout=120) as smtp:
        send(smtp, encrypt)
        with pytest.raises(smtplib.SMTPDataError) as refused:
            send(smtp, block)
        send(smtp, warn)
        send(smtp, allow)

    reply = refused.value.smtp_error.decode()
    assert refused.value.smtp_code == 550
    assert reply.startswith("5.7.1 ") and "NCC-E8" in reply and "Fix:" in reply
    assert "Kowalczyk" not in reply and "\n" not in reply

    (sealed,) = delivered(postfix, encrypt)
    assert sealed.message["X-Mailwarden-Verdict"] == "encrypt"
    assert sealed.message["X-Mailwarden-Encrypt"] == "ome"
    assert sealed.message["X-Mailwarden-Findings"] == "personal-data-to-external-recipient=NCC-E6"
    assert sealed.message["Subject"].startswith("[encrypt] ")
    assert sorted(sealed.recipients) == sorted(encrypt.recipients)

    (warned,) = delivered(postfix, warn)
    assert warned.message["X-Mailwarden-Verdict"] == "warn"
    assert "missing-signature=NCC-E11" in warned.message["X-Mailwarden-Findings"]
    assert not warned.message["Subject"].startswith("[encrypt]")

    (allowed,) = delivered(postfix, allow)
    assert allowed.message.get_all("X-Mailwarden-Verdict") == ["allow"]
    assert allowed.message["X-Mailwarden-Findings"] == "none"
    # Postfix's own trace is kept: the client's smtpd, then the re-injection smtpd.
    assert len(allowed.message.get_all("Received", [])) >= 2

    assert not_delivered(postfix, block, settle=1.0)
    time.sleep(1.0)
    for mail in (encrypt, warn, allow):
        assert len(postfix.sink.with_header("X-Test-Id", mail.test_id)) == 1


def test_the_original_client_address_comes_from_xforward(proxied: Topology) -> None:
    # Proxy A counts only 127.0.0.1 as internal. Postfix itself connects from 127.0.0.1, but
    # this client is at 127.0.0.2: with no login its mail is incoming, where the send rule
    # of NCC-E8 does not apply, so it is delivered, not refused.
    postfix = proxied.postfix
    outside = Mail(BLOCK)
    send_one(postfix.ports["submit"], outside, source="127.0.0.2")
    (out,) = delivered(postfix, outside)
    assert out.message["X-Mailwarden-Verdict"] != "block"
    assert "direction=receive" in proxied.norfolk.log()


def test_headers_only_the_gateway_may_set_are_replaced(proxied: Topology) -> None:
    postfix = proxied.postfix
    forged = b"X-Mailwarden-Verdict: allow\r\nX-Mailwarden-Quarantine: approved by IT\r\n"
    mail = Mail(WARN, extra=forged)
    send_one(postfix.ports["submit"], mail)
    (out,) = delivered(postfix, mail)
    assert out.message.get_all("X-Mailwarden-Verdict") == ["warn"]
    assert out.message["X-Mailwarden-Quarantine"] is None


def test_quarantine_is_relayed_marked_and_held_by_postfix(proxied: Topology) -> None:
    postfix = proxied.postfix
    bulk = Mail(BULK)
    reply = send_one(postfix.ports["submit_b"], bulk)  # accepted: held, not refused
    assert reply.startswith("2.0.0")
    held = wait_until(lambda: held_with(postfix, bulk), 15)
    assert len(held) == 1, postfix.log()[-3000:]
    headers = postfix.tool("postcat", "-h", "-q", held[0]).stdout
    assert "X-Mailwarden-Quarantine: bulk-personal-data=TWC-A4" in headers
    assert "X-Mailwarden-Verdict: quarantine" in headers
    assert not_delivered(postfix, bulk)
    # The milter's quarantine commands work on what the proxy had held.
    listing = quarantine(postfix, "list", "--format", "json")
    entries = [json.loads(line) for line in listing.stdout.splitlines()]
    (entry,) = [e for e in entries if e["queue_id"] == held[0]]
    assert entry["reason"] == "bulk-personal-data=TWC-A4" and entry["verdict"] == "quarantine"
    released = quarantine(postfix, "release", held[0])
    assert released.returncode == 0, released.stderr
    (out,) = delivered(postfix, bulk, timeout=30)
    assert out.message["X-Mailwarden-Quarantine"] == "bulk-personal-data=TWC-A4"
    time.sleep(1.0)
    assert len(postfix.sink.with_header("X-Test-Id", bulk.test_id)) == 1


def test_an_unreadable_message_is_held_with_its_reason(proxied: Topology) -> None:
    # Straight to the proxy (Postfix in front would add a Received field, and that alone
    # makes the bytes a readable message): no header block, no known container.
    postfix = proxied.postfix
    mail = Mail(TELFORD_ALLOW)
    mail.raw = b"\x00\x01\x02 not a message " + mail.test_id.encode() + b"\r\n"
    with smtplib.SMTP("127.0.0.1", proxied.telford.port, timeout=120) as smtp:
        code, _ = smtp.ehlo()
        assert code == 250
        smtp.sendmail(mail.mail_from, mail.recipients, mail.raw)
    held = wait_until(lambda: held_with(postfix, mail), 15)
    assert len(held) == 1, postfix.log()[-3000:]
    headers = postfix.tool("postcat", "-h", "-q", held[0]).stdout
    assert re.search(r"X-Mailwarden-Quarantine: unreadable message", headers)
    postfix.tool("postsuper", "-d", held[0])


def test_message_over_the_size_limit_gets_552_through_postfix(proxied: Topology) -> None:
    postfix = proxied.postfix
    filler = b"X-Filler: " + b"y" * 900 + b"\r\n"
    big = Mail(TELFORD_ALLOW, extra=filler * 700)  # ~630 KB; proxy B allows 500 000 bytes
    with smtplib.SMTP("127.0.0.1", postfix.ports["submit_b"], timeout=120) as smtp:
        smtp.ehlo()
        # With SIZE= declared the proxy refuses at once (Postfix opens it at the first RCPT);
        # without, at the end of DATA. Either way: 552 5.3.4, and nothing is delivered.
        assert smtp.mail(big.mail_from, [f"SIZE={len(big.raw)}"])[0] == 250
        code, reply = smtp.rcpt(big.recipients[0])
        assert (code, reply[:5]) == (552, b"5.3.4"), reply
        smtp.rset()
        assert smtp.mail(big.mail_from)[0] == 250
        for recipient in big.recipients:
            assert smtp.rcpt(recipient)[0] == 250
        code, reply = smtp.data(big.raw)
        assert (code, reply[:5]) == (552, b"5.3.4"), reply
    assert not_delivered(postfix, big, settle=1.0)


def test_next_hop_outage_tempfails_and_loses_nothing(proxied: Topology) -> None:
    postfix = proxied.postfix
    direct, queued = Mail(TELFORD_ALLOW), Mail(TELFORD_ALLOW)
    proxied.gate.shut()
    try:
        # Straight to Postfix's proxied port: 451 through Postfix, so the client keeps it.
        with pytest.raises(smtplib.SMTPDataError) as refused:
            send_one(postfix.ports["submit_b"], direct)
        assert refused.value.smtp_code == 451
        assert refused.value.smtp_error.startswith(b"4.")
        # Through an upstream MTA: accepted there, deferred and kept in its queue.
        send_one(postfix.ports["front"], queued)
        time.sleep(3.0)
        assert postfix.queue(), postfix.log()[-3000:]
        assert not postfix.sink.with_header("X-Test-Id", queued.test_id)
    finally:
        proxied.gate.open()
    postfix.flush()
    (out,) = delivered(postfix, queued, timeout=40)
    assert out.message["X-Mailwarden-Verdict"] == "allow"
    assert not postfix.sink.with_header("X-Test-Id", direct.test_id)
    send_one(postfix.ports["submit_b"], direct)  # the client's retry
    assert len(delivered(postfix, direct)) == 1
    time.sleep(1.0)
    assert len(postfix.sink.with_header("X-Test-Id", queued.test_id)) == 1


def test_after_queue_refusal_is_a_bounce_to_the_sender(proxied: Topology) -> None:
    postfix = proxied.postfix
    block, allow = Mail(BLOCK), Mail(ALLOW)
    with smtplib.SMTP("127.0.0.1", postfix.ports["aq"], timeout=120) as smtp:
        send(smtp, block)  # after-queue: Postfix has taken it; the refusal comes later
        send(smtp, allow)

    (allowed,) = delivered(postfix, allow)
    assert allowed.message["X-Mailwarden-Verdict"] == "allow"

    def bounce() -> list[Delivered]:
        with postfix.sink.lock:
            return [
                d
                for d in postfix.sink.received
                if d.mail_from in ("", "<>") and block.test_id.encode() in d.data
            ]

    (dsn,) = wait_until(bounce, 20)
    assert dsn.recipients == [block.mail_from]
    report = dsn.message
    assert report.get_content_type() == "multipart/report"
    assert report["Auto-Submitted"] == "auto-replied"
    text = dsn.data.decode()
    assert "Status: 5.7.1" in text and "NCC-E8" in text and "Fix:" in text
    assert "text/rfc822-headers" in text
    assert "Kowalczyk" not in text.split("text/rfc822-headers")[0]
    assert not_delivered(postfix, block, settle=1.0)


def test_proxy_stopped_postfix_tempfails_and_the_proxy_exits_cleanly(proxied: Topology) -> None:
    postfix, proxy = proxied.postfix, proxied.telford
    direct, queued = Mail(TELFORD_ALLOW), Mail(TELFORD_ALLOW)
    assert proxy.terminate() == 0  # SIGTERM: a graceful stop
    assert "stopped (0 message(s) left unfinished)" in proxy.log()
    try:
        # Postfix cannot reach its proxy: the client is told to retry, nothing is queued.
        with smtplib.SMTP("127.0.0.1", postfix.ports["submit_b"], timeout=120) as smtp:
            smtp.ehlo()
            assert smtp.mail(direct.mail_from)[0] == 250
            code, reply = smtp.rcpt(direct.recipients[0])
        assert 400 <= code < 500, reply
        # Through an upstream MTA: kept in its queue until the proxy is back.
        send_one(postfix.ports["front"], queued)
        time.sleep(3.0)
        assert postfix.queue()
        assert not postfix.sink.with_header("X-Test-Id", queued.test_id)
    finally:
        proxy.start()
    postfix.flush()
    (out,) = delivered(postfix, queued, timeout=40)
    assert out.message["X-Mailwarden-Verdict"] == "allow"
    assert not postfix.sink.with_header("X-Test-Id", direct.test_id)

"""End to end: real mail through a real Postfix and the mailwarden milter, to an SMTP sink.

Each verdict is checked where it shows: the SMTP reply (block), Postfix's hold queue and
`mailwarden quarantine` (quarantine), the delivered headers and subject (encrypt, warn,
allow), and Postfix's own queue during a milter outage (nothing lost, nothing doubled).
"""

from __future__ import annotations

import json
import re
import signal
import smtplib
import subprocess
import sys
import time
import uuid
from email import message_from_bytes
from email.utils import getaddresses
from pathlib import Path

import pytest

from ._postfix import Delivered, Postfix, wait_until
from .conftest import TELFORD_SIZE_LIMIT, Gateway

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parents[2] / "rules" / "fixtures"
BLOCK = "personal-data-in-subject/fires-name-and-nhs-number.eml"  # Norfolk NCC-E8
ENCRYPT = "personal-data-to-external-recipient/fires-norfolk-referral-to-provider.eml"
WARN = "missing-signature/fires-norfolk-first-name-only.eml"
ALLOW = "missing-signature/passes-norfolk-signed-reply.eml"
BULK = "bulk-personal-data/fires-telford-spreadsheet-of-patients.eml"  # Telford TWC-A4
BCC = "bcc-used/fires-colleague-in-bcc.eml"  # Telford TWC-A9
TELFORD_ALLOW = "bcc-used/passes-to-and-cc-only.eml"


class Mail:
    """A fixture message with a unique X-Test-Id, and its envelope taken from its headers."""

    def __init__(self, name: str, *, drop_bcc: bool = False, extra: bytes = b"") -> None:
        raw = (FIXTURES / name).read_bytes()
        parsed = message_from_bytes(raw)
        self.test_id = uuid.uuid4().hex
        self.mail_from = getaddresses(parsed.get_all("From", []))[0][1]
        fields = [*parsed.get_all("To", []), *parsed.get_all("Cc", []), *parsed.get_all("Bcc", [])]
        self.recipients = [address for _, address in getaddresses(fields) if address]
        if drop_bcc:  # as a mail client does: Bcc goes only into the envelope
            raw = re.sub(rb"(?im)^Bcc:.*\r?\n(?:[ \t].*\r?\n)*", b"", raw)
        self.raw = f"X-Test-Id: {self.test_id}\r\n".encode() + extra + raw


def send(smtp: smtplib.SMTP, mail: Mail) -> str:
    """One transaction on an open connection; the queue ID from Postfix's 250 reply."""
    smtp.ehlo_or_helo_if_needed()
    code, reply = smtp.mail(mail.mail_from)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, reply, mail.mail_from)
    for recipient in mail.recipients:
        code, reply = smtp.rcpt(recipient)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = smtp.data(mail.raw)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPDataError(code, reply)
    found = re.search(rb"queued as ([0-9A-Za-z]+)", reply)
    return found.group(1).decode() if found else ""


def send_one(port: int, mail: Mail) -> str:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
        return send(smtp, mail)


def delivered(postfix: Postfix, mail: Mail, timeout: float = 20.0) -> list[Delivered]:
    return wait_until(lambda: postfix.sink.with_header("X-Test-Id", mail.test_id), timeout) or []


def cli(postfix: Postfix, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailwarden.cli", "quarantine", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def held_entry(postfix: Postfix, queue_id: str) -> dict[str, object] | None:
    listing = cli(postfix, "list", "--postfix-config", str(postfix.config), "--format", "json")
    assert listing.returncode == 0, listing.stderr
    for line in listing.stdout.splitlines():
        entry = json.loads(line)
        if entry["queue_id"] == queue_id:
            return dict(entry)
    return None


def not_delivered(postfix: Postfix, mail: Mail, settle: float = 3.0) -> bool:
    postfix.flush()
    time.sleep(settle)
    return not postfix.sink.with_header("X-Test-Id", mail.test_id)


def test_one_connection_judges_every_message_afresh(gateway: Gateway) -> None:
    postfix = gateway.postfix
    encrypt, block, warn, allow = Mail(ENCRYPT), Mail(BLOCK), Mail(WARN), Mail(ALLOW)
    with smtplib.SMTP("127.0.0.1", postfix.ports["norfolk"], timeout=60) as smtp:
        send(smtp, encrypt)
        with pytest.raises(smtplib.SMTPDataError) as refused:
            send(smtp, block)
        send(smtp, warn)
        send(smtp, allow)

    reply = refused.value.smtp_error.decode()
    assert refused.value.smtp_code == 550
    assert reply.startswith("5.7.1 ") and "NCC-E8" in reply and "Fix:" in reply
    assert "Kowalczyk" not in reply and "\n" not in reply and len(reply) <= 460

    (sealed,) = delivered(postfix, encrypt)
    assert sealed.message["X-Mailwarden-Verdict"] == "encrypt"
    assert sealed.message["X-Mailwarden-Encrypt"] == "ome"
    assert sealed.message["X-Mailwarden-Findings"] == "personal-data-to-external-recipient=NCC-E6"
    assert sealed.message["Subject"].startswith("[encrypt] ")
    assert sealed.recipients == encrypt.recipients

    (warned,) = delivered(postfix, warn)
    assert warned.message["X-Mailwarden-Verdict"] == "warn"
    assert "missing-signature=NCC-E11" in warned.message["X-Mailwarden-Findings"]
    assert not warned.message["Subject"].startswith("[encrypt]")
    assert warned.message["X-Mailwarden-Encrypt"] is None

    (allowed,) = delivered(postfix, allow)
    assert allowed.message.get_all("X-Mailwarden-Verdict") == ["allow"]
    assert allowed.message["X-Mailwarden-Findings"] == "none"

    assert not_delivered(postfix, block, settle=1.0)


def test_quarantine_holds_with_reason_and_release_delivers_once(gateway: Gateway) -> None:
    postfix = gateway.postfix
    bulk = Mail(BULK)
    queue_id = send_one(postfix.ports["telford"], bulk)  # accepted: held, not refused
    assert queue_id
    assert wait_until(lambda: queue_id in {q["queue_id"] for q in postfix.held()}, 10)
    entry = held_entry(postfix, queue_id)
    assert entry is not None
    assert entry["reason"] == "bulk-personal-data=TWC-A4"
    assert entry["verdict"] == "quarantine" and entry["sender"] == bulk.mail_from
    assert not_delivered(postfix, bulk)

    released = cli(postfix, "release", queue_id, "--postfix-config", str(postfix.config))
    assert released.returncode == 0, released.stderr
    assert f"{queue_id}: released" in released.stdout
    (out,) = delivered(postfix, bulk)
    assert out.message["X-Mailwarden-Quarantine"] == "bulk-personal-data=TWC-A4"
    assert out.message["X-Mailwarden-Verdict"] == "quarantine"
    time.sleep(1.0)
    assert len(postfix.sink.with_header("X-Test-Id", bulk.test_id)) == 1
    assert queue_id not in {q["queue_id"] for q in postfix.queue()}


def test_quarantine_delete_removes_held_mail_for_good(gateway: Gateway) -> None:
    postfix = gateway.postfix
    bulk = Mail(BULK)
    queue_id = send_one(postfix.ports["telford"], bulk)
    assert wait_until(lambda: queue_id in {q["queue_id"] for q in postfix.held()}, 10)
    deleted = cli(postfix, "delete", queue_id, "--postfix-config", str(postfix.config))
    assert deleted.returncode == 0, deleted.stderr
    assert queue_id not in {q["queue_id"] for q in postfix.queue()}
    assert not_delivered(postfix, bulk)


def test_quarantine_commands_refuse_what_is_not_held(gateway: Gateway) -> None:
    postfix = gateway.postfix
    for action in ("release", "delete"):
        done = cli(postfix, action, "ABCDEF12345", "--postfix-config", str(postfix.config))
        assert done.returncode == 2
        assert done.stderr.strip() == "mailwarden: ABCDEF12345: not in the hold queue"
    bad = cli(postfix, "release", "-rf", "--postfix-config", str(postfix.config))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_message_over_the_size_limit_is_held_with_its_reason(gateway: Gateway) -> None:
    postfix = gateway.postfix
    filler = b"X-Filler: " + b"y" * 900 + b"\r\n"
    big = Mail(TELFORD_ALLOW, extra=filler * (TELFORD_SIZE_LIMIT // 900 + 20))
    queue_id = send_one(postfix.ports["telford"], big)
    assert wait_until(lambda: queue_id in {q["queue_id"] for q in postfix.held()}, 10)
    entry = held_entry(postfix, queue_id)
    assert entry is not None and "size limit" in str(entry["reason"])
    assert "not inspected" in str(entry["reason"])
    assert cli(postfix, "delete", queue_id, "--postfix-config", str(postfix.config)).returncode == 0


def test_bcc_recipients_come_from_the_envelope_over_tcp(gateway: Gateway) -> None:
    postfix = gateway.postfix
    mail = Mail(BCC, drop_bcc=True)
    assert "keith.brereton@telford.gov.uk" in mail.recipients
    assert b"Bcc:" not in mail.raw
    send_one(postfix.ports["telford"], mail)
    copies = delivered(postfix, mail)
    assert copies, postfix.log()[-2000:]
    assert {r for d in copies for r in d.recipients} == set(mail.recipients)
    assert all(d.message["X-Mailwarden-Verdict"] == "warn" for d in copies)
    assert all("bcc-used=TWC-A9" in d.message["X-Mailwarden-Findings"] for d in copies)


def test_headers_only_the_gateway_may_set_are_replaced(gateway: Gateway) -> None:
    postfix = gateway.postfix
    forged = b"X-Mailwarden-Verdict: allow\r\nX-Mailwarden-Quarantine: approved by IT\r\n"
    mail = Mail(WARN, extra=forged)
    send_one(postfix.ports["norfolk"], mail)
    (out,) = delivered(postfix, mail)
    assert out.message.get_all("X-Mailwarden-Verdict") == ["warn"]
    assert out.message["X-Mailwarden-Quarantine"] is None


def test_milter_down_postfix_tempfails_and_delivers_after_restart(gateway: Gateway) -> None:
    postfix, milter = gateway.postfix, gateway.norfolk
    queued, direct = Mail(ENCRYPT), Mail(ALLOW)
    milter.kill()
    try:
        # Straight to the milter port: refused for now (4xx), so the client keeps the mail.
        with pytest.raises(smtplib.SMTPException) as refused:
            send_one(postfix.ports["norfolk"], direct)
        assert str(getattr(refused.value, "smtp_code", "")).startswith("4") or "451" in str(
            refused.value
        )
        # Through an upstream MTA (the front port): accepted there and kept in its queue.
        queue_id = send_one(postfix.ports["front"], queued)
        time.sleep(3.0)
        waiting = {q["queue_id"]: q for q in postfix.queue()}
        assert queue_id in waiting, postfix.log()[-3000:]
        assert not postfix.sink.with_header("X-Test-Id", queued.test_id)
    finally:
        milter.start()
    postfix.flush()
    (out,) = delivered(postfix, queued, timeout=30)
    assert out.message["X-Mailwarden-Verdict"] == "encrypt"
    assert out.message["Subject"].startswith("[encrypt] ")
    time.sleep(1.0)
    assert len(postfix.sink.with_header("X-Test-Id", queued.test_id)) == 1
    send_one(postfix.ports["norfolk"], direct)  # the client's retry
    assert len(delivered(postfix, direct)) == 1


def test_sigterm_drains_the_message_in_progress_then_exits(gateway: Gateway) -> None:
    postfix, milter = gateway.postfix, gateway.telford
    mail, after = Mail(TELFORD_ALLOW), Mail(TELFORD_ALLOW)
    assert milter.process is not None
    try:
        with smtplib.SMTP("127.0.0.1", postfix.ports["telford"], timeout=60) as smtp:
            smtp.ehlo()
            assert smtp.mail(mail.mail_from)[0] == 250  # the milter has seen MAIL FROM
            for recipient in mail.recipients:
                assert smtp.rcpt(recipient)[0] == 250
            milter.process.send_signal(signal.SIGTERM)
            time.sleep(1.0)
            assert milter.alive(), "the milter left with a message in progress"
            code, _ = smtp.data(mail.raw)
            assert code == 250
        assert milter.process.wait(timeout=60) == 0
        assert "stopped (0 message(s) left unfinished)" in milter.log_path.read_text()
        (out,) = delivered(postfix, mail)
        assert out.message["X-Mailwarden-Verdict"] == "allow"
    finally:
        if not milter.alive():
            milter.start()
    send_one(postfix.ports["telford"], after)
    assert len(delivered(postfix, after)) == 1

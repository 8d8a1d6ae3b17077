"""End to end with state: the pre-send API's override honoured by the milter through a real
Postfix, sender notices, recipient history learned from accepted mail, and quarantine records
listed with the hold queue.

The `stateful` milter runs Telford's pack with a SQLite store, the same override signing key
as the API (created in-process with FastAPI's TestClient) and notices relayed to the sink.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import smtplib
import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient

from mailwarden.gateway.api import create_app
from mailwarden.gateway.overrides import issue_token
from mailwarden.policy.loader import load_pack
from mailwarden.settings import Settings
from mailwarden.store import open_store

from ._postfix import Delivered, Postfix, wait_until
from .conftest import NOTICE_FROM, SIGNING_KEY, Gateway
from .test_milter_postfix import BULK, Mail, delivered, not_delivered, send_one

pytestmark = pytest.mark.slow

WARN = "missing-signature/fires-telford-no-signature.eml"  # Telford TWC-A11, warn
BLOCK = "sent-to-own-personal-address/telford-fires-own-information-only.eml"  # TWC-U9
API_KEY = "test-api-key-for-the-gateway-tests"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
MIME = AUTH | {"Content-Type": "message/rfc822"}


@pytest.fixture(scope="module")
def api() -> TestClient:
    settings = Settings(api_keys=(API_KEY,), override_signing_key=SIGNING_KEY)
    return TestClient(create_app(load_pack("telford"), settings))


def with_token(mail: Mail, token: str) -> Mail:
    mail.raw = mail.raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    head, sep, body = mail.raw.partition(b"\r\n\r\n")
    mail.raw = head + f"\r\nX-Mailwarden-Override: {token}".encode() + sep + body
    return mail


def notices_for(postfix: Postfix, queue_id: str) -> list[Delivered]:
    return [
        d
        for d in postfix.sink.with_header("X-Mailwarden-Notice", "warn")
        if queue_id in d.message.get_payload(decode=True).decode("utf-8", "replace")
    ]


def quarantine(gateway: Gateway, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mailwarden.cli",
            "quarantine",
            *args,
            "--postfix-config",
            str(gateway.postfix.config),
            "--store",
            gateway.store_url,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_an_override_from_the_api_is_honoured_for_that_warn_only(
    gateway: Gateway, api: TestClient
) -> None:
    postfix, port = gateway.postfix, gateway.postfix.ports["stateful"]
    mail = Mail(WARN)
    checked = api.post("/v1/check", content=mail.raw, headers=MIME).json()
    assert checked["verdict"] == "warn" and checked["override"]["allowed"] is True
    issued = api.post(
        "/v1/overrides",
        json={
            "digest": checked["override"]["digest"],
            "sender": mail.mail_from,
            "justification": "Quick internal note; the recipient knows who I am.",
        },
        headers=AUTH,
    )
    assert issued.status_code == 200, issued.text
    token = issued.json()["token"]

    # The same message, sent through Postfix with the token the add-in set: overridden.
    queue_id = send_one(port, with_token(mail, token))
    (out,) = delivered(postfix, mail)
    assert out.message["X-Mailwarden-Verdict"] == "allow"
    assert out.message["X-Mailwarden-Findings"] == "none"
    log = gateway.stateful.log_path.read_text()
    assert re.search(rf"queue={queue_id} .*overridden=missing-signature=TWC-A11", log), log[-2000:]

    # A changed message with the same token: not honoured, delivered with the warning.
    changed = Mail(WARN)
    changed.raw = changed.raw.replace(b"\r\n", b"\n").replace(b"\n\n", b"\n\nOne more line. ", 1)
    changed_id = send_one(port, with_token(changed, token))
    (warned,) = delivered(postfix, changed)
    assert warned.message["X-Mailwarden-Verdict"] == "warn"
    assert "missing-signature=TWC-A11" in warned.message["X-Mailwarden-Findings"]

    # The warned message's sender gets a notice; the overridden one's does not.
    (notice,) = wait_until(lambda: notices_for(postfix, changed_id), 20) or [None]
    assert notice is not None and notice.recipients == [changed.mail_from]
    assert notice.mail_from == NOTICE_FROM and "TWC-A11" in notice.message["Subject"]
    text = notice.message.get_payload(decode=True).decode()
    assert changed.mail_from not in text  # nobody named, no recipient listed
    assert all(r not in text for r in changed.recipients)
    time.sleep(1.0)
    assert notices_for(postfix, queue_id) == []


def test_a_token_does_not_pass_a_block(gateway: Gateway, api: TestClient) -> None:
    mail = Mail(BLOCK)
    checked = api.post("/v1/check", content=mail.raw, headers=MIME).json()
    assert checked["verdict"] == "block" and checked["override"]["allowed"] is False
    refused = api.post(
        "/v1/overrides",
        json={
            "digest": checked["override"]["digest"],
            "sender": mail.mail_from,
            "justification": "please",
        },
        headers=AUTH,
    )
    assert refused.status_code == 422
    # A token for exactly this message, signed with the real key: the gateway still refuses.
    token, _ = issue_token(
        SIGNING_KEY, checked["override"]["digest"], mail.mail_from, now=dt.datetime.now(dt.UTC)
    )
    with pytest.raises(smtplib.SMTPDataError) as blocked:
        send_one(gateway.postfix.ports["stateful"], with_token(mail, token))
    assert blocked.value.smtp_code == 550 and "TWC-U9" in blocked.value.smtp_error.decode()
    assert not_delivered(gateway.postfix, mail, settle=1.0)


def test_history_is_learned_from_accepted_mail_only(gateway: Gateway) -> None:
    postfix, port = gateway.postfix, gateway.postfix.ports["stateful"]
    mail = Mail(WARN)
    send_one(port, mail)
    assert delivered(postfix, mail)
    blocked = Mail(BLOCK)
    with pytest.raises(smtplib.SMTPDataError):
        send_one(port, blocked)

    def learned() -> int:
        with open_store(gateway.store_url) as store:
            history = store.history(
                mail.mail_from,
                now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1),
                retention_days=396,
            )
            return min(history.count(r) for r in mail.recipients)

    assert wait_until(learned, 20), gateway.stateful.log_path.read_text()[-2000:]
    with open_store(gateway.store_url) as store:
        senders = {s for s, _, _ in store.senders()}
        blocked_sender = store.history(
            blocked.mail_from,
            now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1),
            retention_days=396,
        )
    assert mail.mail_from.lower() in senders
    assert all(blocked_sender.count(r) == 0 for r in blocked.recipients)


def test_a_held_message_is_listed_with_its_record_and_released_with_who(
    gateway: Gateway,
) -> None:
    postfix = gateway.postfix
    bulk = Mail(BULK)
    queue_id = send_one(postfix.ports["stateful"], bulk)
    assert wait_until(lambda: queue_id in {q["queue_id"] for q in postfix.held()}, 10)

    def listed() -> dict[str, object] | None:
        done = quarantine(gateway, "list", "--format", "json")
        assert done.returncode == 0, done.stderr
        for line in done.stdout.splitlines():
            entry = json.loads(line)
            if entry["queue_id"] == queue_id and entry["record"] is not None:
                return dict(entry)
        return None

    entry = wait_until(listed, 20)
    assert entry is not None
    record = entry["record"]
    assert isinstance(record, dict)
    assert record["reason"] == "bulk-personal-data=TWC-A4" and record["status"] == "held"
    assert record["verdict"] == "quarantine" and record["sender"] == bulk.mail_from.lower()
    (finding,) = [f for f in record["findings"] if f["rule"] == "bulk-personal-data"]
    assert finding["clause"] == "TWC-A4" and finding["evidence"]
    assert all(set(e) == {"where", "type", "masked"} for e in finding["evidence"])
    assert all(r.lower() not in json.dumps(record) for r in bulk.recipients)
    text = quarantine(gateway, "list")
    assert queue_id in text.stdout and "TWC-A4 bulk-personal-data (quarantine)" in text.stdout

    released = quarantine(gateway, "release", queue_id, "--by", "ig.officer")
    assert released.returncode == 0, released.stderr
    assert f"{queue_id}: released" in released.stdout and "no store record" not in released.stdout
    assert len(delivered(postfix, bulk)) == 1
    with open_store(gateway.store_url) as store:
        (kept,) = store.quarantined([queue_id])
    assert kept.status == "released" and kept.status_by == "ig.officer"
    assert kept.status_at is not None

"""`history import --imap` against a real Dovecot (see conftest): discovery of the Sent folder
by SPECIAL-USE, a named folder, headers only, and one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from mailwarden.recipients._imap import open_folder, parse_imap_url
from mailwarden.recipients.history import SentObservation
from mailwarden.recipients.importing import import_messages

from .conftest import NAMED_FOLDER, OWNER, USERS, Dovecot, sent_message

SENT = 40
OTHERS = 3  # in Sent, but from a shared mailbox: skipped with --sender
NAMED = 6


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("MAILWARDEN_", "IMAP_"))
    }
    return subprocess.run(
        [sys.executable, "-m", "mailwarden.cli", *args],
        capture_output=True,
        text=True,
        env=environment | (env or {}),
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def mailbox(dovecot: Dovecot) -> Dovecot:
    """alex's Sent: SENT messages of theirs, OTHERS sent as a shared mailbox, one with no Date:
    and one automatic reply; and NAMED more in a folder with a non-ASCII name."""
    messages = [sent_message(n, to=f"contact{n % 7}@partner.example") for n in range(SENT)]
    messages += [
        sent_message(100 + n, sender="duty.team@council.example.gov.uk") for n in range(OTHERS)
    ]
    messages.append(sent_message(200, date=False))
    messages.append(sent_message(201, extra="Auto-Submitted: auto-replied"))
    # Appended unread: import must leave them so (BODY.PEEK, EXAMINE).
    from mailwarden.recipients._imap import encode_folder

    with dovecot.session("alex") as connection:
        for data in messages:
            status, detail = connection.append("Sent", None, None, data)
            assert status == "OK", detail
        connection.create('"' + encode_folder(NAMED_FOLDER) + '"')
    dovecot.append(
        "alex",
        NAMED_FOLDER,
        [sent_message(300 + n, to="legal@court.example") for n in range(NAMED)],
    )
    return dovecot


def _store(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'history.db'}"


def _import(
    dovecot: Dovecot, tmp_path: Path, *extra: str, folder: str = "", password: str | None = None
) -> subprocess.CompletedProcess[str]:
    secret = USERS["alex"] if password is None else password
    return run(
        "history",
        "import",
        "--imap",
        dovecot.url("alex", folder),
        "--store",
        _store(tmp_path),
        "--format",
        "json",
        *extra,
        env={"IMAP_PASSWORD": secret},
    )


def test_sent_folder_found_by_special_use(mailbox: Dovecot, tmp_path: Path) -> None:
    result = _import(mailbox, tmp_path, "--sender", OWNER)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["read"] == SENT + OTHERS + 2
    assert report["learned"] == SENT
    assert report["skipped"] == {"other-sender": OTHERS, "no-date": 1, "automatic": 1}

    again = json.loads(_import(mailbox, tmp_path, "--sender", OWNER).stdout)
    assert again["learned"] == 0
    assert again["already_known"] == SENT

    shown = run("history", "show", OWNER, "--store", _store(tmp_path), "--format", "json")
    history = json.loads(shown.stdout)
    assert history["messages"] == SENT
    counts = {r["address"]: r["count"] for r in history["recipients"]}
    assert counts["duty.team@council.example.gov.uk"] == SENT
    assert sum(v for k, v in counts.items() if k.endswith("@partner.example")) == SENT


def test_without_sender_each_message_teaches_its_from(mailbox: Dovecot, tmp_path: Path) -> None:
    report = json.loads(_import(mailbox, tmp_path).stdout)
    assert report["learned"] == SENT + OTHERS
    senders = json.loads(
        run("history", "show", "--store", _store(tmp_path), "--format", "json").stdout
    )
    assert {s["sender"]: s["messages"] for s in senders["senders"]} == {
        OWNER: SENT,
        "duty.team@council.example.gov.uk": OTHERS,
    }


def test_named_folder_with_a_non_ascii_name(mailbox: Dovecot, tmp_path: Path) -> None:
    result = _import(mailbox, tmp_path, folder=NAMED_FOLDER)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["learned"] == NAMED
    text = run(
        "history",
        "import",
        "--imap",
        mailbox.url("alex", NAMED_FOLDER),
        "--store",
        _store(tmp_path),
        env={"IMAP_PASSWORD": USERS["alex"]},
    )
    assert f"/{NAMED_FOLDER}" in text.stdout
    assert f"{NAMED} already known" in text.stdout


def test_headers_only_and_messages_stay_unread(mailbox: Dovecot, tmp_path: Path) -> None:
    assert _import(mailbox, tmp_path, "--sender", OWNER).returncode == 0
    with mailbox.session("alex") as connection:
        connection.select("Sent", readonly=True)
        status, data = connection.search(None, "UNSEEN")
    assert status == "OK"
    assert len(data[0].split()) == SENT + OTHERS + 2
    log = mailbox.log.read_text(errors="replace")
    sessions = re.findall(r"imap\(alex\).*Disconnected: Logged out.*", log)
    assert sessions, log[-2000:]
    assert all("body_bytes=0" in line for line in sessions)


class _Memory:
    def __init__(self) -> None:
        self.batches: list[int] = []
        self.keys: set[str] = set()

    def record_many(self, observations: Iterable[SentObservation]) -> int:
        items = list(observations)
        self.batches.append(len(items))
        before = len(self.keys)
        self.keys.update(o.key for o in items)
        return len(self.keys) - before


def test_headers_are_fetched_in_batches(mailbox: Dovecot) -> None:
    target = parse_imap_url(mailbox.url("alex"))
    memory = _Memory()
    with open_folder(target, USERS["alex"]) as folder:
        assert folder.folder == "Sent"
        assert folder.count == SENT + OTHERS + 2
        items = list(folder.messages(batch=7))
    assert [i.source for i in items][:2] == [f"{target.label}/Sent#1", f"{target.label}/Sent#2"]
    report = import_messages(items, memory, sender=OWNER, now=dt.datetime.now(dt.UTC), batch=9)
    assert report.learned == SENT
    assert memory.batches == [9, 9, 9, 9, 4]


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_connection_refused_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run(
        "history",
        "import",
        "--imap",
        f"imap://alex@127.0.0.1:{port}",
        "--store",
        _store(tmp_path),
        env={"IMAP_PASSWORD": "x"},
    )
    assert "connection refused" in _one_line(result)


def test_missing_folder_is_one_line(mailbox: Dovecot, tmp_path: Path) -> None:
    line = _one_line(_import(mailbox, tmp_path, folder="No Such Folder"))
    assert "cannot open folder 'No Such Folder'" in line


def test_no_password_is_one_line(mailbox: Dovecot, tmp_path: Path) -> None:
    result = run("history", "import", "--imap", mailbox.url("alex"), "--store", _store(tmp_path))
    assert "IMAP_PASSWORD" in _one_line(result)


def test_password_in_url_is_refused(mailbox: Dovecot, tmp_path: Path) -> None:
    url = mailbox.url("alex").replace("alex@", "alex:secret@")
    result = run("history", "import", "--imap", url, "--store", _store(tmp_path))
    line = _one_line(result)
    assert "secret" not in line
    assert "password" in line


# Last: a failed login makes Dovecot slow down later logins from the same address.
def test_wrong_password_is_one_line(mailbox: Dovecot, tmp_path: Path) -> None:
    line = _one_line(_import(mailbox, tmp_path, password="wrong"))
    assert "login refused" in line
    assert "wrong" not in line  # the password is never echoed
    assert not (tmp_path / "history.db").exists()  # no store created for a failed login


# -- TLS: IMAPS and STARTTLS against a certificate from a test CA ----------------------------


@pytest.fixture(scope="module")
def tls_mailbox(dovecot_tls: Dovecot) -> Dovecot:
    dovecot_tls.append("alex", "Sent", [sent_message(n) for n in range(5)])
    return dovecot_tls


def _tls_import(server: Dovecot, tmp_path: Path, scheme: str, *, trust: bool) -> Any:
    env = {"IMAP_PASSWORD": USERS["alex"]}
    if trust:
        env["SSL_CERT_FILE"] = str(server.ca)
    return run(
        "history",
        "import",
        "--imap",
        server.url("alex", scheme=scheme),
        "--store",
        _store(tmp_path),
        "--format",
        "json",
        env=env,
    )


@pytest.mark.parametrize("scheme", ["imaps", "imap"])
def test_tls_and_starttls(tls_mailbox: Dovecot, tmp_path: Path, scheme: str) -> None:
    result = _tls_import(tls_mailbox, tmp_path, scheme, trust=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["learned"] == 5
    logins = re.findall(r"imap-login: Info: Login: user=<alex>.*", tls_mailbox.log.read_text())
    assert "TLS" in logins[-1]  # imap:// upgraded with STARTTLS, as the server offers it


@pytest.mark.parametrize("scheme", ["imaps", "imap"])
def test_untrusted_certificate_is_one_line(
    tls_mailbox: Dovecot, tmp_path: Path, scheme: str
) -> None:
    line = _one_line(_tls_import(tls_mailbox, tmp_path, scheme, trust=False))
    assert "certificate is not trusted" in line

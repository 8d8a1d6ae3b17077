"""`mailwarden overrides list` as an IG officer runs it, over a store the pre-send API wrote."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mailwarden.store import open_store

T0 = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MAILWARDEN_")}
    return subprocess.run(
        [sys.executable, "-m", "mailwarden.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        for n, (sender, client, why) in enumerate(
            [
                ("a.officer@norfolk.gov.uk", "outlook", "Agreed wording with my manager."),
                ("b.worker@norfolk.gov.uk", "casework", "Court deadline\x1b[2J today\nsorry"),
                ("a.officer@norfolk.gov.uk", "outlook", "The family asked for it by email."),
            ]
        ):
            issued = T0 + dt.timedelta(hours=n)
            store.record_override(
                digest=f"{n:x}" * 64,
                sender=sender,
                justification=why,
                client=client,
                issued_at=issued,
                expires_at=issued + dt.timedelta(hours=1),
            )
    return url


def test_json_lists_every_override_newest_first(url: str, tmp_path: Path) -> None:
    result = run("overrides", "list", "--store", url, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["overrides"]
    assert [r["sender"] for r in rows] == [
        "a.officer@norfolk.gov.uk",
        "b.worker@norfolk.gov.uk",
        "a.officer@norfolk.gov.uk",
    ]
    assert rows[0] == {
        "issued_at": "2026-03-02T11:30:00Z",
        "expires_at": "2026-03-02T12:30:00Z",
        "sender": "a.officer@norfolk.gov.uk",
        "client": "outlook",
        "digest": "2" * 64,
        "justification": "The family asked for it by email.",
    }


def test_one_sender_since_a_date(url: str, tmp_path: Path) -> None:
    result = run(
        "overrides",
        "list",
        "A.Officer@norfolk.gov.uk",
        "--since",
        "2026-03-02T10:00:00Z",
        "--store",
        url,
        "--format",
        "json",
        cwd=tmp_path,
    )
    rows = json.loads(result.stdout)["overrides"]
    assert [r["justification"] for r in rows] == ["The family asked for it by email."]


def test_text_shows_who_when_digest_prefix_client_and_why_safely(url: str, tmp_path: Path) -> None:
    result = run("overrides", "list", "--store", url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "3 overrides, newest first (UTC)"
    assert lines[1].startswith("2026-03-02 11:30  a.officer@norfolk.gov.uk")
    assert "via outlook   digest 222222222222  expires 2026-03-02 12:30" in lines[1]
    assert lines[3].startswith("2026-03-02 10:30  b.worker@norfolk.gov.uk   via casework  digest")
    assert "2" * 13 not in lines[1]
    assert lines[2] == "    why: The family asked for it by email."
    assert lines[4] == "    why: Court deadline [2J today sorry"
    assert "\x1b" not in result.stdout


def test_an_absent_store_lists_nothing_and_is_not_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'none' / 'store.db'}"
    result = run("overrides", "list", "a@b.example", "--store", url, cwd=tmp_path)
    assert (
        result.returncode == 0 and result.stdout.strip() == "no overrides recorded of a@b.example"
    )
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("not-an-address",), "SENDER is not an email address"),
        (("--since", "last week"), "not an ISO 8601"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    url: str, tmp_path: Path, args: tuple[str, ...], error: str
) -> None:
    result = run("overrides", "list", *args, "--store", url, cwd=tmp_path)
    assert result.returncode == 2 and error in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_dead_store_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(b"not a database" * 100)
    result = run("overrides", "list", "--store", f"sqlite:///{path}", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

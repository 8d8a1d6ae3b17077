"""`mailwarden history ...` as a user runs it, and `check` reading the history of a store."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import mailbox
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

OWNER = "alex.officer@council.example.gov.uk"
NOW = dt.datetime.now(dt.UTC)


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MAILWARDEN_")}
    return subprocess.run(
        [sys.executable, "-m", "mailwarden.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment | (env or {}),
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )


def _message(n: int, to: str, *, sender: str = OWNER, days: int = 1) -> bytes:
    moment = NOW - dt.timedelta(days=days, minutes=n)
    return (
        f"From: Alex Officer <{sender}>\nTo: {to}\nCc: duty.team@council.example.gov.uk\n"
        f"Subject: Visit {n}\nDate: {email.utils.format_datetime(moment)}\n"
        f"Message-ID: <v{n}@council.example.gov.uk>\n\nSee you on Tuesday.\n"
    ).encode()


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    box = mailbox.mbox(str(tmp_path / "Sent.mbox"))
    for n in range(6):
        box.add(mailbox.mboxMessage(_message(n, "Dana Whitfield <dana@partner.example>")))
    for n in range(6, 8):
        box.add(mailbox.mboxMessage(_message(n, "legal@court.example")))
    box.add(mailbox.mboxMessage(_message(8, "x@y.example", sender="someone@else.example")))
    box.flush()
    box.close()
    return tmp_path / "Sent.mbox"


def _store(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store' / 'history.db'}"


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_import_show_confirm_forget_prune(sent: Path, tmp_path: Path) -> None:
    store = _store(tmp_path)
    imported = run("history", "import", str(sent), "--sender", OWNER, "--store", store)
    assert imported.returncode == 0, imported.stderr
    assert "read 9 messages" in imported.stdout
    assert "8 learned, 0 already known, 1 skipped" in imported.stdout
    assert "skipped 1: not from the sender" in imported.stdout

    again = run("history", "import", str(sent), "--sender", OWNER, "--store", store)
    assert "0 learned, 8 already known" in again.stdout

    senders = run("history", "show", "--store", store)
    assert senders.returncode == 0, senders.stderr
    assert OWNER in senders.stdout and " 8 " in senders.stdout

    shown = run("history", "show", OWNER, "--store", store)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith(f"{OWNER}: 8 messages since ")
    assert "duty.team@council.example.gov.uk" in lines[2]  # most written to first
    assert "(Dana Whitfield)" in shown.stdout
    assert "domains: council.example.gov.uk (8), partner.example (6), court.example (2)" in (
        shown.stdout
    )

    confirmed = run("history", "confirm", OWNER, "New.Contact@Partner.example", "--store", store)
    assert confirmed.returncode == 0, confirmed.stderr
    data = json.loads(run("history", "show", OWNER, "--store", store, "--format", "json").stdout)
    by_address = {r["address"]: r for r in data["recipients"]}
    assert by_address["new.contact@partner.example"]["confirmed"] is True
    assert by_address["new.contact@partner.example"]["count"] == 0
    assert by_address["dana@partner.example"]["count"] == 6
    assert by_address["dana@partner.example"]["display_names"] == ["Dana Whitfield"]
    assert data["messages"] == 8

    forgot = run("history", "forget", "dana@partner.example", "--store", store)
    assert forgot.returncode == 0, forgot.stderr
    # 6 recipient rows, and the 6 messages that went only to Dana and the duty team stay
    assert forgot.stdout.startswith("forgot dana@partner.example: ")
    assert "records removed" in forgot.stdout
    after = json.loads(run("history", "show", OWNER, "--store", store, "--format", "json").stdout)
    assert "dana@partner.example" not in {r["address"] for r in after["recipients"]}

    pruned = run("history", "prune", "--store", store, "--format", "json")
    assert pruned.returncode == 0, pruned.stderr
    assert json.loads(pruned.stdout)["removed"] == 0  # nothing is past 13 months

    gone = run("history", "forget", OWNER, "--store", store, "--format", "json")
    assert json.loads(gone.stdout)["removed"] > 0
    assert json.loads(run("history", "show", "--store", store, "--format", "json").stdout) == {
        "senders": []
    }


def test_commands_that_only_read_or_remove_create_no_store(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for args in (("show",), ("show", OWNER), ("forget", OWNER), ("prune",)):
        result = run("history", *args, "--store", store)
        assert result.returncode == 0, result.stderr
    assert "removed 0 records" in run("history", "forget", OWNER, "--store", store).stdout
    assert not (tmp_path / "store").exists()


def test_unreadable_input_is_reported_and_the_rest_learned(sent: Path, tmp_path: Path) -> None:
    result = run(
        "history", "import", str(tmp_path / "absent.mbox"), str(sent), "--store", _store(tmp_path)
    )
    assert _one_line_error(result).startswith("mailwarden: ")
    assert "absent.mbox" in result.stderr
    assert "9 learned" in result.stdout  # without --sender every message's From: is learned


@pytest.mark.parametrize(
    "args",
    [
        ("history",),
        ("history", "import"),
        ("history", "import", "x.mbox", "--imap", "imaps://a@mail.example"),
        ("history", "confirm", OWNER),
        ("history", "confirm", OWNER, "not an address"),
        ("history", "import", "--imap", "https://mail.example"),
        ("history", "show", "--format", "xml"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    _one_line_error(run(*args, "--store", _store(tmp_path)))


def test_dead_store_is_one_line(sent: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    for args in (("history", "import", str(sent)), ("history", "show")):
        line = _one_line_error(run(*args, "--store", f"sqlite:///{broken}"))
        assert "store" in line
    line = _one_line_error(run("history", "show", "--store", "mysql://x@h/db"))
    assert "unsupported" in line


# -- check and the history -------------------------------------------------------------------


def test_check_with_a_missing_store_is_one_line(sent: Path, tmp_path: Path) -> None:
    result = run("check", str(sent), "--policy", "norfolk", "--store", _store(tmp_path))
    assert "store not found" in _one_line_error(result)
    assert not (tmp_path / "store").exists()


def test_check_with_a_dead_store_is_one_line(sent: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    result = run("check", str(sent), "--policy", "norfolk", "--store", f"sqlite:///{broken}")
    assert "store" in _one_line_error(result)


def test_check_without_a_store_behaves_as_before_and_creates_none(
    sent: Path, tmp_path: Path
) -> None:
    data_home = tmp_path / "data"
    env = {"XDG_DATA_HOME": str(data_home)}
    plain = run("check", str(sent), "--policy", "norfolk", "--format", "json", env=env)
    assert plain.returncode in (0, 1), plain.stderr
    assert plain.stderr == ""
    assert not data_home.exists()  # never a database just to check

    store = _store(tmp_path)
    assert run("history", "import", str(sent), "--store", store).returncode == 0
    with_history = run(
        "check", str(sent), "--policy", "norfolk", "--format", "json", "--store", store, env=env
    )
    assert with_history.returncode == plain.returncode, with_history.stderr
    assert len(with_history.stdout.splitlines()) == len(plain.stdout.splitlines()) == 9


def _captured_histories(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], cwd: Path, data_home: Path
) -> list[Any]:
    """Run `check` in-process and return the `Context.history` each message was judged with."""
    from mailwarden import _cli_policy, cli

    for name in list(os.environ):
        if name.startswith("MAILWARDEN_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.chdir(cwd)
    seen: list[Any] = []
    real = _cli_policy.evaluate

    def spy(message: Any, pack: Any, context: Any) -> Any:
        seen.append(context.history)
        return real(message, pack, context)

    monkeypatch.setattr(_cli_policy, "evaluate", spy)
    assert cli.main(argv) in (0, 1)
    return seen


def test_check_passes_the_senders_history_from_store_or_default(
    sent: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path)
    assert run("history", "import", str(sent), "--store", store).returncode == 0
    argv = ["check", str(sent), "--policy", "norfolk", "--format", "json"]

    seen = _captured_histories(monkeypatch, [*argv, "--store", store], tmp_path, tmp_path / "d")
    assert [h.sender for h in seen] == [OWNER] * 8 + ["someone@else.example"]
    assert seen[0].messages == 8 and seen[0].count("legal@court.example") == 2

    with_sender = _captured_histories(
        monkeypatch,
        [*argv, "--store", store, "--sender", "someone@else.example"],
        tmp_path,
        tmp_path / "d",
    )
    assert {h.sender for h in with_sender} == {"someone@else.example"}

    assert _captured_histories(monkeypatch, argv, tmp_path, tmp_path / "d") == [None] * 9

    # the default store (in the user's data directory) is read once it exists
    default = tmp_path / "xdg" / "mailwarden" / "mailwarden.db"
    default.parent.mkdir(parents=True)
    (tmp_path / "store" / "history.db").rename(default)
    seen = _captured_histories(monkeypatch, argv, tmp_path, tmp_path / "xdg")
    assert seen[0] is not None and seen[0].messages == 8


def test_retention_setting_bounds_import_show_and_prune(tmp_path: Path) -> None:
    box = mailbox.mbox(str(tmp_path / "Sent.mbox"))
    for n, days in enumerate((1, 1, 10, 10)):
        box.add(mailbox.mboxMessage(_message(n, "dana@partner.example", days=days)))
    box.flush()
    box.close()
    store, short = _store(tmp_path), {"MAILWARDEN_HISTORY_RETENTION_DAYS": "5"}
    sent = str(tmp_path / "Sent.mbox")
    assert "4 learned" in run("history", "import", sent, "--store", store).stdout

    shown = run("history", "show", OWNER, "--store", store, "--format", "json", env=short)
    assert json.loads(shown.stdout)["messages"] == 2  # what is past retention is not read

    pruned = run("history", "prune", "--store", store, "--format", "json", env=short)
    assert json.loads(pruned.stdout)["retention_days"] == 5
    assert json.loads(pruned.stdout)["removed"] >= 2
    listed = json.loads(run("history", "show", "--store", store, "--format", "json").stdout)
    assert listed["senders"][0]["messages"] == 2

    again = run("history", "import", sent, "--store", store, "--format", "json", env=short)
    report = json.loads(again.stdout)
    assert report["skipped"] == {"past-retention": 2}
    assert report["already_known"] == 2

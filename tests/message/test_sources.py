"""Paths to messages: mbox splitting, maildir order, stdin, unreadable files."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from mailwarden.message.sources import read_path, read_paths

MSG = b"From: %s@example.com\nSubject: s%d\n\nbody %d\n"


def _mbox(tmp_path: Path, body: bytes) -> str:
    path = tmp_path / "box.mbox"
    path.write_bytes(body)
    return str(path)


def test_mbox_is_split_in_file_order_with_numbered_sources(tmp_path: Path) -> None:
    data = b"".join(
        b"From sender@example.com Mon Jan  5 10:00:00 2026\n" + MSG % (b"x", i, i) + b"\n"
        for i in range(1, 4)
    )
    path = _mbox(tmp_path, data)
    items = list(read_path(path))
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [i.message.subject for i in items if i.message] == ["s1", "s2", "s3"]


def test_mbox_body_from_lines_do_not_split(tmp_path: Path) -> None:
    data = (
        b"From - \nFrom: a@example.com\nSubject: one\n\nMy favourite film:\n\n"
        b"From Russia with love\nYear: 1963\n\nFrom time to time\n>From quoted\n\n"
        b"From - Mon Jun  3 12:50:27 1996\nFrom: b@example.com\nSubject: two\n\nbye\n"
    )
    items = list(read_path(_mbox(tmp_path, data)))
    assert [i.message.subject for i in items if i.message] == ["one", "two"]
    first = items[0].message
    assert first is not None
    assert "From Russia with love" in first.body.text
    assert "From quoted" in first.body.text  # mboxrd escape removed


def test_unreadable_message_in_mbox_does_not_stop_the_rest(tmp_path: Path) -> None:
    data = b"From x Mon Jan  5 10:00:00 2026\n\x00\x01\x02\n\nFrom x 2026\nFrom: a@b.c\n\nok\n"
    items = list(read_path(_mbox(tmp_path, data)))
    assert items[-1].message is not None


def test_maildir_sorted_by_file_name(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    (tmp_path / "new" / "200.b").write_bytes(MSG % (b"b", 2, 2))
    (tmp_path / "cur" / "100.a:2,S").write_bytes(MSG % (b"a", 1, 1))
    (tmp_path / "cur" / "300.c:2,").write_bytes(MSG % (b"c", 3, 3))
    items = list(read_path(str(tmp_path)))
    assert [i.message.subject for i in items if i.message] == ["s1", "s2", "s3"]
    assert items[0].source == f"{tmp_path}#1"


def test_directory_that_is_not_a_maildir(tmp_path: Path) -> None:
    (item,) = read_path(str(tmp_path))
    assert item.error is not None and "maildir" in item.error


def test_missing_file_and_empty_file_are_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    items = list(read_paths([str(tmp_path / "absent.eml"), str(empty)]))
    assert [i.message for i in items] == [None, None]
    assert all(i.error for i in items)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(MSG % (b"s", 9, 9)))
    monkeypatch.setattr(sys, "stdin", fake)
    (item,) = read_path("-")
    assert item.source == "-"
    assert item.message is not None and item.message.subject == "s9"

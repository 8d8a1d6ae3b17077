"""Every real file in ../shared/corpus/real is read, and what was found is pinned.

The expectations file holds only counts and reasons per file (no content), so a change in
what the readers find — a part lost, a reason changed — shows up as a diff to review.
Refresh it after a deliberate change with: pytest tests/message/test_real_corpus.py --update-golden
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from mailwarden.message import Message
from mailwarden.message.sources import read_path

from ..conftest import REAL_CORPUS

FOLDERS = ("eml", "mbox", "msg", "tnef", "ics", "pst")
GOLDEN = Path(__file__).with_name("real_corpus.tsv")
COLUMNS = (
    "file",
    "messages",
    "errors",
    "attachments",
    "nested",
    "calendar",
    "body_chars",
    "uninspected",
)


def _files() -> list[Path]:
    if not REAL_CORPUS.is_dir():
        return []
    return sorted(f for folder in FOLDERS for f in (REAL_CORPUS / folder).iterdir() if f.is_file())


def _walk(message: Message) -> list[Message]:
    out = [message]
    for nested in message.nested_messages():
        out += _walk(nested)
    return out


def _summary(path: Path) -> dict[str, str]:
    items = list(read_path(str(path)))
    messages = [i.message for i in items if i.message is not None]
    every = [m for top in messages for m in _walk(top)]
    reasons: Counter[str] = Counter()
    for m in every:
        reasons.update(str(u.reason) for u in m.uninspected)
        reasons.update(str(a.uninspected.reason) for a in m.walk_attachments() if a.uninspected)
    reasons.update("error: " + i.error.split(":")[0] for i in items if i.error)
    return {
        "file": f"{path.parent.name}/{path.name}",
        "messages": str(len(messages)),
        "errors": str(sum(1 for i in items if i.error)),
        "attachments": str(sum(1 for m in every for _ in m.walk_attachments())),
        "nested": str(len(every) - len(messages)),
        "calendar": str(sum(len(m.calendar) for m in messages)),
        "body_chars": str(sum(len(m.body.text) for m in messages)),
        "uninspected": ",".join(f"{k}={v}" for k, v in sorted(reasons.items())) or "-",
    }


def _read_golden() -> dict[str, dict[str, str]]:
    if not GOLDEN.exists():
        return {}
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return {
        row["file"]: row
        for row in (dict(zip(COLUMNS, line.split("\t"), strict=True)) for line in lines[1:])
    }


@pytest.mark.corpus
def test_every_real_file_is_read_and_matches_expectations(
    real_corpus: Path, request: pytest.FixtureRequest
) -> None:
    started = time.monotonic()
    rows = [_summary(path) for path in _files()]
    assert len(rows) >= 190, "the real corpus should hold about 200 files"
    if request.config.getoption("--update-golden"):
        text = (
            "\t".join(COLUMNS)
            + "\n"
            + "".join("\t".join(r[c] for c in COLUMNS) + "\n" for r in rows)
        )
        GOLDEN.write_text(text, encoding="utf-8")
    golden = _read_golden()
    changed = [(row, golden.get(row["file"])) for row in rows if golden.get(row["file"]) != row]
    assert not changed, "\n".join(
        f"{row['file']}: now {row} was {was}" for row, was in changed[:10]
    )
    assert time.monotonic() - started < 600


@pytest.mark.corpus
def test_only_the_protected_store_and_unreadable_files_are_errors(real_corpus: Path) -> None:
    protected = list(read_path(str(real_corpus / "pst" / "libpst__passworded.pst")))
    assert len(protected) == 1
    assert protected[0].error is not None and "password" in protected[0].error

"""Each pack's corpus of realistic mail gets the verdict written from its policy (corpus/README.md).

The expected verdicts were written from the seed policies before the engine existed. A listed
clause must be cited by a non-advice finding, and every non-advice finding must cite a listed
clause (or an equivalent one); listed advice must appear as advice.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from mailwarden.checking import context_for
from mailwarden.engine import evaluate
from mailwarden.message.reader import parse_message_bytes
from mailwarden.policy.actions import Action
from mailwarden.policy.loader import load_pack

CORPUS = Path(__file__).parent / "corpus"
NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
EQUIVALENT = [
    {"TWC-A1", "TWC-S1", "TWC-U8"},
    {"TWC-U4", "TWC-U10"},
    {"CCC-2.1b", "CCC-2.1d", "CCC-2.2b"},
]


def _entries() -> list[Any]:
    params = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "expected.yaml").is_file()):
        for entry in yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")):
            params.append(pytest.param(folder, entry, id=f"{folder.name}/{entry['file']}"))
    return params


def _widen(ids: set[str]) -> set[str]:
    wide = set(ids)
    for group in EQUIVALENT:
        if wide & group:
            wide |= group
    return wide


def _message_path(folder: Path, entry: dict[str, Any], tmp_path: Path) -> Path:
    if "generated_by" not in entry:
        return folder / entry["file"]
    out = tmp_path / entry["file"]
    script = folder / entry["generated_by"]
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, timeout=300)
    return out


@pytest.mark.parametrize(("folder", "entry"), _entries())
def test_corpus_message_gets_the_verdict_its_policy_gives(
    folder: Path, entry: dict[str, Any], tmp_path: Path
) -> None:
    pack = load_pack(str(folder / "deployment.yaml"))
    message = parse_message_bytes(_message_path(folder, entry, tmp_path).read_bytes())
    context = context_for(message, pack, now=NOW, sender=entry.get("sender"))
    verdict = evaluate(message, pack, context)
    shown = json.dumps(verdict.to_dict(entry["file"]), indent=1)
    listed = _widen(set(entry.get("clauses", [])))
    acting = [f for f in verdict.findings if f.action is not Action.ADVISE]
    advice = [f for f in verdict.findings if f.action is Action.ADVISE]
    for cid in entry.get("clauses", []):
        assert any(_widen({cid}) & set(f.clauses) for f in acting), f"{cid} not cited\n{shown}"
    for finding in acting:
        assert listed & set(finding.clauses), f"unexpected {finding.rule}\n{shown}"
    for cid in entry.get("advice", []):
        assert any(cid in f.clauses for f in advice), f"advice {cid} missing\n{shown}"
    assert str(verdict.action) == entry["verdict"], shown

"""Runs a fixture case: a real .eml checked under a pack, as `mailwarden check` would.

Cases live in `cases.yaml` beside the messages and were written from the policy text:
`file`, `pack` (built-in name, or a file beside the case), optional `sender` (the
authenticated sender), `as_of`, `out_of_office` (the sender's own auto-reply is on) and
`channel` (sms|social: the file is plain text checked as `check-text` does), the expected
`verdict`, and the expected `findings` of the rule under test as `{rule, clause, action}`
(rule = the binding id). A file checked by several cases has one golden file per case.
`history` names a YAML file beside the case with the sender's past sends (`sender`, `sent`:
a list of `{at, to: [...], thread?, repeat?}` where each `to` is an address or
`Name <address>`, `confirmed`: [...]), built into the
`SenderHistory` the engine gets, as the store would give it.
"""

from __future__ import annotations

import datetime as dt
import json
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import yaml

from mailwarden.checking import context_for, parse_as_of, text_message
from mailwarden.engine import evaluate
from mailwarden.message.reader import parse_message_bytes
from mailwarden.policy.findings import Verdict
from mailwarden.policy.loader import builtin_names, load_pack
from mailwarden.policy.pack import Pack
from mailwarden.recipients import SenderHistory, SentObservation, build_history

__all__ = ["FIXED_NOW", "Case", "load_cases", "load_history", "run_case"]

FIXED_NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
"""A Monday morning: the clock for messages without a Date: and cases without as_of."""


class Case:
    """One fixture case and where it lives."""

    def __init__(self, folder: Path, raw: dict[str, Any], occurrence: int = 1) -> None:
        self.folder = folder
        self.raw = raw
        self.file = folder / raw["file"]
        self.occurrence = occurrence
        """1 for the first case of a file, 2 for the next case checking the same file, ..."""

    @property
    def id(self) -> str:
        suffix = f"#{self.occurrence}" if self.occurrence > 1 else ""
        return f"{self.folder.name}/{self.raw['file']}{suffix}"

    @property
    def golden(self) -> Path:
        extra = f".{self.occurrence}" if self.occurrence > 1 else ""
        return self.file.with_suffix(f"{extra}.golden.json")

    def pack(self) -> Pack:
        name = self.raw["pack"]
        return load_pack(name if name in builtin_names() else str(self.folder / name))

    def expected_findings(self) -> set[tuple[str, str, str]]:
        return {(f["rule"], f["clause"], f["action"]) for f in self.raw.get("findings", [])}


def load_cases(root: Path) -> list[Case]:
    """Every case under `root` (one folder per rule or per pack)."""
    cases: list[Case] = []
    for folder in sorted(p for p in root.iterdir() if (p / "cases.yaml").is_file()):
        seen: dict[str, int] = {}
        for raw in yaml.safe_load((folder / "cases.yaml").read_text(encoding="utf-8")) or []:
            seen[raw["file"]] = seen.get(raw["file"], 0) + 1
            cases.append(Case(folder, raw, seen[raw["file"]]))
    return cases


def load_history(path: Path) -> SenderHistory:
    """A sender's history from a fixture file (see the module docstring)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sender = data["sender"]
    sent: list[SentObservation] = []
    for index, item in enumerate(data.get("sent", [])):
        at = item["at"] if isinstance(item["at"], dt.datetime) else parse_as_of(str(item["at"]))
        at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
        recipients = tuple((addr.lower(), name) for name, addr in map(parseaddr, item["to"]))
        for copy in range(int(item.get("repeat", 1))):
            moment = at + dt.timedelta(hours=copy)
            key = f"{index}.{copy}"
            sent.append(SentObservation(sender, moment, recipients, item.get("thread", ""), key))
    confirmed = frozenset(a.lower() for a in data.get("confirmed", []))
    return build_history(sender, sent, confirmed)


def run_case(case: Case) -> tuple[Verdict, Pack, dict[str, Any]]:
    """Check the case's message; returns the verdict, the pack and the `check` JSON object."""
    pack = case.pack()
    channel = case.raw.get("channel", "mail")
    if channel == "mail":
        message = parse_message_bytes(case.file.read_bytes())
    else:
        message = text_message(case.file.read_text(encoding="utf-8"))
    as_of = parse_as_of(str(case.raw["as_of"])) if "as_of" in case.raw else None
    context = context_for(
        message,
        pack,
        now=FIXED_NOW,
        as_of=as_of,
        sender=case.raw.get("sender"),
        channel=channel,
        sender_out_of_office=bool(case.raw.get("out_of_office", False)),
        history=load_history(case.folder / case.raw["history"]) if "history" in case.raw else None,
    )
    verdict = evaluate(message, pack, context)
    data = verdict.to_dict(case.raw["file"])
    if channel != "mail":
        data["channel"] = channel
    return verdict, pack, json.loads(json.dumps(data))

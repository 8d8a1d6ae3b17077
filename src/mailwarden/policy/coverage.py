"""Which clauses of a pack are enforced, by which rules, and what is pending or guidance.

An IG team must be able to point at any sentence of its policy and see how it is enforced
(`mailwarden policy coverage`). A clause is `enforced` when a binding cites it, `guidance`
when it is conduct no software can judge, and `pending` otherwise, naming the area that
will enforce it. A clause with a SEND half enforced and an AUDIT half still to come is
`enforced`, with `pending` saying what is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .pack import Pack

__all__ = ["ClauseCoverage", "coverage", "coverage_json", "coverage_markdown", "coverage_text"]


@dataclass(frozen=True, slots=True)
class ClauseCoverage:
    """One clause's line in the coverage report."""

    id: str
    title: str
    modes: tuple[str, ...]
    status: str
    rules: tuple[str, ...]
    pending: str = ""
    note: str = ""


def _status(modes: tuple[str, ...], rules: tuple[str, ...], pending: str) -> str:
    if rules:
        return "enforced"
    if modes == ("GUIDANCE",):
        return "guidance"
    return "pending"


def _pending(modes: tuple[str, ...], rules: tuple[str, ...], declared: str) -> str:
    """The area still to come: declared in the pack, else the first mode rules do not cover.

    Every rule today is a SEND rule, so an AUDIT + SEND clause with rules bound is enforced
    at send and still pending for its audit half.
    """
    if declared:
        return declared
    if not rules and "SEND" in modes:
        return "send rules"
    later = [m.lower() for m in modes if m not in ("SEND", "GUIDANCE")]
    return later[0] if later else ""


def coverage(pack: Pack) -> tuple[ClauseCoverage, ...]:
    """Every clause of the pack, in pack order, with its status and enforcing bindings."""
    lines = []
    for clause in pack.clauses.values():
        rules = tuple(b.id for b in pack.bindings if clause.id in b.clauses)
        pending = _pending(clause.modes, rules, clause.pending)
        status = _status(clause.modes, rules, pending)
        lines.append(
            ClauseCoverage(
                clause.id, clause.title, clause.modes, status, rules, pending, clause.note
            )
        )
    return tuple(lines)


def coverage_json(pack: Pack) -> dict[str, Any]:
    """The DESIGN `policy coverage --format json` object."""
    clauses = []
    for line in coverage(pack):
        item: dict[str, Any] = {
            "id": line.id,
            "title": line.title,
            "modes": list(line.modes),
            "status": line.status,
            "rules": list(line.rules),
        }
        if line.pending:
            item["pending"] = line.pending
        clauses.append(item)
    return {"pack": pack.name, "clauses": clauses}


def _detail(line: ClauseCoverage) -> str:
    parts = []
    if line.rules:
        parts.append(", ".join(line.rules))
    if line.pending:
        parts.append(f"pending: {line.pending}")
    if line.status == "guidance":
        parts.append(line.note or "guidance only")
    return "; ".join(parts)


def coverage_text(pack: Pack) -> str:
    """A plain table for the terminal."""
    rows = [f"{pack.organisation} ({pack.name})"]
    for line in coverage(pack):
        rows.append(f"{line.id:<10} {line.status:<9} {'+'.join(line.modes):<24} {_detail(line)}")
    counts = {
        s: sum(1 for c in coverage(pack) if c.status == s)
        for s in ("enforced", "pending", "guidance")
    }
    rows.append(", ".join(f"{n} {s}" for s, n in counts.items()))
    return "\n".join(rows)


def coverage_markdown(pack: Pack) -> str:
    """A Markdown table, as used in the generated pack pages."""
    rows = [
        "| clause | title | modes | status | enforced by / why not |",
        "| --- | --- | --- | --- | --- |",
    ]
    for line in coverage(pack):
        title = line.title.replace("|", "\\|")
        detail = _detail(line).replace("|", "/")
        rows.append(f"| {line.id} | {title} | {', '.join(line.modes)} | {line.status} | {detail} |")
    return "\n".join(rows)

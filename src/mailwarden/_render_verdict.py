"""The readable `check` report: verdict first, then each finding with its clause and fix.

Header addresses are metadata and shown whole to the sender and operator (DESIGN); content
evidence is always the masked form. Colour only when writing to a terminal.
"""

from __future__ import annotations

from .message.model import Message
from .policy.actions import Action
from .policy.findings import Finding, Verdict
from .policy.pack import Pack

__all__ = ["render_verdict"]

_COLOURS = {
    Action.ALLOW: "32",
    Action.ADVISE: "36",
    Action.WARN: "33",
    Action.ENCRYPT: "35",
    Action.QUARANTINE: "31",
    Action.BLOCK: "1;31",
}


def _paint(text: str, action: Action, colour: bool) -> str:
    return f"\033[{_COLOURS[action]}m{text}\033[0m" if colour else text


def _finding(finding: Finding, pack: Pack, colour: bool) -> list[str]:
    marks = [
        m
        for m, on in (("overridden", finding.overridden), ("audit only", finding.audit_only))
        if on
    ]
    head = f"  {_paint(str(finding.action).upper(), finding.action, colour)} {finding.rule}"
    head += f" [{', '.join(finding.clauses)}]" + (f" ({', '.join(marks)})" if marks else "")
    clause = pack.clauses.get(finding.clause)
    lines = [head, f"    {finding.message}"]
    if clause is not None:
        lines.append(f"    Policy {clause.id}: {clause.title}")
    lines.append(f"    Fix: {finding.fix}")
    for item in finding.evidence:
        lines.append(f"    - {item.where}: {item.type} {item.masked}")
    return lines


def render_verdict(
    source: str, verdict: Verdict, message: Message, pack: Pack, *, colour: bool = False
) -> str:
    """The text report for one message."""
    action = verdict.action
    title = f"{source}: {_paint(str(action).upper(), action, colour)}"
    if verdict.would_be is not action:
        title += f" (would be {verdict.would_be} outside audit-only mode)"
    lines = [title]
    if message.subject:
        lines.append(f"  Subject: {message.subject}")
    recipients = ", ".join(a.addr_spec for a in message.recipients)
    if recipients:
        lines.append(f"  To: {recipients}")
    for finding in verdict.findings:
        lines.extend(_finding(finding, pack, colour))
    if not verdict.findings:
        lines.append(f"  No findings under {pack.organisation}'s policy.")
    return "\n".join(lines)

"""Findings and verdicts: what the engine returns and every adapter translates.

A rule yields `Hit`s (what it saw, in words and masked evidence); the engine turns each into
a `Finding` by adding what the pack's binding says (rule id, clauses, action, audit-only,
overridden). Evidence holds only masked text (house rule 5), so a finding can be logged,
stored or shown without leaking the personal data it describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .actions import Action, strongest

__all__ = ["Evidence", "Finding", "Hit", "Verdict"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One masked item of evidence: its type, where it was found (DESIGN `where`), the mask."""

    type: str
    where: str
    masked: str

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "where": self.where, "masked": self.masked}


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a plain-English message, how to fix it, masked evidence.

    `action` lets a rule pick a different action than its binding's for one case, from its
    own options (e.g. a zip bomb held for review while an encrypted file only warns).
    `unauthenticated` marks a judgement made on `From:` because no authenticated sender
    was given.
    """

    message: str
    fix: str
    evidence: tuple[Evidence, ...] = ()
    action: Action | None = None
    unauthenticated: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """A hit bound to a pack: rule id, clauses, action and how the sender may respond."""

    rule: str
    clause: str
    clauses: tuple[str, ...]
    action: Action
    message: str
    fix: str
    evidence: tuple[Evidence, ...] = ()
    overridden: bool = False
    audit_only: bool = False
    unauthenticated: bool = False

    @property
    def counts(self) -> bool:
        """Whether this finding decides the verdict (not advice, overridden or audit-only)."""
        return not (self.action is Action.ADVISE or self.overridden or self.audit_only)

    def to_dict(self) -> dict[str, Any]:
        """The `check` JSON shape of one finding (DESIGN contract)."""
        data: dict[str, Any] = {
            "rule": self.rule,
            "clause": self.clause,
            "clauses": list(self.clauses),
            "action": str(self.action),
            "message": self.message,
            "fix": self.fix,
            "overridden": self.overridden,
            "audit_only": self.audit_only,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.unauthenticated:
            data["unauthenticated"] = True
        return data


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome for one message: the action, and what it would be without audit-only mode."""

    findings: tuple[Finding, ...] = ()

    @property
    def action(self) -> Action:
        """Strongest action among the findings that count (DESIGN `verdict`)."""
        return strongest(f.action for f in self.findings if f.counts)

    @property
    def would_be(self) -> Action:
        """The verdict if audit-only findings counted too (DESIGN `would_be`)."""
        return strongest(f.action for f in self.findings if f.counts or f.audit_only)

    @property
    def override_allowed(self) -> bool:
        """Only a `warn` verdict can be overridden by the sender (DESIGN)."""
        return self.action is Action.WARN

    def to_dict(self, source: str) -> dict[str, Any]:
        """The `check` JSON object for this verdict."""
        data: dict[str, Any] = {"source": source, "verdict": str(self.action)}
        if self.would_be is not self.action:
            data["would_be"] = str(self.would_be)
        data["findings"] = [f.to_dict() for f in self.findings]
        return data

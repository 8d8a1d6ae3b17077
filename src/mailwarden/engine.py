"""`evaluate(message, pack, context) -> Verdict`: the only place rules run (DESIGN).

For each binding of the pack, in order, the engine runs the bound rule and turns its hits
into findings carrying the binding's clauses and action. Two pack-wide semantics live here
and nowhere else: a pack without an encryption route turns `encrypt` into `block` (and the
finding says why), and a valid override marks `warn` findings overridden.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .message.model import Message
from .policy.actions import Action
from .policy.context import Context
from .policy.findings import Finding, Hit, Verdict
from .policy.pack import Binding, Pack
from .rules.base import Rule, RuleInput
from .rules.facts import Facts
from .rules.registry import get_rule

__all__ = ["evaluate"]

_NO_ROUTE = " The policy names no encryption route for this, so it cannot be sent as it is."


def evaluate(message: Message, pack: Pack, context: Context) -> Verdict:
    """Run every rule the pack binds over `message` and return the verdict with its findings."""
    facts = Facts(message, pack, context)
    findings: list[Finding] = []
    for binding in pack.bindings:
        rule = get_rule(binding.rule)
        if rule is None or not _applies(rule, context):
            continue
        inputs = RuleInput(message, pack, context, rule.resolve(binding.options), facts)
        findings.extend(_findings(binding, pack, context, rule.check(inputs)))
    return Verdict(tuple(findings))


def _applies(rule: Rule, context: Context) -> bool:
    return context.direction == "send" and context.channel in rule.channels


def _findings(
    binding: Binding, pack: Pack, context: Context, hits: Iterable[Hit]
) -> Iterator[Finding]:
    for hit in hits:
        action = hit.action or binding.action
        message = hit.message
        if action is Action.ENCRYPT and pack.encryption_route is None:
            action, message = Action.BLOCK, message + _NO_ROUTE
        yield Finding(
            rule=binding.id,
            clause=binding.clause,
            clauses=binding.clauses,
            action=action,
            message=message,
            fix=hit.fix,
            evidence=hit.evidence,
            overridden=context.override and action is Action.WARN,
            audit_only=binding.audit_only or pack.audit_only,
            unauthenticated=hit.unauthenticated,
        )

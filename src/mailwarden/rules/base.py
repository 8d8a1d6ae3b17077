"""What a rule is: a name, a check over one message, the options it accepts, its docs.

A rule is generic logic ("personal data in the subject"); a pack binds it to a clause, an
action and options. Rules are pure (house rule 3): they read the message, the pack, the
context and the shared `Facts`, and yield `Hit`s. They never choose their own clause or
action, so one rule serves Norfolk's `block` and Telford's `warn`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..message.model import Message
from ..policy.context import Context
from ..policy.findings import Hit
from ..policy.pack import Pack

if TYPE_CHECKING:
    from .facts import Facts

__all__ = ["DOC_SECTIONS", "Rule", "RuleInput"]

DOC_SECTIONS = (
    "What it flags",
    "Clauses",
    "Why",
    "Fires",
    "Passes",
    "Options",
    "Known gaps",
)
"""The fixed sections of every rule's docstring, in order (house rule 2); docs come from them."""


@dataclass(frozen=True, slots=True)
class RuleInput:
    """Everything a rule may look at for one message under one binding."""

    message: Message
    pack: Pack
    context: Context
    options: Mapping[str, Any]
    facts: Facts


Check = Callable[[RuleInput], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule.

    `options` is the JSON Schema of each option (published in the pack schema, so a pack
    with an unknown or ill-typed option fails to load); `defaults` fills what a binding
    leaves out. `channels` says where it applies: `mail`, or the text channels of
    `check-text` (`sms`, `social`).
    """

    name: str
    summary: str
    check: Check
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    defaults: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    channels: frozenset[str] = frozenset({"mail"})
    doc: str = ""
    family: str = ""

    def options_schema(self) -> dict[str, Any]:
        """The JSON Schema object for a binding's `options` of this rule."""
        return {"type": "object", "additionalProperties": False, "properties": dict(self.options)}

    def resolve(self, options: Mapping[str, Any]) -> Mapping[str, Any]:
        """The binding's options over the rule's defaults, read-only."""
        return MappingProxyType({**self.defaults, **options})

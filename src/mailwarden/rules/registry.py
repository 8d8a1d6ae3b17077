"""The one table of rules: every module under a family package that defines `RULE`.

Discovery keeps the registry honest (a rule cannot exist without being registered) and
lets the meta-tests walk every rule for fixtures and docs.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from types import MappingProxyType

from .base import Rule

__all__ = ["FAMILIES", "all_rules", "get_rule"]

FAMILIES = (
    "personal_data",
    "recipients",
    "misdirection",
    "attachments",
    "conduct",
    "calendar",
    "mailbox",
)


@cache
def all_rules() -> Mapping[str, Rule]:
    """Every rule by name, in family then module order."""
    found: dict[str, Rule] = {}
    for family in FAMILIES:
        package = importlib.import_module(f"{__package__}.{family}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            rule = getattr(module, "RULE", None)
            if not isinstance(rule, Rule):
                continue
            if rule.name in found:
                raise RuntimeError(f"two rules named {rule.name!r}")
            found[rule.name] = replace(rule, doc=module.__doc__ or "", family=family)
    return MappingProxyType(found)


def get_rule(name: str) -> Rule | None:
    """The rule called `name`, or None."""
    return all_rules().get(name)

"""Policy as data: packs, their loading and validation, actions, findings and verdicts.

A pack is YAML (house rule 6: data, validated on load); the engine (`mailwarden.engine`)
evaluates a message against it with a `Context` and returns a `Verdict` of `Finding`s.
"""

from __future__ import annotations

from .actions import Action, strongest
from .context import Context
from .findings import Evidence, Finding, Hit, Verdict
from .loader import builtin_names, load_pack, schema
from .pack import Binding, Clause, EncryptionRoute, Pack

__all__ = [
    "Action",
    "Binding",
    "Clause",
    "Context",
    "EncryptionRoute",
    "Evidence",
    "Finding",
    "Hit",
    "Pack",
    "Verdict",
    "builtin_names",
    "load_pack",
    "schema",
    "strongest",
]

"""A loaded policy pack: the organisation's settings, its clauses and its rule bindings.

Packs are data (house rule 6): this module only holds the validated values and answers
questions about addresses (is this domain internal? already encrypted in transit?). Loading,
`extends:` and validation live in `loader.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .actions import Action
from .domains import DomainSet

__all__ = [
    "MODES",
    "Binding",
    "Clause",
    "DomainClass",
    "EncryptionRoute",
    "Pack",
    "WorkingHours",
]

MODES = ("SEND", "RECEIVE", "AUDIT", "LIFECYCLE", "WORKFLOW", "GUIDANCE")

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Clause:
    """One numbered clause of the organisation's policy, with the seed's own words."""

    id: str
    title: str
    modes: tuple[str, ...]
    text: str = ""
    pending: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Binding:
    """A rule bound to a clause: which action it takes here and with which options."""

    id: str
    rule: str
    clause: str
    also: tuple[str, ...] = ()
    action: Action = Action.WARN
    options: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    audit_only: bool = False

    @property
    def clauses(self) -> tuple[str, ...]:
        return (self.clause, *self.also)


@dataclass(frozen=True, slots=True)
class EncryptionRoute:
    """How the gateway hands a message to encryption: a header and/or a subject tag."""

    name: str
    header: str = ""
    value: str = ""
    subject_tag: str = ""


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Working days (0 = Monday) and hours, in the pack's time zone."""

    days: frozenset[int] = frozenset(range(5))
    start: dt.time = dt.time(9)
    end: dt.time = dt.time(17)


class DomainClass:
    """Where a recipient domain sits, from the pack's point of view (internal tested first)."""

    INTERNAL = "internal"
    FORCED_ENCRYPTION = "forced-encryption"
    SECURE = "secure"
    EXTERNAL = "external"


@dataclass(frozen=True, slots=True)
class Pack:
    """A validated pack. Lists are tuples and maps read-only, so rules cannot change them."""

    name: str
    organisation: str
    clauses: Mapping[str, Clause]
    bindings: tuple[Binding, ...]
    source: str = ""
    policy_title: str = ""
    timezone: str = "Europe/London"
    working_hours: WorkingHours = field(default_factory=WorkingHours)
    internal_domains: DomainSet = field(default_factory=DomainSet)
    forced_encryption_suffixes: DomainSet = field(default_factory=DomainSet)
    secure_domains: DomainSet = field(default_factory=DomainSet)
    encryption_route: EncryptionRoute | None = None
    webmail_domains: DomainSet = field(default_factory=DomainSet)
    print_service_domains: DomainSet = field(default_factory=DomainSet)
    approved_print_services: tuple[str, ...] = ()
    distribution_lists: tuple[str, ...] = ()
    all_staff_addresses: tuple[str, ...] = ()
    all_staff_authorisers: tuple[str, ...] = ()
    group_mailboxes: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    shared_mailboxes: tuple[str, ...] = ()
    personal_addresses: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    published_contacts: tuple[str, ...] = ()
    case_id_patterns: tuple[re.Pattern[str], ...] = ()
    consent_markers: tuple[str, ...] = ()
    audit_only: bool = False

    def classify(self, domain: str) -> str:
        """The `DomainClass` of a recipient domain; internal domains are tested first."""
        if self.internal_domains.matches(domain):
            return DomainClass.INTERNAL
        if self.forced_encryption_suffixes.matches(domain):
            return DomainClass.FORCED_ENCRYPTION
        if self.secure_domains.matches(domain):
            return DomainClass.SECURE
        return DomainClass.EXTERNAL

    def is_internal(self, domain: str) -> bool:
        return self.internal_domains.matches(domain)

    def send_clauses(self) -> tuple[Clause, ...]:
        """Clauses with a SEND mode, in pack order."""
        return tuple(c for c in self.clauses.values() if "SEND" in c.modes)

"""The published JSON Schema of a pack file: the contract a pack must meet (DESIGN).

Built from code rather than kept as a static file so that every rule's options are part of
it: a binding with an unknown or ill-typed option fails validation at the line it is on.
Every key is optional here because a file may `extends:` another and override one value;
what a complete pack must have is checked after merging.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .actions import BINDABLE
from .pack import MODES

__all__ = ["CLAUSE_ID", "SCHEMA_ID", "pack_schema"]

SCHEMA_ID = "https://mailwarden.invalid/schema/pack.json"
CLAUSE_ID = r"^[A-Z][A-Z0-9]*-[A-Za-z0-9.]+$"
_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_TIME = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}


def _strings(description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "description": description,
    }


def _address_map(description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 3}},
        "description": description,
    }


_ORGANISATION: dict[str, Any] = {
    "extends": {
        "type": "string",
        "description": "a built-in pack name or a path (relative to this file)",
    },
    "organisation": {"type": "string", "minLength": 1},
    "policy_title": {"type": "string"},
    "timezone": {"type": "string", "description": "IANA zone for times without one"},
    "working_hours": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "days": {"type": "array", "items": {"enum": _DAYS}, "uniqueItems": True},
            "start": _TIME,
            "end": _TIME,
        },
    },
    "internal_domains": _strings("the organisation's own domains; tested first"),
    "forced_encryption_suffixes": _strings("recipient domains mail is always encrypted to"),
    "secure_domains": _strings("partners with enforced TLS: already protected"),
    "encryption_route": {
        "oneOf": [
            {"type": "null"},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "header": {"type": "string"},
                    "value": {"type": "string"},
                    "subject_tag": {"type": "string"},
                },
            },
        ],
        "description": "how the gateway hands mail to encryption; null: encrypt becomes block",
    },
    "webmail_domains": _strings("personal mail providers"),
    "print_service_domains": _strings("mail-to-print services"),
    "approved_print_services": _strings("print-service addresses or domains that are approved"),
    "distribution_lists": _strings("the organisation's distribution lists"),
    "all_staff_addresses": _strings("lists that reach all staff"),
    "all_staff_authorisers": _strings("who may authorise all-staff mail (empty: statement alone)"),
    "group_mailboxes": _address_map("group mailbox -> authorised senders"),
    "shared_mailboxes": _strings("generic or team mailboxes"),
    "personal_addresses": _address_map("staff address -> their known personal addresses"),
    "published_contacts": _strings("the organisation's published addresses and phone numbers"),
    "case_id_patterns": _strings("regular expressions for case identifiers allowed in subjects"),
    "consent_markers": _strings("phrases recording the data subject's consent"),
    "audit_only": {"type": "boolean", "description": "findings recorded, verdict unchanged"},
}

_CLAUSE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "text": {"type": "string"},
        "modes": {
            "type": "array",
            "items": {"enum": list(MODES)},
            "minItems": 1,
            "uniqueItems": True,
        },
        "pending": {"type": "string", "minLength": 1},
        "note": {"type": "string"},
    },
}


def _binding(rule_options: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
            "rule": {"enum": sorted(rule_options)},
            "clause": {"type": "string", "pattern": CLAUSE_ID},
            "also": {"type": "array", "items": {"type": "string", "pattern": CLAUSE_ID}},
            "action": {"enum": [str(a) for a in BINDABLE]},
            "options": {"type": "object"},
            "audit_only": {"type": "boolean"},
            "enabled": {"type": "boolean"},
        },
        "allOf": [
            {
                "if": {"required": ["rule"], "properties": {"rule": {"const": name}}},
                "then": {"properties": {"options": schema}},
            }
            for name, schema in sorted(rule_options.items())
        ],
    }


def pack_schema(rule_options: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """The schema of one pack file, given each rule's options schema by rule name."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mailwarden policy pack",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            **_ORGANISATION,
            "clauses": {
                "type": "object",
                "propertyNames": {"pattern": CLAUSE_ID},
                "additionalProperties": _CLAUSE,
            },
            "rules": {"type": "array", "items": _binding(rule_options)},
        },
    }

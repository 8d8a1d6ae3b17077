"""Loading a pack: built-in name or path, `extends:` chains, validation with file and line.

DESIGN: maps merge deeply, lists replace, and `rules` merge by binding `id` (default: the
rule name): an entry whose id exists deep-merges into it and needs no other key; `enabled:
false` removes it. Unknown keys, rules, clauses or options stop loading (house rule 6) with
one line naming the file, the line and the key.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import zoneinfo
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema

from ..errors import ConfigError
from ._yaml import SourceFile, read_yaml
from .actions import Action
from .domains import DomainSet
from .pack import Binding, Clause, EncryptionRoute, Pack, WorkingHours
from .schema import pack_schema

__all__ = ["builtin_names", "load_pack", "schema"]

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_REQUIRED = ("organisation", "internal_domains", "clauses", "rules")
_PATTERN_WORDS = {
    r"^([01]\d|2[0-3]):[0-5]\d$": "a time written HH:MM (e.g. 08:30)",
    r"^[A-Z][A-Z0-9]*-[A-Za-z0-9.]+$": "a clause ID such as NCC-E8",
    r"^[a-z0-9][a-z0-9-]*$": "a binding id in lower case with hyphens",
}


def builtin_names() -> tuple[str, ...]:
    """Names of the packs shipped with mailwarden."""
    folder = resources.files("mailwarden").joinpath("packs")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


def _rules() -> Mapping[str, Any]:
    from ..rules.registry import all_rules  # rules import the pack types; import them late

    return all_rules()


def schema() -> dict[str, Any]:
    """The published pack schema, with every registered rule's options."""
    return pack_schema({name: rule.options_schema() for name, rule in _rules().items()})


@cache
def _validator() -> jsonschema.protocols.Validator:
    return _checked(schema())


def _checked(definition: dict[str, Any]) -> jsonschema.protocols.Validator:
    """A validator that also checks formats, so a `format: regex` option must compile."""
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(definition, format_checker=checker)


def _locate(ref: str, relative_to: Path | None) -> tuple[Path, str, str]:
    """(path, label for messages, pack name) for a built-in name or a path."""
    if "/" not in ref and "\\" not in ref and not ref.endswith((".yaml", ".yml")):
        if ref in builtin_names():
            folder = resources.files("mailwarden").joinpath("packs")
            return Path(str(folder.joinpath(f"{ref}.yaml"))), f"{ref} (built-in pack)", ref
        known = ", ".join(builtin_names())
        raise ConfigError(f"no built-in pack named {ref!r} (built-in: {known}; or give a path)")
    path = Path(ref) if relative_to is None else relative_to / ref
    return path, str(path), path.stem


def _file_error(source: SourceFile, error: jsonschema.ValidationError) -> ConfigError:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        unknown = [k for k in error.instance if k not in allowed]
        if unknown:
            return source.error(path, f"unknown key {unknown[0]!r}", key=unknown[0])
    if error.validator == "enum" and path and path[-1] == "rule":
        return source.error(path[:-1], f"unknown rule {error.instance!r}", key="rule")
    where = ".".join(str(p) for p in path) or "top level"
    if error.validator == "pattern":
        expected = _PATTERN_WORDS.get(str(error.validator_value), "in the expected form")
        return source.error(path, f"{where}: {error.instance!r} is not {expected}")
    return source.error(path, f"{where}: {error.message}")


def _validate_file(source: SourceFile) -> dict[str, Any]:
    if source.data is None:
        return {}
    if not isinstance(source.data, dict):
        raise source.error([], "a pack must be a mapping of keys")
    if "rules" in source.data and source.data["rules"] is None:
        source.data["rules"] = []  # `rules:` with only comments below it: no bindings yet
    error = jsonschema.exceptions.best_match(_validator().iter_errors(source.data))
    if error is not None:
        raise _file_error(source, error)
    return source.data


def _binding_id(entry: Mapping[str, Any]) -> str:
    return str(entry.get("id") or entry.get("rule") or "")


def _deep_merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _deep_merge(dict(merged[key]), value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _merge_rules(
    base: list[dict[str, Any]],
    over: list[dict[str, Any]],
    source: SourceFile,
    origins: dict[str, str],
) -> list[dict[str, Any]]:
    rules = {_binding_id(b): b for b in base}
    for index, entry in enumerate(over):
        key = _binding_id(entry)
        if not key:
            raise source.error(["rules", index], "a binding needs an 'id' or a 'rule'")
        origins[key] = f"{source.label}:{source.line(['rules', index])}"
        if entry.get("enabled") is False:
            rules.pop(key, None)
        elif key in rules:
            rules[key] = _deep_merge(rules[key], entry)
        else:
            rules[key] = copy.deepcopy(dict(entry))
    return list(rules.values())


def _load_chain(
    path: Path, label: str, seen: tuple[Path, ...]
) -> tuple[dict[str, Any], dict[str, str], SourceFile]:
    resolved = path.resolve()
    if resolved in seen:
        raise ConfigError(f"{label}: 'extends' goes round in a circle")
    source = read_yaml(path, label)
    data = _validate_file(source)
    origins: dict[str, str] = {}
    merged: dict[str, Any] = {}
    parent_ref = data.get("extends")
    if parent_ref:
        parent_path, parent_label, _ = _locate(parent_ref, path.parent)
        merged, origins, _ = _load_chain(parent_path, parent_label, (*seen, resolved))
    own = {k: v for k, v in data.items() if k not in ("extends", "rules")}
    merged = _deep_merge(merged, own)
    merged["rules"] = _merge_rules(merged.get("rules", []), data.get("rules", []), source, origins)
    return merged, origins, source


def load_pack(ref: str) -> Pack:
    """Load a built-in pack by name or a pack file by path, validated and merged."""
    path, label, name = _locate(ref, None)
    merged, origins, source = _load_chain(path, label, ())
    missing = [k for k in _REQUIRED if k not in merged]
    if missing:
        raise source.error(
            [], f"missing key {missing[0]!r} (add it, or 'extends' a pack that has it)"
        )
    return _build(name, label, merged, origins)


def _clauses(raw: Mapping[str, Any]) -> Mapping[str, Clause]:
    return MappingProxyType(
        {
            cid: Clause(
                id=cid,
                title=c.get("title", cid),
                modes=tuple(c.get("modes", ())),
                text=c.get("text", ""),
                pending=c.get("pending", ""),
                note=c.get("note", ""),
            )
            for cid, c in raw.items()
        }
    )


def _binding(entry: Mapping[str, Any], clauses: Mapping[str, Clause], origin: str) -> Binding:
    for key in ("rule", "clause", "action"):
        if key not in entry:
            raise ConfigError(f"{origin}: binding {_binding_id(entry)!r} has no {key!r}")
    rule = _rules()[entry["rule"]]
    for cid in (entry["clause"], *entry.get("also", ())):
        if cid not in clauses:
            raise ConfigError(f"{origin}: clause {cid!r} is not in this pack's clauses")
    options = entry.get("options", {})
    error = jsonschema.exceptions.best_match(_checked(rule.options_schema()).iter_errors(options))
    if error is not None:
        unknown = sorted(set(options) - set(rule.options))
        detail = f"unknown option {unknown[0]!r}" if unknown else error.message
        raise ConfigError(f"{origin}: options of {_binding_id(entry)!r}: {detail}")
    return Binding(
        id=_binding_id(entry),
        rule=entry["rule"],
        clause=entry["clause"],
        also=tuple(entry.get("also", ())),
        action=Action(entry["action"]),
        options=MappingProxyType(dict(options)),
        audit_only=bool(entry.get("audit_only", False)),
    )


def _patterns(values: list[str], label: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for value in values:
        try:
            compiled.append(re.compile(value))
        except re.error as exc:
            raise ConfigError(
                f"{label}: case_id_patterns: {value!r} is not a valid pattern: {exc}"
            ) from None
    return tuple(compiled)


def _working_hours(raw: Mapping[str, Any]) -> WorkingHours:
    default = WorkingHours()
    days = raw.get("days")
    return WorkingHours(
        days=frozenset(_DAYS.index(d) for d in days) if days is not None else default.days,
        start=dt.time.fromisoformat(raw["start"]) if "start" in raw else default.start,
        end=dt.time.fromisoformat(raw["end"]) if "end" in raw else default.end,
    )


def _route(raw: Mapping[str, Any] | None) -> EncryptionRoute | None:
    if raw is None:
        return None
    return EncryptionRoute(
        name=raw["name"],
        header=raw.get("header", ""),
        value=raw.get("value", ""),
        subject_tag=raw.get("subject_tag", ""),
    )


def _lower_map(raw: Mapping[str, list[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k.lower(): tuple(v.lower() for v in vs) for k, vs in raw.items()})


def _lower(values: list[str]) -> tuple[str, ...]:
    return tuple(v.lower() for v in values)


def _build(name: str, label: str, raw: dict[str, Any], origins: dict[str, str]) -> Pack:
    timezone = raw.get("timezone", "Europe/London")
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{label}: timezone {timezone!r} is not a known time zone") from None
    clauses = _clauses(raw["clauses"])
    bindings = tuple(
        _binding(entry, clauses, origins.get(_binding_id(entry), label)) for entry in raw["rules"]
    )
    return Pack(
        name=name,
        organisation=raw["organisation"],
        clauses=clauses,
        bindings=bindings,
        source=label,
        policy_title=raw.get("policy_title", ""),
        timezone=timezone,
        working_hours=_working_hours(raw.get("working_hours", {})),
        internal_domains=DomainSet.of(raw.get("internal_domains", [])),
        forced_encryption_suffixes=DomainSet.of(raw.get("forced_encryption_suffixes", [])),
        secure_domains=DomainSet.of(raw.get("secure_domains", [])),
        encryption_route=_route(raw.get("encryption_route")),
        webmail_domains=DomainSet.of(raw.get("webmail_domains", [])),
        print_service_domains=DomainSet.of(raw.get("print_service_domains", [])),
        approved_print_services=_lower(raw.get("approved_print_services", [])),
        distribution_lists=_lower(raw.get("distribution_lists", [])),
        all_staff_addresses=_lower(raw.get("all_staff_addresses", [])),
        all_staff_authorisers=_lower(raw.get("all_staff_authorisers", [])),
        group_mailboxes=_lower_map(raw.get("group_mailboxes", {})),
        shared_mailboxes=_lower(raw.get("shared_mailboxes", [])),
        personal_addresses=_lower_map(raw.get("personal_addresses", {})),
        published_contacts=tuple(raw.get("published_contacts", [])),
        case_id_patterns=_patterns(raw.get("case_id_patterns", []), label),
        consent_markers=tuple(raw.get("consent_markers", [])),
        audit_only=bool(raw.get("audit_only", False)),
    )

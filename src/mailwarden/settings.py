"""Deployment settings: one YAML file plus `MAILWARDEN_*` variables, loaded once for every command.

Precedence (DESIGN): command-line flag > environment variable `MAILWARDEN_<KEY>` > settings
file (`--settings PATH`, else `MAILWARDEN_SETTINGS`, else `./mailwarden.yaml` if present) >
built-in default. An unknown key is an error naming where it was found (file and line, or
the variable), because a misspelt key silently ignored is a policy silently not applied.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from platformdirs import user_data_dir

from .errors import ConfigError
from .message.limits import Limits

__all__ = ["Settings", "default_store_url", "load_settings"]

ENV_PREFIX = "MAILWARDEN_"
SETTINGS_ENV = "MAILWARDEN_SETTINGS"
DEFAULT_FILE = "mailwarden.yaml"
DEFAULT_HISTORY_RETENTION_DAYS = 396
"""Recipient history is kept 13 months by default (a year and a month of slack)."""
DEFAULT_INTERNAL_NETWORKS = ("127.0.0.0/8", "::1/128")


def default_store_url() -> str:
    """A SQLite file in the user's data directory: works with no set-up at all."""
    return f"sqlite:///{Path(user_data_dir('mailwarden')) / 'mailwarden.db'}"


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings, and where each value came from (for `settings show`)."""

    policy: str | None = None
    store_url: str = field(default_factory=default_store_url)
    encryption_tag: Mapping[str, Any] = field(default_factory=lambda: _frozen(None))
    limits: Limits = field(default_factory=Limits)
    api_keys: tuple[str, ...] = ()
    override_signing_key: str | None = None
    notices: Mapping[str, Any] = field(default_factory=lambda: _frozen(None))
    internal_networks: tuple[str, ...] = DEFAULT_INTERNAL_NETWORKS
    milter: Mapping[str, Any] = field(default_factory=lambda: _frozen(None))
    history_retention_days: int = DEFAULT_HISTORY_RETENTION_DAYS
    origins: Mapping[str, str] = field(default_factory=lambda: _frozen(None))


KEYS = tuple(f.name for f in fields(Settings) if f.name != "origins")


def _key_lines(text: str) -> dict[str, int]:
    """Line number (1-based) of each top-level key, for error messages."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ConfigError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the settings file must be a mapping of keys to values")
    lines = _key_lines(text)
    for key in data:
        if key not in KEYS:
            raise ConfigError(
                f"{path}:{lines.get(str(key), 1)}: unknown setting '{key}' "
                f"(known: {', '.join(KEYS)})"
            )
    return data


def _settings_file(flag: str | None, environ: Mapping[str, str]) -> Path | None:
    chosen = flag or environ.get(SETTINGS_ENV)
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise ConfigError(f"settings file not found: {path}")
        return path
    default = Path(DEFAULT_FILE)
    return default if default.is_file() else None


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """`MAILWARDEN_<KEY>` values; structured keys are read as YAML (`{max_depth: 4}`)."""
    values: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or name == SETTINGS_ENV:
            continue
        key = name[len(ENV_PREFIX) :].lower()
        if key not in KEYS:
            raise ConfigError(
                f"unknown setting in environment variable {name} "
                f"(known: {', '.join(ENV_PREFIX + k.upper() for k in KEYS)})"
            )
        if key in (
            "limits",
            "encryption_tag",
            "notices",
            "api_keys",
            "internal_networks",
            "milter",
        ):
            try:
                values[key] = yaml.safe_load(raw)
            except yaml.YAMLError:
                raise ConfigError(f"{name}: not valid YAML") from None
        else:
            values[key] = raw
    return values


def _limits(value: Any, origin: str) -> Limits:
    if value is None:
        return Limits()
    if not isinstance(value, dict):
        raise ConfigError(f"{origin}: 'limits' must be a mapping")
    defaults = Limits()
    for key, item in value.items():
        if not hasattr(defaults, str(key)):
            names = ", ".join(f.name for f in fields(Limits))
            raise ConfigError(f"{origin}: unknown limit '{key}' (known: {names})")
        if isinstance(item, bool) or not isinstance(item, int | float) or item < 0:
            raise ConfigError(f"{origin}: limit '{key}' must be a number of at least 0")
    return Limits.from_mapping(value)


def _api_keys(value: Any, origin: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(k.strip() for k in value.split(",") if k.strip())
    if isinstance(value, list) and all(isinstance(k, str) for k in value):
        return tuple(value)
    raise ConfigError(f"{origin}: 'api_keys' must be a list of strings")


def _networks(value: Any, origin: str) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_INTERNAL_NETWORKS
    items = [v.strip() for v in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{origin}: 'internal_networks' must be a list of networks")
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ConfigError(f"{origin}: 'internal_networks': not a network: {item!r}") from None
    return tuple(v for v in items if v)


MILTER_KEYS = {
    "socket": str,
    "socket_mode": str,
    "timeout": float,
    "drain_seconds": float,
    "workers": int,
}
ON_ERROR = ("tempfail", "accept", "hold")


def _milter(value: Any, origin: str) -> Mapping[str, Any]:
    """The gateway's `milter` section: socket, timeout, drain_seconds, workers, on_error."""
    section = _mapping(value, "milter", origin)
    for key, item in section.items():
        if key == "on_error":
            if item not in ON_ERROR:
                raise ConfigError(
                    f"{origin}: milter 'on_error' must be one of {', '.join(ON_ERROR)}"
                )
        elif key not in MILTER_KEYS:
            known = ", ".join([*MILTER_KEYS, "on_error"])
            raise ConfigError(f"{origin}: unknown milter setting '{key}' (known: {known})")
        elif MILTER_KEYS[key] is str and not isinstance(item, str):
            raise ConfigError(f"{origin}: milter '{key}' must be text")
        elif MILTER_KEYS[key] is not str and (
            isinstance(item, bool) or not isinstance(item, int | float) or item <= 0
        ):
            raise ConfigError(f"{origin}: milter '{key}' must be a number above 0")
    return section


def _mapping(value: Any, key: str, origin: str) -> Mapping[str, Any]:
    if value is None:
        return _frozen(None)
    if not isinstance(value, dict):
        raise ConfigError(f"{origin}: '{key}' must be a mapping")
    return _frozen(value)


def _text(value: Any, key: str, origin: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ConfigError(f"{origin}: '{key}' must be text")
    return str(value)


def _days(value: Any, key: str, origin: str, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{origin}: '{key}' must be a whole number of days, at least 1")
    return value


def load_settings(
    flags: Mapping[str, Any] | None = None,
    settings_path: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Merge defaults, file, environment and flags (strongest last) into `Settings`.

    `flags` holds only the options the user actually gave (None values are ignored).
    """
    env = os.environ if environ is None else environ
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path = _settings_file(settings_path, env)
    layers = [
        (str(path), _read_file(path) if path else {}),
        ("environment", _from_environment(env)),
        ("command line", {k: v for k, v in (flags or {}).items() if v is not None}),
    ]
    for origin, values in layers:
        for key, value in values.items():
            earlier = merged.get(key)
            both_maps = isinstance(value, dict) and isinstance(earlier, dict)
            merged[key] = {**earlier, **value} if both_maps else value  # type: ignore[dict-item]
            origins[key] = origin
    where = origins.get
    store = _text(merged.get("store_url"), "store_url", where("store_url", ""))
    return Settings(
        policy=_text(merged.get("policy"), "policy", where("policy", "")),
        store_url=store or default_store_url(),
        encryption_tag=_mapping(
            merged.get("encryption_tag"), "encryption_tag", where("encryption_tag", "")
        ),
        limits=_limits(merged.get("limits"), where("limits", "")),
        api_keys=_api_keys(merged.get("api_keys"), where("api_keys", "")),
        override_signing_key=_text(
            merged.get("override_signing_key"),
            "override_signing_key",
            where("override_signing_key", ""),
        ),
        notices=_mapping(merged.get("notices"), "notices", where("notices", "")),
        internal_networks=_networks(
            merged.get("internal_networks"), where("internal_networks", "")
        ),
        milter=_milter(merged.get("milter"), where("milter", "")),
        history_retention_days=_days(
            merged.get("history_retention_days"),
            "history_retention_days",
            where("history_retention_days", ""),
            DEFAULT_HISTORY_RETENTION_DAYS,
        ),
        origins=_frozen({key: origins.get(key, "default") for key in KEYS}),
    )

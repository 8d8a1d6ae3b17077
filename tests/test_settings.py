"""The settings loader: precedence, unknown keys with file and line, limits, secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailwarden.errors import ConfigError
from mailwarden.settings import default_store_url, load_settings


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mailwarden.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_defaults_when_nothing_is_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.policy is None
    assert settings.store_url == default_store_url()
    assert settings.store_url.startswith("sqlite:///")
    assert settings.limits.max_depth == 8
    assert settings.origins["policy"] == "default"


def test_flag_beats_environment_beats_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "policy: cambridge\nstore_url: sqlite:///file.db\n")
    env = {"MAILWARDEN_POLICY": "telford"}
    assert load_settings(settings_path=path, environ={}).policy == "cambridge"
    assert load_settings(settings_path=path, environ=env).policy == "telford"
    settings = load_settings({"policy": "norfolk"}, settings_path=path, environ=env)
    assert settings.policy == "norfolk"
    assert settings.origins["policy"] == "command line"
    assert settings.store_url == "sqlite:///file.db"
    assert settings.origins["store_url"] == path


def test_settings_file_from_environment_and_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "policy: telford\n")
    assert load_settings(environ={"MAILWARDEN_SETTINGS": path}).policy == "telford"
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}).policy == "telford"


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "policy: norfolk\n\nstore_ulr: x\n")
    with pytest.raises(ConfigError, match=r"mailwarden.yaml:3: unknown setting 'store_ulr'"):
        load_settings(settings_path=path, environ={})


def test_unknown_environment_variable_is_named() -> None:
    with pytest.raises(ConfigError, match="MAILWARDEN_POLICIES"):
        load_settings(environ={"MAILWARDEN_POLICIES": "x"})


def test_limits_merge_file_and_environment(tmp_path: Path) -> None:
    path = _write(tmp_path, "limits:\n  max_depth: 3\n  max_members: 10\n")
    settings = load_settings(settings_path=path, environ={"MAILWARDEN_LIMITS": "{max_depth: 5}"})
    assert settings.limits.max_depth == 5
    assert settings.limits.max_members == 10


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("limits:\n  max_dept: 3\n", "unknown limit 'max_dept'"),
        ("limits:\n  max_depth: -1\n", "at least 0"),
        ("limits: 3\n", "must be a mapping"),
        ("api_keys: 3\n", "list of strings"),
        ("- a\n- b\n", "must be a mapping"),
        ("policy: [unclosed\n", "not valid YAML"),
        ("history_retention_days: 0\n", "whole number of days"),
        ("history_retention_days: ten\n", "whole number of days"),
    ],
)
def test_bad_values_are_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(settings_path=_write(tmp_path, text), environ={})


def test_missing_settings_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="settings file not found"):
        load_settings(settings_path=str(tmp_path / "absent.yaml"), environ={})


def test_api_keys_from_environment_list_or_commas() -> None:
    assert load_settings(environ={"MAILWARDEN_API_KEYS": "a, b"}).api_keys == ("a", "b")
    assert load_settings(environ={"MAILWARDEN_API_KEYS": "[c]"}).api_keys == ("c",)


def test_history_retention_days_defaults_to_13_months() -> None:
    assert load_settings(environ={}).history_retention_days == 396
    env = {"MAILWARDEN_HISTORY_RETENTION_DAYS": "30"}
    assert load_settings(environ=env).history_retention_days == 30

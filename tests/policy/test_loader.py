"""Loading packs: built-ins, `extends:` merging, and one-line errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailwarden.errors import ConfigError
from mailwarden.policy.actions import Action
from mailwarden.policy.loader import builtin_names, load_pack, schema
from mailwarden.policy.pack import DomainClass


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_three_built_in_packs_load() -> None:
    assert builtin_names() == ("cambridge", "norfolk", "telford")
    for name in builtin_names():
        pack = load_pack(name)
        assert pack.name == name and pack.clauses and pack.bindings


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("norfolk.gov.uk", DomainClass.INTERNAL),  # internal although it ends in .gov.uk
        ("schools.norfolk.gov.uk", DomainClass.INTERNAL),
        ("suffolk.gov.uk", DomainClass.FORCED_ENCRYPTION),
        ("nhs.net", DomainClass.FORCED_ENCRYPTION),
        ("trust.nhs.uk", DomainClass.FORCED_ENCRYPTION),
        ("evilnhs.net", DomainClass.EXTERNAL),
        ("gmail.com", DomainClass.EXTERNAL),
        ("norfolk.gov.uk.example", DomainClass.EXTERNAL),
    ],
)
def test_norfolk_classifies_domains_internal_first(domain: str, expected: str) -> None:
    assert load_pack("norfolk").classify(domain) == expected


def test_extends_merges_maps_replaces_lists_and_merges_rules_by_id(tmp_path: Path) -> None:
    ref = _write(
        tmp_path,
        "local.yaml",
        "extends: norfolk\n"
        "secure_domains: [partner.example]\n"
        "group_mailboxes: {'team@norfolk.gov.uk': ['a.officer@norfolk.gov.uk']}\n"
        "rules:\n"
        "  - id: personal-data-in-subject\n"
        "    action: warn\n"
        "    audit_only: true\n"
        "  - id: personal-data-in-calendar-item\n"
        "    enabled: false\n",
    )
    base, local = load_pack("norfolk"), load_pack(ref)
    assert local.classify("mail.partner.example") == DomainClass.SECURE
    assert local.group_mailboxes == {"team@norfolk.gov.uk": ("a.officer@norfolk.gov.uk",)}
    subject = next(b for b in local.bindings if b.id == "personal-data-in-subject")
    assert subject.action is Action.WARN and subject.audit_only and subject.clause == "NCC-E8"
    assert "personal-data-in-calendar-item" not in {b.id for b in local.bindings}
    assert len(local.bindings) == len(base.bindings) - 1
    assert local.clauses == base.clauses


def test_extends_by_relative_path_chains(tmp_path: Path) -> None:
    _write(tmp_path, "middle.yaml", "extends: telford\naudit_only: true\n")
    (tmp_path / "sub").mkdir()
    ref = _write(tmp_path / "sub", "top.yaml", "extends: ../middle.yaml\ntimezone: UTC\n")
    pack = load_pack(ref)
    assert pack.audit_only and pack.timezone == "UTC" and pack.organisation.startswith("Telford")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "extends: norfolk\ninternal_domain: [x.example]\n",
            "local.yaml:2: unknown key 'internal_domain'",
        ),
        (
            "extends: norfolk\nrules:\n  - rule: no-such-rule\n"
            "    clause: NCC-E8\n    action: warn\n",
            "local.yaml:3: unknown rule 'no-such-rule'",
        ),
        (
            "extends: norfolk\nrules:\n  - rule: personal-data-in-subject\n    id: second\n"
            "    clause: NCC-Z9\n    action: warn\n",
            "clause 'NCC-Z9' is not in this pack's clauses",
        ),
        (
            "extends: norfolk\nrules:\n  - id: personal-data-in-subject\n    action: shout\n",
            "local.yaml:4: rules.0.action: 'shout' is not one of",
        ),
        (
            "extends: norfolk\nrules:\n  - id: personal-data-in-subject\n"
            "    options: {colour: red}\n",
            "local.yaml:3: options of 'personal-data-in-subject': unknown option 'colour'",
        ),
        (
            "extends: norfolk\ntimezone: Mars/Olympus\n",
            "timezone 'Mars/Olympus' is not a known time zone",
        ),
        ("extends: norfolk\ncase_id_patterns: ['(unclosed']\n", "is not a valid pattern"),
        ("extends: nowhere\n", "no built-in pack named 'nowhere'"),
        ("extends: norfolk\n  bad: [\n", "local.yaml:2: not valid YAML"),
        ("organisation: Somewhere\n", "missing key 'internal_domains'"),
        ("extends: local.yaml\n", "'extends' goes round in a circle"),
    ],
)
def test_bad_packs_fail_with_one_line_naming_file_and_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    ref = _write(tmp_path, "local.yaml", text)
    with pytest.raises(ConfigError) as error:
        load_pack(ref)
    message = str(error.value)
    assert expected in message and "\n" not in message


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_pack(str(tmp_path / "absent.yaml"))


def test_schema_lists_every_rule_and_its_options() -> None:
    published = schema()
    binding = published["properties"]["rules"]["items"]
    assert "personal-data-in-subject" in binding["properties"]["rule"]["enum"]
    assert published["additionalProperties"] is False
    options = [c["then"]["properties"]["options"] for c in binding["allOf"]]
    assert all(o["additionalProperties"] is False for o in options)


def test_a_regex_option_that_does_not_compile_fails_at_load(tmp_path: Path) -> None:
    ref = _write(
        tmp_path,
        "local.yaml",
        "extends: cambridge\nrules:\n  - id: all-staff-without-authorisation\n"
        "    options: {statement_patterns: ['(unclosed']}\n",
    )
    with pytest.raises(ConfigError, match=r"local.yaml:3: .*'\(unclosed' is not a 'regex'"):
        load_pack(ref)

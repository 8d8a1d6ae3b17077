"""Meta-tests over the rule registry and the built-in packs (house rules 2, 6 and 7).

A rule without a firing and a passing fixture, without its fixed docstring sections, or
bound nowhere fails here; so does a SEND clause of a built-in pack that is neither
enforced, nor pending with a reason, nor guidance.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mailwarden.policy.coverage import coverage
from mailwarden.policy.loader import builtin_names, load_pack
from mailwarden.rules.base import DOC_SECTIONS
from mailwarden.rules.registry import all_rules

from .harness import load_cases

FIXTURES = Path(__file__).parent / "fixtures"
RULES = sorted(all_rules())
PACKS = builtin_names()


@pytest.mark.parametrize("name", RULES)
def test_rule_has_a_firing_and_a_passing_fixture(name: str) -> None:
    folder = FIXTURES / name
    assert (folder / "cases.yaml").is_file(), f"{name}: no fixtures in {folder}"
    cases = [c for c in load_cases(FIXTURES) if c.folder == folder]
    assert any(c.expected_findings() for c in cases), f"{name}: no case where it fires"
    assert any(not c.expected_findings() for c in cases), f"{name}: no case where it passes"


@pytest.mark.parametrize("name", RULES)
def test_rule_docstring_has_the_fixed_sections_in_order(name: str) -> None:
    doc = all_rules()[name].doc
    headings = re.findall(r"^([A-Z][A-Za-z ]+):$", doc, flags=re.MULTILINE)
    assert tuple(headings) == DOC_SECTIONS, f"{name}: sections {headings}"


@pytest.mark.parametrize("name", RULES)
def test_rule_is_bound_in_a_built_in_pack(name: str) -> None:
    bound = {b.rule for pack in PACKS for b in load_pack(pack).bindings}
    assert name in bound, f"{name} is bound by no built-in pack"


@pytest.mark.parametrize("pack_name", PACKS)
def test_every_send_clause_is_enforced_pending_with_reason_or_guidance(pack_name: str) -> None:
    unaccounted = [
        line.id
        for line in coverage(load_pack(pack_name))
        if "SEND" in line.modes and line.status == "pending" and line.pending == "send rules"
    ]
    assert not unaccounted, f"{pack_name}: SEND clauses with no rule and no reason: {unaccounted}"


def test_every_fixture_folder_names_a_rule() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders <= set(RULES), f"fixtures for unknown rules: {sorted(folders - set(RULES))}"

"""Every rule fixture gives the verdict and the findings its case says, written from the policy.

The golden file beside each message pins the whole `check` JSON (messages, fixes, masked
evidence), so a wording or masking change shows up in review; refresh with --update-golden.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .harness import Case, load_cases, run_case

FIXTURES = Path(__file__).parent / "fixtures"
CASES = load_cases(FIXTURES)


def _rule_of(finding_rule: str, case: Case) -> str:
    for binding in case.pack().bindings:
        if binding.id == finding_rule:
            return binding.rule
    return finding_rule


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_gives_expected_verdict_and_findings(
    case: Case, request: pytest.FixtureRequest
) -> None:
    verdict, _, data = run_case(case)
    rule_under_test = case.folder.name
    got = {
        (f.rule, f.clause, str(f.action))
        for f in verdict.findings
        if _rule_of(f.rule, case) == rule_under_test
    }
    assert got == case.expected_findings(), json.dumps(data, indent=1)
    assert str(verdict.action) == case.raw["verdict"], json.dumps(data, indent=1)
    golden = case.golden
    rendered = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if request.config.getoption("--update-golden"):
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"{golden} missing: review the output and write it with --update-golden"
    assert golden.read_text(encoding="utf-8") == rendered, f"{golden} drifted (--update-golden)"

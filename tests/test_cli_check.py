"""`mailwarden check`, `check-text` and `policy` as a user runs them (DESIGN CLI contract)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import _decode, run

FIXTURES = Path(__file__).parent / "rules" / "fixtures"
BLOCKED = FIXTURES / "personal-data-in-subject" / "fires-name-and-nhs-number.eml"
ALLOWED = FIXTURES / "personal-data-in-subject" / "passes-case-number-only.eml"
ENCRYPT = (
    FIXTURES / "personal-data-to-external-recipient" / "fires-norfolk-referral-to-provider.eml"
)
FINDING_KEYS = {
    "rule", "clause", "clauses", "action", "message", "fix", "overridden", "audit_only", "evidence"
}  # fmt: skip


def _lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_json_lines_follow_the_contract_and_exit_1_on_block() -> None:
    result = run("check", str(ALLOWED), str(BLOCKED), "--policy", "norfolk", "--format", "json")
    out, err = _decode(result)
    assert result.returncode == 1 and not err
    allowed, blocked = _lines(out)
    assert allowed == {"source": str(ALLOWED), "verdict": "allow", "findings": []}
    assert blocked["verdict"] == "block"
    finding = blocked["findings"][0]  # type: ignore[index]
    assert set(finding) == FINDING_KEYS
    assert finding["clause"] == "NCC-E8" and finding["clauses"] == ["NCC-E8"]
    assert {e["where"] for e in finding["evidence"]} == {"subject"}
    assert "5919" not in out.replace("*** *** 5919", "")  # only the mask carries digits


def test_encrypt_exits_0_and_allow_exits_0() -> None:
    assert run("check", str(ENCRYPT), "--policy", "norfolk").returncode == 0
    assert run("check", str(ALLOWED), "--policy", "norfolk").returncode == 0


def test_text_report_names_clause_fix_and_masked_evidence() -> None:
    out, _ = _decode(run("check", str(BLOCKED), "--policy", "norfolk"))
    assert "BLOCK" in out and "NCC-E8" in out and "Fix:" in out and "*** *** 5919" in out
    assert "\033[" not in out  # no colour when not a terminal


def test_stdin_and_mbox_sources(tmp_path: Path) -> None:
    result = run(
        "check", "-", "--policy", "norfolk", "--format", "json", stdin=BLOCKED.read_bytes()
    )
    assert _lines(_decode(result)[0])[0]["source"] == "-"
    mbox = tmp_path / "sent.mbox"
    mbox.write_bytes(
        b"From a@b Mon Mar  2 10:00:00 2026\n" + ALLOWED.read_bytes() + b"\n"
        b"From a@b Mon Mar  2 10:00:00 2026\n" + BLOCKED.read_bytes() + b"\n"
    )
    out, _ = _decode(run("check", str(mbox), "--policy", "norfolk", "--format", "json"))
    assert [(d["source"], d["verdict"]) for d in _lines(out)] == [
        (f"{mbox}#1", "allow"),
        (f"{mbox}#2", "block"),
    ]


def test_unreadable_input_exits_2_and_the_run_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    result = run("check", str(empty), str(BLOCKED), "--policy", "norfolk", "--format", "json")
    out, err = _decode(result)
    assert result.returncode == 2
    first, second = _lines(out)
    assert first["source"] == str(empty) and "error" in first and second["verdict"] == "block"
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check", str(ALLOWED)), "no policy"),
        (("check", str(ALLOWED), "--policy", "kent"), "no built-in pack named 'kent'"),
        (("check", str(ALLOWED), "--policy", "norfolk", "--as-of", "yesterday"), "--as-of"),
        (("check-text", "--policy", "telford"), "--channel"),
    ],
)
def test_usage_and_config_errors_exit_2_with_one_line(args: tuple[str, ...], expected: str) -> None:
    result = run(*args, stdin=b"")
    _, err = _decode(result)
    assert result.returncode == 2 and expected in err and len(err.strip().splitlines()) == 1


def test_policy_from_settings_file(tmp_path: Path) -> None:
    (tmp_path / "mailwarden.yaml").write_text("policy: norfolk\n", encoding="utf-8")
    assert run("check", str(BLOCKED.resolve()), cwd=tmp_path).returncode == 1


def test_sender_flag_is_authenticated_and_as_of_sets_the_clock() -> None:
    result = run(
        "check", str(ALLOWED), "--policy", "norfolk", "--sender", "a.officer@norfolk.gov.uk",
        "--as-of", "2026-03-06T16:00", "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0


def test_check_text_sms_blocks_a_name_and_adds_the_channel() -> None:
    text = b"Hi Mrs Bronwen Llewellyn, your housing benefit review is on Tuesday at 10am.\n"
    result = run(
        "check-text", "--channel", "sms", "--policy", "telford", "--format", "json", stdin=text
    )
    data = _lines(_decode(result)[0])[0]
    assert result.returncode == 1 and data["channel"] == "sms" and data["verdict"] == "block"
    assert data["findings"][0]["clause"] == "TWC-SMS"  # type: ignore[index]


def test_policy_coverage_json_contract() -> None:
    out, _ = _decode(run("policy", "coverage", "norfolk", "--format", "json"))
    data = json.loads(out)
    assert data["pack"] == "norfolk"
    statuses = {c["id"]: c for c in data["clauses"]}
    assert statuses["NCC-E8"]["status"] == "enforced" and statuses["NCC-E8"]["rules"]
    assert statuses["NCC-E3"]["status"] == "enforced"  # misdirection rules, with history
    assert statuses["NCC-E13"]["status"] == "pending" and statuses["NCC-E13"]["pending"] == "audit"
    assert statuses["NCC-E14"]["status"] == "enforced" and statuses["NCC-E14"]["pending"] == "audit"
    assert statuses["NCC-X"]["pending"] == "workflow"
    for clause in data["clauses"]:
        assert {"id", "title", "modes", "status", "rules"} <= set(clause)


def test_policy_list_show_schema_and_markdown() -> None:
    out, _ = _decode(run("policy", "list"))
    assert [line.split()[0] for line in out.splitlines()] == ["cambridge", "norfolk", "telford"]
    assert "encryption route: none" in _decode(run("policy", "show", "cambridge"))[0]
    assert json.loads(_decode(run("policy", "schema"))[0])["title"] == "mailwarden policy pack"
    assert _decode(run("policy", "coverage", "telford", "--format", "markdown"))[0].startswith(
        "| clause"
    )


def test_a_time_without_a_zone_reads_history_in_the_packs_zone(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'store.db'}"
    made = run("history", "confirm", "a.officer@norfolk.gov.uk", "duty.team@norfolk.gov.uk",
               "--store", store)  # fmt: skip
    assert made.returncode == 0, _decode(made)
    result = run(
        "check", str(ALLOWED), "--policy", "norfolk", "--store", store,
        "--as-of", "2026-03-06T16:00", "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, _decode(result)

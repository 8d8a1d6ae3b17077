"""The `mailwarden` command as a user runs it: a real process, its output and exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

SAMPLE = (
    b"From: Alex <alex@norfolk.gov.uk>\nTo: sam@example.org\nSubject: Secret name\n\nHello Sam\n"
)


_EMPTY_DATA_HOME = Path(tempfile.mkdtemp(prefix="mailwarden-test-data-"))


def run(
    *args: str,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MAILWARDEN_")}
    # The default store lives in the user's data directory: point it at an empty one, so a
    # store left there by anything else cannot change what a test sees.
    environment["XDG_DATA_HOME"] = str(_EMPTY_DATA_HOME)
    environment |= env or {}
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "mailwarden.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=environment,
        check=False,
        timeout=120,
    )


def _decode(result: subprocess.CompletedProcess[bytes]) -> tuple[str, str]:
    return result.stdout.decode(), result.stderr.decode()


def test_inspect_sample_shows_structure_not_text() -> None:
    result = run("inspect", "--sample")
    out, err = _decode(result)
    assert result.returncode == 0, err
    assert "priya.natarajan@norfolk.gov.uk" in out
    assert "visit-schedule.csv" in out
    assert "calendar" in out
    assert "Amelia" not in out  # third-party text only with --show-text
    assert "999 000 0026" not in out


def test_inspect_show_text_json_from_stdin() -> None:
    result = run("inspect", "--format", "json", "--show-text", "-", stdin=SAMPLE)
    out, err = _decode(result)
    assert result.returncode == 0, err
    (line,) = out.splitlines()
    data = json.loads(line)
    assert data["source"] == "-"
    assert data["subject"] == "Secret name"
    assert data["body"]["text"].strip() == "Hello Sam"
    assert data["to"][0]["address"] == "sam@example.org"


def test_json_without_show_text_has_no_text() -> None:
    out, _ = _decode(run("inspect", "--format", "json", "-", stdin=SAMPLE))
    assert "Secret" not in out and "Hello Sam" not in out


def test_unreadable_inputs_exit_2_with_one_line_each(tmp_path: Path) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    good = tmp_path / "good.eml"
    good.write_bytes(SAMPLE)
    result = run("inspect", str(empty), str(tmp_path / "absent.eml"), str(good))
    out, err = _decode(result)
    assert result.returncode == 2
    assert len(err.strip().splitlines()) == 2
    assert "Traceback" not in err
    assert "sam@example.org" in out  # the run went on


@pytest.mark.parametrize(
    "args",
    [("inspect",), ("frobnicate",), ("inspect", "--format", "xml", "x"), ()],
)
def test_bad_usage_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    _, err = _decode(result)
    assert result.returncode == 2
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_bad_settings_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "mailwarden.yaml").write_text("polcy: norfolk\n")
    result = run("inspect", "--sample", cwd=tmp_path)
    _, err = _decode(result)
    assert result.returncode == 2
    assert "mailwarden.yaml:1: unknown setting 'polcy'" in err
    assert len(err.strip().splitlines()) == 1


def test_settings_show_hides_secrets(tmp_path: Path) -> None:
    result = run(
        "settings",
        "show",
        env={"MAILWARDEN_OVERRIDE_SIGNING_KEY": "s3cr3t", "MAILWARDEN_POLICY": "telford"},
        cwd=tmp_path,
    )
    out, err = _decode(result)
    assert result.returncode == 0, err
    assert "s3cr3t" not in out
    assert 'policy: "telford"  (environment)' in out


def test_limits_from_settings_reach_the_parser(tmp_path: Path) -> None:
    (tmp_path / "mailwarden.yaml").write_text("limits:\n  max_headers: 2\n")
    result = run("inspect", "--format", "json", "-", stdin=SAMPLE, cwd=tmp_path)
    out, _ = _decode(result)
    assert json.loads(out)["header_count"] == 2


NHS_TEXT = "Patient NHS number: 999 000 0026\r\nNext line"


def test_detect_text_masks_values() -> None:
    result = run("detect", stdin=NHS_TEXT.encode())
    out, err = _decode(result)
    assert result.returncode == 0, err
    assert "UK_NHS_NUMBER" in out
    assert "*** *** 0026" in out
    assert "999 000 0026" not in out


def test_detect_json_contract_with_values_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"\xef\xbb\xbf" + NHS_TEXT.encode())
    result = run("detect", "--format", "json", "--show-values", str(path))
    out, err = _decode(result)
    assert result.returncode == 0, err
    (entity,) = json.loads(out)["entities"]
    assert set(entity) == {"type", "subtype", "start", "end", "score", "explanation", "value"}
    assert entity["value"] == "999 000 0026"
    assert NHS_TEXT[entity["start"] : entity["end"]] == "999 000 0026"  # offsets after the BOM


def test_detect_counts_undecodable_bytes_on_stderr() -> None:
    result = run("detect", stdin=NHS_TEXT.encode() + b"\xff\xfe")
    _, err = _decode(result)
    assert result.returncode == 0
    assert "2 undecodable byte sequence(s) replaced" in err


def test_detect_min_score_exposes_the_rest() -> None:
    quiet = _decode(run("detect", "--format", "json", stdin=b"9990000026"))[0]
    loud = _decode(run("detect", "--format", "json", "--min-score", "0", stdin=b"9990000026"))[0]
    assert json.loads(quiet)["entities"] == []
    assert len(json.loads(loud)["entities"]) == 1


@pytest.mark.parametrize("args", [("detect", "--min-score", "2"), ("detect", "/no/such/file")])
def test_detect_bad_usage_or_input_is_one_line(args: tuple[str, ...]) -> None:
    result = run(*args)
    _, err = _decode(result)
    assert result.returncode == 2
    assert len(err.strip().splitlines()) == 1

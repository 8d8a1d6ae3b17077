"""ZIP archives: members in order with their paths, and every limit a bomb would test."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import extract_fixtures as fx
import pytest
from extract_helpers import IN_PROCESS, WORKER, extract_one, reason

from mailwarden.message.limits import Limits


@pytest.mark.parametrize("limits", [WORKER, IN_PROCESS], ids=["worker", "in-process"])
def test_members_are_extracted_recursively_with_paths(limits: Limits) -> None:
    inner = fx.zip_of({"minutes.txt": b"Minutes mention " + fx.NAME.encode()})
    outer = fx.zip_of(
        {"docs/referral.docx": fx.docx_bytes(), "inner.zip": inner, "readme.txt": b"hello"}
    )
    attachment = extract_one(outer, "bundle.zip", "application/zip", limits=limits)
    assert attachment.sniffed_type == "application/zip"
    assert attachment.uninspected is None
    assert [m.path for m in attachment.members] == ["docs/referral.docx", "inner.zip", "readme.txt"]
    docx_member, inner_member, readme = attachment.members
    assert docx_member.filename == "referral.docx"
    assert fx.NAME in docx_member.text
    assert readme.text == "hello"
    (minutes,) = inner_member.members
    assert minutes.path == "inner.zip/minutes.txt"
    assert fx.NAME in minutes.text
    assert [a.path for a in attachment.walk()] == [
        "", "docs/referral.docx", "inner.zip", "inner.zip/minutes.txt", "readme.txt",
    ]  # fmt: skip


def test_nesting_deeper_than_max_depth_is_over_limit() -> None:
    data = fx.nested_zip(6)
    attachment = extract_one(data, "deep.zip", limits=Limits(max_seconds=20, max_depth=3))
    chain = []
    node = attachment
    while node.members:
        (node,) = node.members
        chain.append(node)
    assert reason(node) == "over-limit"
    assert "deeper than 3" in node.uninspected.detail  # type: ignore[union-attr]
    assert all(a.uninspected is None for a in chain[:-1])
    assert len(chain) == 3


def test_members_beyond_max_members_are_listed_over_limit() -> None:
    files = {f"file{i:02}.txt": f"row {i}".encode() for i in range(10)}
    attachment = extract_one(fx.zip_of(files), "many.zip", limits=Limits(max_members=4))
    assert len(attachment.members) == 10
    assert [reason(m) for m in attachment.members[:4]] == [None] * 4
    assert {reason(m) for m in attachment.members[4:]} == {"over-limit"}
    assert "member limit of 4" in attachment.members[9].uninspected.detail  # type: ignore[union-attr]


def test_password_protected_member() -> None:
    attachment = extract_one(fx.encrypted_zip(), "locked.zip")
    secret, visible = attachment.members
    assert reason(secret) == "password-protected"
    assert secret.text == ""
    assert visible.text == "visible"


def test_zero_bomb_is_refused_by_its_ratio() -> None:
    data = fx.zero_bomb()  # 2 GiB declared, ~2 MB on the wire
    attachment = extract_one(data, "archive.zip")
    (member,) = attachment.members
    assert reason(member) == "bomb"
    assert "compression ratio" in member.uninspected.detail  # type: ignore[union-attr]
    assert member.size == 2 * 1024 * fx.MIB


def test_member_inflating_past_its_declared_size_is_a_bomb() -> None:
    attachment = extract_one(fx.lying_zip(), "liar.zip", limits=IN_PROCESS)
    (member,) = attachment.members
    assert reason(member) == "bomb"
    assert "declared size" in member.uninspected.detail  # type: ignore[union-attr]


def test_total_bytes_budget_is_shared_across_members() -> None:
    noise = random.Random(7).randbytes(fx.MIB)  # incompressible: no ratio alarm
    files = {f"part{i}.bin": noise for i in range(5)}
    limits = Limits(max_seconds=20, max_total_bytes=3 * fx.MIB)
    attachment = extract_one(fx.zip_of(files), "big.zip", limits=limits)
    reasons = [reason(m) for m in attachment.members]
    assert reasons[:3] == ["unsupported"] * 3  # read (binary), budget spent
    assert reasons[3:] == ["over-limit"] * 2
    assert "total extracted size" in attachment.members[4].uninspected.detail  # type: ignore[union-attr]


def test_truncated_archive_is_corrupt() -> None:
    data = fx.zip_of({"a.txt": b"x" * 5000})
    attachment = extract_one(data[: len(data) // 2], "cut.zip", "application/zip")
    assert reason(attachment) == "corrupt"
    assert attachment.sniffed_type == "application/zip"


def test_unsupported_compression_method_is_reported() -> None:
    data = fx.zip_of({"a.txt": b"text " * 100}, zipfile.ZIP_BZIP2)
    (member,) = extract_one(data, "bz.zip").members
    assert reason(member) == "unsupported"


def test_bomb_extraction_keeps_memory_bounded(tmp_path: Path) -> None:
    """Peak RSS of a fresh interpreter extracting bombs in-process stays small."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        import extract_fixtures as fx
        from extract_helpers import extract_one
        from mailwarden.message.limits import Limits
        generous = Limits(max_seconds=0, max_ratio=1e9, max_total_bytes=64 * fx.MIB)
        results = [
            extract_one(fx.zero_bomb(), "a.zip", limits=Limits(max_seconds=0)),
            extract_one(fx.zero_bomb(), "b.zip", limits=generous),
            extract_one(fx.lying_zip(1000, 512 * fx.MIB), "c.zip", limits=generous),
        ]
        print([m.uninspected.reason.value for r in results for m in r.members])
        # VmHWM, not ru_maxrss: the latter keeps the peak of the forked test runner across
        # exec, so it would measure pytest, not this process
        status = open("/proc/self/status").read().split("VmHWM:")[1].split()
        print(int(status[0]) // 1024)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    reasons, peak_mb = done.stdout.strip().splitlines()
    assert reasons == "['bomb', 'over-limit', 'bomb']"
    assert int(peak_mb) < 300

"""Hostile and broken files: each gets a bounded answer with its reason, never an exception."""

from __future__ import annotations

import os
import time

import extract_fixtures as fx
import pytest
from extract_helpers import IN_PROCESS, WORKER, extract_one, reason

from mailwarden.message.extract import extract_attachments
from mailwarden.message.limits import Limits, ParseContext
from mailwarden.message.raw import RawPart

FAST = Limits(max_seconds=2)


def test_pdf_needing_a_password_is_encrypted() -> None:
    attachment = extract_one(fx.encrypted_pdf("pw"), "letter.pdf", "application/pdf")
    assert attachment.sniffed_type == "application/pdf"
    assert reason(attachment) == "encrypted"
    assert attachment.text == ""


def test_pdf_with_only_an_owner_password_is_read() -> None:
    attachment = extract_one(fx.encrypted_pdf(""), "letter.pdf", "application/pdf")
    assert attachment.uninspected is None
    assert fx.NAME in attachment.text


def test_encrypted_ooxml_is_encrypted() -> None:
    pytest.importorskip("msoffcrypto")
    attachment = extract_one(fx.encrypted_docx(), "referral.docx", "application/msword")
    assert attachment.sniffed_type == "application/x-ooxml-encrypted"
    assert reason(attachment) == "encrypted"


def test_aes_zip_member_is_encrypted() -> None:
    data = bytearray(fx.zip_of({"a.txt": b"secret"}, method=0))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        data[at + offset : at + offset + 2] = (99).to_bytes(2, "little")
    (member,) = extract_one(bytes(data), "aes.zip").members
    assert reason(member) == "encrypted"


@pytest.mark.parametrize("limits", [FAST, IN_PROCESS], ids=["worker", "in-process"])
def test_cyclic_page_tree_finishes_quickly(limits: Limits) -> None:
    started = time.monotonic()
    attachment = extract_one(fx.cyclic_pdf(), "tree.pdf", "application/pdf", limits=limits)
    assert time.monotonic() - started < 3
    # PDFium visits the cycle once and finds the one (blank) page the tree really holds.
    assert reason(attachment) in (None, "corrupt", "over-limit")
    assert attachment.text == ""


def test_random_bytes_labelled_pdf_are_corrupt() -> None:
    data = os.urandom(4096)
    attachment = extract_one(data, "scan.pdf", "application/pdf")
    assert attachment.sniffed_type == "application/octet-stream"
    assert reason(attachment) == "corrupt"
    assert "pdf" in attachment.uninspected.detail  # type: ignore[union-attr]


def test_truncated_docx_is_corrupt() -> None:
    data = fx.docx_bytes()
    attachment = extract_one(data[: len(data) // 2], "referral.docx")
    assert reason(attachment) == "corrupt"


def test_docx_with_a_missing_part_is_corrupt() -> None:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(fx.docx_bytes()))
    files = {n: source.read(n) for n in source.namelist() if n != "word/document.xml"}
    attachment = extract_one(fx.zip_of(files), "referral.docx")
    assert reason(attachment) == "corrupt"
    assert "Jane" not in attachment.uninspected.detail  # type: ignore[union-attr]


def test_unreadable_ole_file_is_unsupported_or_corrupt() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000)
    attachment = extract_one(data, "old.doc", "application/msword")
    assert reason(attachment) in ("unsupported", "corrupt")


def test_slow_document_is_stopped_at_the_deadline_and_the_worker_recovers() -> None:
    started = time.monotonic()
    slow = extract_one(fx.slow_pdf(), "slow.pdf", "application/pdf", limits=Limits(max_seconds=1))
    elapsed = time.monotonic() - started
    assert reason(slow) == "over-limit"
    assert "time limit of 1 s" in slow.uninspected.detail  # type: ignore[union-attr]
    assert elapsed < 3
    again = extract_one(fx.letter_pdf(), "letter.pdf", "application/pdf", limits=WORKER)
    assert again.uninspected is None
    assert fx.NAME in again.text


def test_parts_after_the_deadline_are_over_limit_but_listed() -> None:
    parts = [
        RawPart("slow.pdf", "application/pdf", fx.slow_pdf()),
        RawPart("later.pdf", "application/pdf", fx.letter_pdf()),
        RawPart("note.txt", "text/plain", b"short note"),
    ]
    result = extract_attachments(parts, ParseContext.start(Limits(max_seconds=1)))
    assert [a.filename for a in result] == ["slow.pdf", "later.pdf", "note.txt"]
    assert [reason(a) for a in result] == ["over-limit", "over-limit", "over-limit"]


def test_worker_killed_from_outside_is_replaced() -> None:
    from mailwarden.message.extract import worker

    first = extract_one(fx.letter_pdf(), "a.pdf", "application/pdf")
    assert fx.NAME in first.text
    idle = list(worker._POOL._idle)
    assert idle
    for each in idle:
        each.process.kill()
        each.process.wait()
    second = extract_one(fx.letter_pdf(), "b.pdf", "application/pdf")
    assert second.uninspected is None
    assert fx.NAME in second.text


def test_worker_memory_cap_turns_a_blowup_into_a_bomb() -> None:
    """With the ratio and byte limits out of the way, the address-space cap still holds."""
    data = fx.zero_bomb(declared=400 * fx.MIB)
    limits = Limits(
        max_seconds=10, max_ratio=1e9, max_total_bytes=4096 * fx.MIB,
        worker_memory_bytes=256 * fx.MIB,
    )  # fmt: skip
    (member,) = extract_one(data, "zeros.zip", limits=limits).members
    assert reason(member) == "bomb"
    assert "memory" in member.uninspected.detail  # type: ignore[union-attr]
    after = extract_one(fx.letter_pdf(), "letter.pdf", "application/pdf", limits=limits)
    assert fx.NAME in after.text


@pytest.mark.parametrize("executable", ["/nonexistent/python", "/bin/false"])
def test_extraction_falls_back_in_process_when_no_worker_starts(
    executable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mailwarden.message.extract import shutdown_workers

    shutdown_workers()
    monkeypatch.setattr("sys.executable", executable)
    try:
        attachment = extract_one(fx.letter_pdf(), "letter.pdf", "application/pdf")
        assert attachment.uninspected is None
        assert fx.NAME in attachment.text
    finally:
        monkeypatch.undo()
        shutdown_workers()  # also forgets that starting failed

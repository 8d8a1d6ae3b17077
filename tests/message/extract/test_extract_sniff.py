"""Sniffing: the true type from the bytes, and which extractor a label may still choose."""

from __future__ import annotations

import codecs
import os
import struct

import extract_fixtures as fx
import pytest

from mailwarden.message.extract import SNIFFED_TYPES, sniff
from mailwarden.message.extract.kinds import Kind, choose_kind
from mailwarden.message.extract.ole import _xls_has_filepass

CASES = [
    (fx.letter_pdf(), "application/pdf"),
    (b"junk before the header\n" + fx.letter_pdf(), "application/pdf"),
    (fx.docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (fx.xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (fx.pptx_bytes(), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    (fx.odt_bytes(), "application/vnd.oasis.opendocument.text"),
    (fx.ods_bytes(), "application/vnd.oasis.opendocument.spreadsheet"),
    (fx.zip_of({"a.txt": b"x"}), "application/zip"),
    (fx.tnef_bytes(), "application/vnd.ms-tnef"),
    (fx.rtf_bytes(), "application/rtf"),
    (fx.ics_bytes(), "text/calendar"),
    (fx.eml_bytes(), "message/rfc822"),
    (b"From someone Mon Mar  2 10:00:00 2026\n" + fx.eml_bytes(), "message/rfc822"),
    (fx.html_bytes(), "text/html"),
    (b"<?xml version='1.0'?><root/>", "application/xml"),
    (b"Subject: minutes of the meeting\n\nnot a mail", "text/plain"),
    (codecs.BOM_UTF16_LE + "hello".encode("utf-16-le"), "text/plain"),
    ("naïve café".encode("cp1252") * 20, "text/plain"),
    (b"", "application/x-empty"),
    (b"MZ\x90\x00" + bytes(100), "application/vnd.microsoft.portable-executable"),
    (b"\x7fELF\x02\x01\x01" + bytes(100), "application/x-executable"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(50), "image/png"),
    (b"GIF89a\x01\x00\x01\x00" + bytes(50), "image/gif"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(50), "image/jpeg"),
    (bytes(range(256)) * 8, "application/octet-stream"),
]


IDS = [f"{i}-{expected}" for i, (_, expected) in enumerate(CASES)]


@pytest.mark.parametrize(("data", "expected"), CASES, ids=IDS)
def test_sniffed_type(data: bytes, expected: str) -> None:
    assert sniff(data) == expected


def test_encrypted_ooxml_is_told_from_legacy_office() -> None:
    pytest.importorskip("msoffcrypto")
    assert sniff(fx.encrypted_docx()) == "application/x-ooxml-encrypted"


def test_own_types_are_listed() -> None:
    assert "application/pdf" in SNIFFED_TYPES
    assert "application/x-ooxml-encrypted" in SNIFFED_TYPES


def test_sniffing_reads_only_the_head_of_non_containers() -> None:
    data = b"%PDF-1.7\n" + os.urandom(50 * 1024 * 1024)
    assert sniff(data) == "application/pdf"


@pytest.mark.parametrize(
    ("sniffed", "declared", "filename", "kind"),
    [
        ("text/plain", "text/csv", "x.bin", Kind.CSV),
        ("text/plain", "", "export.csv", Kind.CSV),
        ("text/plain", "application/octet-stream", "page.htm", Kind.HTML),
        ("text/plain", "application/pdf", "x.pdf", Kind.TEXT),  # text stays text
        ("application/octet-stream", "application/pdf", "x", Kind.PDF),  # tried, may be corrupt
        ("application/octet-stream", "", "WINMAIL.DAT", Kind.TNEF),
        ("application/octet-stream", "text/plain", "a.txt", Kind.UNSUPPORTED),
        ("image/png", "application/pdf", "scan.pdf", Kind.UNSUPPORTED),  # bytes win
        ("application/x-empty", "", "empty.txt", Kind.TEXT),
        ("application/vnd.ms-outlook", "", "a.msg", Kind.MSG),
        ("application/msword", "", "a.doc", Kind.LEGACY_OFFICE),
    ],
)
def test_choose_kind(sniffed: str, declared: str, filename: str, kind: Kind) -> None:
    assert choose_kind(sniffed, declared, filename) == kind


def test_xls_filepass_record_means_encrypted() -> None:
    bof = struct.pack("<HH", 0x0809, 4) + bytes(4)
    filepass = struct.pack("<HH", 0x002F, 2) + bytes(2)
    eof = struct.pack("<HH", 0x000A, 0)
    assert _xls_has_filepass(bof + filepass + eof)
    assert not _xls_has_filepass(bof + eof + filepass)

"""Each supported format gives its text, in the worker and in-process alike."""

from __future__ import annotations

from collections.abc import Callable

import extract_fixtures as fx
import pytest
from extract_helpers import IN_PROCESS, WORKER, extract_one, reason

from mailwarden.message.extract import sniff
from mailwarden.message.limits import Limits

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

CASES: list[tuple[str, Callable[[], bytes], str, list[str]]] = [
    ("letter.pdf", fx.letter_pdf, "application/pdf", [fx.NAME, fx.NHS, "Second page"]),
    ("referral.docx", fx.docx_bytes, DOCX,
     [fx.NAME, fx.NHS, "Date of birth\n01/02/1980", "Header: Children", "Footer: OFFICIAL"]),
    ("clients.xlsx", fx.xlsx_bytes, XLSX,
     ["[Clients]", f"{fx.NAME}\t9434765919\t3", "[Hidden notes]", "Safeguarding concern"]),
    ("review.pptx", fx.pptx_bytes, PPTX,
     ["[Slide 1]", "Case review 1", f"Discussed {fx.NAME}", f"Speaker note: NHS {fx.NHS}"]),
    ("notes.odt", fx.odt_bytes, "application/vnd.oasis.opendocument.text",
     ["Visit notes", f"Seen: {fx.NAME}\tat home", f"NHS number  {fx.NHS}", "Header: Adult"]),
    ("caseload.ods", fx.ods_bytes, "application/vnd.oasis.opendocument.spreadsheet",
     ["[Caseload]", f"{fx.NAME}\tRiverside"]),
    ("letter.rtf", fx.rtf_bytes, "application/rtf", [fx.NAME, fx.NHS, "Café meeting"]),
    ("export.csv", fx.csv_bytes, "text/plain", [f"{fx.NAME},{fx.NHS},NR1 2AB"]),
    ("page.html", fx.html_bytes, "text/html", ["Referral", f"Client: {fx.NAME}", fx.NHS]),
]  # fmt: skip


@pytest.mark.parametrize("limits", [WORKER, IN_PROCESS], ids=["worker", "in-process"])
@pytest.mark.parametrize(
    ("filename", "build", "sniffed", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_text_of_each_format(
    filename: str, build: Callable[[], bytes], sniffed: str, words: list[str], limits: Limits
) -> None:
    data = build()
    attachment = extract_one(data, filename, limits=limits)
    assert attachment.uninspected is None, attachment.uninspected
    assert attachment.sniffed_type == sniffed
    for word in words:
        assert word in attachment.text
    assert attachment.size == len(data)
    assert len(attachment.sha256) == 64
    assert attachment.filename == filename
    assert attachment.path == ""


def test_html_drops_scripts_and_styles() -> None:
    text = extract_one(fx.html_bytes(), "page.html").text
    assert "secret" not in text
    assert "color" not in text


def test_plain_text_in_a_legacy_charset_is_decoded() -> None:
    data = "Notes for Zoë: café visit at 10:00, £5 parking paid.\n".encode("cp1252") * 5
    attachment = extract_one(data, "notes.txt", "text/plain")
    assert "Zoë" in attachment.text
    assert "£5" in attachment.text


def test_declared_charset_is_honoured_and_bom_wins() -> None:
    data = "Ålesund".encode("iso-8859-1")
    assert extract_one(data, "a.txt", "text/plain; charset=iso-8859-1").text == "Ålesund"
    bom = "Ålesund".encode("utf-16")
    assert extract_one(bom, "a.txt", "text/plain; charset=iso-8859-1").text == "Ålesund"


def test_text_beyond_max_text_chars_is_cut_and_marked() -> None:
    limits = Limits(max_seconds=20, max_text_chars=40)
    attachment = extract_one(fx.letter_pdf(), "letter.pdf", limits=limits)
    assert reason(attachment) == "over-limit"
    assert "40 characters" in attachment.uninspected.detail  # type: ignore[union-attr]
    assert len(attachment.text) == 40
    assert attachment.text.startswith(f"Patient: {fx.NAME}")


def test_image_is_unsupported_without_text() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    attachment = extract_one(png, "photo.png", "image/png")
    assert attachment.sniffed_type == "image/png"
    assert attachment.text == ""
    assert reason(attachment) == "unsupported"
    assert attachment.uninspected.detail == "image/png"  # type: ignore[union-attr]


def test_bytes_win_over_the_label() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    attachment = extract_one(png, "report.pdf", "application/pdf")
    assert attachment.sniffed_type == "image/png"
    assert reason(attachment) == "unsupported"


def test_a_docx_called_bin_is_still_read() -> None:
    attachment = extract_one(fx.docx_bytes(), "attachment.bin")
    assert attachment.sniffed_type == DOCX
    assert fx.NAME in attachment.text


def test_inline_flag_and_order_are_kept() -> None:
    from mailwarden.message.extract import extract_attachments
    from mailwarden.message.limits import ParseContext
    from mailwarden.message.raw import RawPart

    parts = [
        RawPart("a.txt", "text/plain", b"first"),
        RawPart("logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00", inline=True),
        RawPart("b.pdf", "application/pdf", fx.letter_pdf()),
    ]
    result = extract_attachments(parts, ParseContext.start(WORKER))
    assert [a.filename for a in result] == ["a.txt", "logo.png", "b.pdf"]
    assert [a.inline for a in result] == [False, True, False]


def test_sniff_is_exported() -> None:
    assert sniff(fx.rtf_bytes()) == "application/rtf"

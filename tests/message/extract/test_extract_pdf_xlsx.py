"""PDF (PDFium) and Excel (streaming XML) extraction: content, encryption, hostile structure."""

from __future__ import annotations

import threading
import time

import extract_fixtures as fx
import pytest
from extract_helpers import IN_PROCESS, WORKER, extract_one, reason

from mailwarden.message.limits import Limits

BOTH = pytest.mark.parametrize("limits", [WORKER, IN_PROCESS], ids=["worker", "in-process"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- PDF -------------------------------------------------------------------------------


@BOTH
def test_pdf_pages_are_read_in_order(limits: Limits) -> None:
    pages = [[f"Page {n} of the report", f"Case {n}: {fx.NAME}"] for n in range(1, 8)]
    attachment = extract_one(fx.pdf(pages, compress=True), "report.pdf", limits=limits)
    assert attachment.uninspected is None
    lines = attachment.text.splitlines()
    assert lines == [line for page in pages for line in page]


def test_pdf_line_end_hyphen_is_kept_as_on_the_page() -> None:
    attachment = extract_one(fx.pdf([["A housing appli-", "cation was made"]]), "a.pdf")
    assert "appli-\ncation" in attachment.text


ALGORITHMS = pytest.mark.parametrize("algorithm", ["RC4-40", "RC4-128", "AES-128", "AES-256"])


@ALGORITHMS
@BOTH
def test_pdf_needing_a_password_is_encrypted_without_text(algorithm: str, limits: Limits) -> None:
    attachment = extract_one(fx.encrypted_pdf("pw", algorithm=algorithm), "a.pdf", limits=limits)
    assert reason(attachment) == "encrypted"
    assert "password" in attachment.uninspected.detail  # type: ignore[union-attr]
    assert attachment.text == ""


@ALGORITHMS
@BOTH
def test_pdf_with_the_empty_user_password_is_read(algorithm: str, limits: Limits) -> None:
    """Also when its permissions deny copying text: they bind viewers, not inspection."""
    data = fx.encrypted_pdf("", algorithm=algorithm, locked=True)
    attachment = extract_one(data, "letter.pdf", limits=limits)
    assert attachment.uninspected is None
    assert f"Patient: {fx.NAME}\nNHS number {fx.NHS}" in attachment.text
    assert "Second page about housing" in attachment.text


@BOTH
def test_pdf_form_field_values_follow_the_page_text(limits: Limits) -> None:
    attachment = extract_one(fx.form_pdf(), "form.pdf", limits=limits)
    assert attachment.uninspected is None
    assert attachment.text.splitlines() == [
        "Referral form",
        "Please see the fields below",
        f"client: {fx.NAME}",
        f"nhs: {fx.NHS}",
    ]


@pytest.mark.parametrize("claimed", [1_000_000_000, 999_999], ids=["billion", "just-trusted"])
@pytest.mark.parametrize(
    "limits", [Limits(max_seconds=2), IN_PROCESS], ids=["worker", "in-process"]
)
def test_pdf_claiming_a_billion_pages_ends_within_the_limit(claimed: int, limits: Limits) -> None:
    """PDFium counts the pages itself past ~a million and skips claimed pages cheaply below."""
    started = time.monotonic()
    attachment = extract_one(fx.overclaiming_pdf(claimed), "tree.pdf", limits=limits)
    assert time.monotonic() - started < 2
    assert attachment.uninspected is None
    assert attachment.text == f"Only page: {fx.NAME}\n"


def test_pdf_page_behind_broken_tree_entries_is_still_read() -> None:
    first, hidden = fx._page_stream(["first page"]), fx._page_stream([f"Hidden: {fx.NAME}"])
    kids = b"4 0 R " + b" ".join([b"99 0 R"] * 100) + b" 6 0 R"
    page = (
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
    )
    data = fx._assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 102 /Kids [%s] >>" % kids,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            page % 5,
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(first), first),
            page % 7,
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(hidden), hidden),
        ]
    )
    attachment = extract_one(data, "holes.pdf", limits=IN_PROCESS)
    assert attachment.text == f"first page\nHidden: {fx.NAME}\n"


def test_pdf_char_limit_stops_between_pages() -> None:
    pages = [[f"Page {n} " + "x" * 80] for n in range(50)]
    limits = Limits(max_seconds=0, max_text_chars=200)
    attachment = extract_one(fx.pdf(pages), "long.pdf", limits=limits)
    assert reason(attachment) == "over-limit"
    assert len(attachment.text) == 200
    assert "Page 2 " in attachment.text
    assert "Page 3 " not in attachment.text


def test_pdf_in_process_from_many_threads_is_serialised() -> None:
    """PDFium is not thread-safe; the in-process path must hold its lock around each file."""
    results: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(10):
                results.append(extract_one(fx.letter_pdf(), "a.pdf", limits=IN_PROCESS).text)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 80
    assert len(set(results)) == 1
    assert fx.NAME in results[0]


# --- XLSX ------------------------------------------------------------------------------


@BOTH
def test_xlsx_cells_of_every_kind_and_the_hidden_sheet(limits: Limits) -> None:
    attachment = extract_one(fx.casework_xlsx(), "casework.xlsx", limits=limits)
    assert attachment.sniffed_type == XLSX
    assert attachment.uninspected is None
    assert attachment.text.splitlines() == [
        "[Clients]",
        "Name\tNHS number\tVisits\tTotal",  # shared, inline, inline rich text
        f"{fx.NAME}\t9434765919\t3\t12",  # rich shared string (no phonetic run), formula value
        "X\t\t4\t-2.5\tTRUE",  # formula string, a gap, a float, a boolean
        "#N/A\t1980-02-01T00:00:00\t0.001",  # an error, a date-formatted number, 1E-3
        "[Hidden notes]",
        "Safeguarding concern raised",
    ]


def test_xlsx_written_by_openpyxl_is_read() -> None:
    attachment = extract_one(fx.xlsx_bytes(rows=40), "clients.xlsx", limits=IN_PROCESS)
    lines = attachment.text.splitlines()
    assert lines[:3] == ["[Clients]", "Name\tNHS number\tVisits", f"{fx.NAME}\t9434765919\t3"]
    assert "Person 37\t1000000037\t37" in lines
    assert lines[-2:] == ["[Hidden notes]", "Safeguarding concern raised"]


@BOTH
def test_xlsx_with_50000_rows_is_read_whole_within_the_limits(limits: Limits) -> None:
    data = fx.long_xlsx(50_000)
    started = time.monotonic()
    attachment = extract_one(data, "cases.xlsx", limits=limits)
    assert time.monotonic() - started < 10
    assert attachment.uninspected is None
    lines = attachment.text.splitlines()
    assert len(lines) == 50_001
    assert lines[1] == "Riverside\tcase 1\t1"
    assert lines[-1] == "Ward\tcase 50000\t50000"


def test_xlsx_char_limit_stops_reading_rows() -> None:
    limits = Limits(max_seconds=0, max_text_chars=1000)
    started = time.monotonic()
    attachment = extract_one(fx.long_xlsx(50_000), "cases.xlsx", limits=limits)
    assert time.monotonic() - started < 1
    assert reason(attachment) == "over-limit"
    assert len(attachment.text) == 1000


@pytest.mark.parametrize(
    ("doctype", "reference"),
    [
        ('<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"),
        ('<!DOCTYPE sst SYSTEM "http://127.0.0.1:9/evil.dtd">', "&remote;"),
        (
            '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>',
            "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;",
        ),
    ],
    ids=["external-entity", "external-dtd", "billion-laughs"],
)
@BOTH
def test_xlsx_with_entities_in_shared_strings_expands_nothing(
    doctype: str, reference: str, limits: Limits
) -> None:
    attachment = extract_one(fx.entity_xlsx(doctype, reference), "book.xlsx", limits=limits)
    assert reason(attachment) == "corrupt"
    assert "DTD" in attachment.uninspected.detail  # type: ignore[union-attr]
    assert "root:" not in attachment.text
    assert "aaaa" not in attachment.text


def test_xlsx_sheet_inflating_past_the_ratio_limit_is_a_bomb() -> None:
    padding = " " * (20 * fx.MIB)
    data = fx.xlsx_package([("Sheet1", "visible", f'{padding}<row r="1"/>')])
    attachment = extract_one(data, "bomb.xlsx", limits=IN_PROCESS)
    assert reason(attachment) == "bomb"
    assert attachment.text == ""

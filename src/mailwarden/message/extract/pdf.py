"""PDF text with PDFium (pypdfium2): page text, then the values typed into form fields.

A PDF protected only by an owner password (or encrypted with the empty user password)
opens without asking, and so is read like any other; one that needs a password to open
is reported as `encrypted`, which is what the packs' "password-protect it" clauses test.

PDFium is called through its C API directly, so every document, page, text page and form
handle is closed as soon as it has been read, whatever happens. PDFium is not thread-safe:
in the worker one file is read at a time anyway, and a lock serialises the in-process
fallback when a threaded caller extracts from several threads.

Hostile page trees stay cheap: PDFium trusts a page count only below about a million and
otherwise counts the pages it can reach (a cycle is visited once), and a claimed page that
is not in the tree costs it well under a microsecond to look for. Every claimed index is
tried (a real page can sit behind any number of broken entries). The deadline is checked
after every page, so a file of many slow pages stops on time; one slow page (PDFium parses
a page at once, and its memory grows with the page's operators) is the worker's to stop,
by its deadline or its memory cap.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import Any

import pypdfium2.raw as pdfium

from ..model import UninspectedReason
from .outcome import Extracted, TextSink, Unreadable

__all__ = ["extract_pdf"]

_LOCK = threading.Lock()

_MISSING_PER_CHECK = 1024
"""Claimed pages that are not there cost PDFium well under a microsecond each (it trusts a
claim only below about a million), so the deadline is checked once per this many of them."""

_ANNOTATIONS_PER_CHECK = 256
_FIELD_TYPES = frozenset(
    {pdfium.FPDF_FORMFIELD_TEXTFIELD, pdfium.FPDF_FORMFIELD_COMBOBOX,
     pdfium.FPDF_FORMFIELD_LISTBOX}
)  # fmt: skip
"""Fields whose value is text someone typed or picked (not check boxes or buttons)."""

_LOAD_ERRORS = {
    pdfium.FPDF_ERR_UNKNOWN: "unknown error",
    pdfium.FPDF_ERR_FILE: "file error",
    pdfium.FPDF_ERR_FORMAT: "format error",
    pdfium.FPDF_ERR_PAGE: "page error",
}

_HYPHEN_MARK = "\ufffe"
"""What PDFium puts for a hyphen that ends a line, joining the two lines; put back as on the
page."""


def extract_pdf(data: bytes, sink: TextSink) -> Extracted:
    """Text of every page in order, then filled-in form fields as `name: value` lines."""
    with _LOCK:
        document = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
        if not document:
            raise _load_problem(pdfium.FPDF_GetLastError())
        try:
            return _read(document, sink)
        finally:
            pdfium.FPDF_CloseDocument(document)  # `data` must outlive the document


def _load_problem(code: int) -> Unreadable:
    """Why PDFium would not open the file; the empty password was tried already."""
    if code == pdfium.FPDF_ERR_PASSWORD:
        return Unreadable(UninspectedReason.ENCRYPTED, "encrypted PDF: a password is needed")
    if code == pdfium.FPDF_ERR_SECURITY:
        return Unreadable(
            UninspectedReason.ENCRYPTED, "encrypted PDF (unsupported security handler)"
        )
    return Unreadable(
        UninspectedReason.CORRUPT,
        f"unreadable pdf file ({_LOAD_ERRORS.get(code, f'error {code}')})",
    )


def _read(document: Any, sink: TextSink) -> Extracted:
    has_forms = pdfium.FPDF_GetFormType(document) != pdfium.FORMTYPE_NONE
    forms = _Forms(document) if has_forms else None
    try:
        missing = 0
        for index in range(pdfium.FPDF_GetPageCount(document)):
            page = pdfium.FPDF_LoadPage(document, index)
            if not page:  # claimed but not in the tree: nothing to read, and cheap to skip
                missing += 1
                if missing % _MISSING_PER_CHECK == 0 and not sink.add(""):
                    break
                continue
            try:
                text = _page_text(page)
                if forms is not None:
                    forms.collect(page, sink)
            finally:
                pdfium.FPDF_ClosePage(page)
            if not sink.line(text) or not sink.add(""):  # an empty piece checks the deadline
                break
        if forms is not None:
            forms.write(sink)
    finally:
        if forms is not None:
            forms.close()
    return Extracted()


def _page_text(page: Any) -> str:
    """The page's text in PDFium's reading order, with `\\n` line breaks."""
    textpage = pdfium.FPDFText_LoadPage(page)
    if not textpage:
        return ""
    try:
        count = pdfium.FPDFText_CountChars(textpage)
        if count <= 0:
            return ""
        buffer = (ctypes.c_ushort * (count + 1))()
        written = pdfium.FPDFText_GetText(textpage, 0, count, buffer)  # counts the final NUL
    finally:
        pdfium.FPDFText_ClosePage(textpage)
    raw = ctypes.string_at(buffer, max(written - 1, 0) * 2)
    text = raw.decode("utf-16-le", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace(_HYPHEN_MARK, "-\n")


class _Forms:
    """Form-field values read from the widgets on each page as it is read."""

    __slots__ = ("handle", "info", "values")

    def __init__(self, document: Any) -> None:
        self.info = pdfium.FPDF_FORMFILLINFO(version=2)  # kept alive as long as the handle
        self.handle = pdfium.FPDFDOC_InitFormFillEnvironment(document, ctypes.byref(self.info))
        self.values: dict[str, str] = {}

    def collect(self, page: Any, sink: TextSink) -> None:
        """The values of the text and choice fields shown on `page`, each field once."""
        if not self.handle:
            return
        for index in range(pdfium.FPDFPage_GetAnnotCount(page)):
            if index % _ANNOTATIONS_PER_CHECK == 0 and not sink.add(""):
                return
            annotation = pdfium.FPDFPage_GetAnnot(page, index)
            if not annotation:
                continue
            try:
                self._field(annotation)
            finally:
                pdfium.FPDFPage_CloseAnnot(annotation)

    def _field(self, annotation: Any) -> None:
        if pdfium.FPDFAnnot_GetSubtype(annotation) != pdfium.FPDF_ANNOT_WIDGET:
            return
        if pdfium.FPDFAnnot_GetFormFieldType(self.handle, annotation) not in _FIELD_TYPES:
            return
        name = _wide(pdfium.FPDFAnnot_GetFormFieldName, self.handle, annotation)
        if name not in self.values:
            self.values[name] = _wide(pdfium.FPDFAnnot_GetFormFieldValue, self.handle, annotation)

    def write(self, sink: TextSink) -> None:
        for name, value in self.values.items():
            if value and not sink.line(f"{name}: {value}"):
                return

    def close(self) -> None:
        if self.handle:
            pdfium.FPDFDOC_ExitFormFillEnvironment(self.handle)
            self.handle = None


def _wide(getter: Callable[..., int], handle: Any, annotation: Any) -> str:
    """A string from one of PDFium's ask-the-size-then-fill UTF-16 getters."""
    size = getter(handle, annotation, None, 0)  # in bytes, with the final NUL
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    getter(handle, annotation, ctypes.cast(buffer, ctypes.POINTER(pdfium.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")

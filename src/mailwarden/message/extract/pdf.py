"""PDF text with pypdf: page text, then the values typed into form fields.

A PDF protected only by an owner password (or encrypted with the empty user password)
opens without asking, and so is read like any other; one that needs a password to open
is reported as `encrypted`, which is what the packs' "password-protect it" clauses test.
"""

from __future__ import annotations

import io

from pypdf import PasswordType, PdfReader

from ..model import UninspectedReason
from .outcome import Extracted, TextSink, Unreadable

__all__ = ["extract_pdf"]


def extract_pdf(data: bytes, sink: TextSink) -> Extracted:
    """Text of every page in order, then filled-in form fields as `name: value` lines."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        _unlock(reader)
    for page in reader.pages:
        if sink.full or not sink.line(page.extract_text() or ""):
            break
    _form_fields(reader, sink)
    return Extracted()


def _unlock(reader: PdfReader) -> None:
    """Open with the empty password, as a viewer would; else the file is encrypted."""
    try:
        opened = reader.decrypt("")
    except Exception as exc:
        raise Unreadable(
            UninspectedReason.ENCRYPTED, f"encrypted PDF ({type(exc).__name__})"
        ) from None
    if opened == PasswordType.NOT_DECRYPTED:
        raise Unreadable(UninspectedReason.ENCRYPTED, "encrypted PDF: a password is needed")


def _form_fields(reader: PdfReader, sink: TextSink) -> None:
    if sink.full:
        return
    fields = reader.get_form_text_fields() or {}
    for name, value in fields.items():
        if value and not sink.line(f"{name}: {value}"):
            return

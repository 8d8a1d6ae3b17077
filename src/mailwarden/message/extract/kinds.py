"""Which extractor reads an attachment: the sniffed type decides, the label only refines.

The bytes win over the label, so a PNG called `report.pdf` is an image. A label is used
only where the bytes cannot tell: unknown binary (random bytes labelled application/pdf
are tried as PDF, and come out corrupt), and plain text that may be CSV, HTML or a mail.
"""

from __future__ import annotations

import mimetypes
from enum import StrEnum
from pathlib import PurePosixPath

from . import ole, sniff

__all__ = ["HEAVY", "Kind", "choose_kind", "declared_for"]


class Kind(StrEnum):
    """An extraction strategy."""

    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ODF = "odf"
    RTF = "rtf"
    ZIP = "zip"
    TNEF = "tnef"
    EML = "eml"
    MSG = "msg"
    ICS = "ics"
    HTML = "html"
    CSV = "csv"
    TEXT = "text"
    ENCRYPTED = "encrypted"
    LEGACY_OFFICE = "legacy-office"
    UNSUPPORTED = "unsupported"


HEAVY = frozenset(
    {Kind.PDF, Kind.DOCX, Kind.XLSX, Kind.PPTX, Kind.ODF, Kind.RTF, Kind.ZIP, Kind.TNEF,
     Kind.EML, Kind.MSG}
)  # fmt: skip
"""Kinds whose parsers may run away on hostile input, so they run in the worker process."""

_BY_SNIFFED = {
    sniff.PDF: Kind.PDF,
    sniff.DOCX: Kind.DOCX,
    sniff.XLSX: Kind.XLSX,
    sniff.PPTX: Kind.PPTX,
    sniff.ZIP: Kind.ZIP,
    sniff.TNEF: Kind.TNEF,
    sniff.RTF: Kind.RTF,
    sniff.CALENDAR: Kind.ICS,
    sniff.RFC822: Kind.EML,
    sniff.HTML: Kind.HTML,
    sniff.CSV: Kind.CSV,
    sniff.TEXT: Kind.TEXT,
    sniff.XML: Kind.TEXT,
    ole.MSG: Kind.MSG,
    ole.ENCRYPTED_OOXML: Kind.ENCRYPTED,
    ole.DOC: Kind.LEGACY_OFFICE,
    ole.XLS: Kind.LEGACY_OFFICE,
    ole.PPT: Kind.LEGACY_OFFICE,
}

_BY_DECLARED = {
    "application/pdf": Kind.PDF,
    sniff.DOCX: Kind.DOCX,
    sniff.XLSX: Kind.XLSX,
    sniff.PPTX: Kind.PPTX,
    "application/zip": Kind.ZIP,
    "application/x-zip-compressed": Kind.ZIP,
    "application/vnd.ms-tnef": Kind.TNEF,
    "application/ms-tnef": Kind.TNEF,
    "application/rtf": Kind.RTF,
    "text/rtf": Kind.RTF,
    "text/calendar": Kind.ICS,
    "message/rfc822": Kind.EML,
    "application/vnd.ms-outlook": Kind.MSG,
    "text/html": Kind.HTML,
    "text/csv": Kind.CSV,
    "text/plain": Kind.TEXT,
}

_BY_SUFFIX = {
    ".pdf": Kind.PDF,
    ".docx": Kind.DOCX,
    ".docm": Kind.DOCX,
    ".xlsx": Kind.XLSX,
    ".xlsm": Kind.XLSX,
    ".pptx": Kind.PPTX,
    ".pptm": Kind.PPTX,
    ".odt": Kind.ODF,
    ".ods": Kind.ODF,
    ".odp": Kind.ODF,
    ".zip": Kind.ZIP,
    ".rtf": Kind.RTF,
    ".ics": Kind.ICS,
    ".eml": Kind.EML,
    ".msg": Kind.MSG,
    ".htm": Kind.HTML,
    ".html": Kind.HTML,
    ".csv": Kind.CSV,
    ".txt": Kind.TEXT,
}

_TEXT_REFINEMENTS = frozenset({Kind.HTML, Kind.CSV, Kind.EML, Kind.ICS, Kind.TEXT})
_GENERIC = frozenset({sniff.OCTET, sniff.EMPTY, ole.OLE})
_BINARY_HINTS = frozenset(Kind) - {Kind.HTML, Kind.CSV, Kind.TEXT}
"""Labels worth trying on bytes that sniffed as unknown binary (decoding them as text is not)."""


def _hint(declared: str, filename: str) -> Kind | None:
    """What the label says, from the declared MIME type, else from the file name."""
    mime = declared.split(";", 1)[0].strip().lower()
    if mime in _BY_DECLARED:
        return _BY_DECLARED[mime]
    if mime.startswith(sniff.ODF_PREFIX):
        return Kind.ODF
    name = filename.strip().lower()
    if name == "winmail.dat":
        return Kind.TNEF
    return _BY_SUFFIX.get(PurePosixPath(name.replace("\\", "/")).suffix)


def choose_kind(sniffed: str, declared: str, filename: str) -> Kind:
    """The extractor for a file whose bytes sniffed as `sniffed`."""
    hint = _hint(declared, filename)
    if sniffed in (sniff.TEXT, sniff.XML):
        return hint if hint in _TEXT_REFINEMENTS else Kind.TEXT
    if sniffed in _BY_SNIFFED:
        return _BY_SNIFFED[sniffed]
    if sniffed.startswith(sniff.ODF_PREFIX):
        return Kind.ODF
    if sniffed in _GENERIC and hint in _BINARY_HINTS:
        return hint
    return Kind.TEXT if sniffed == sniff.EMPTY else Kind.UNSUPPORTED


def declared_for(filename: str) -> str:
    """A declared type for an archive member, which has a name but no MIME label."""
    guessed, _ = mimetypes.guess_type(filename, strict=False)
    return guessed or sniff.OCTET

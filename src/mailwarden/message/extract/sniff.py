"""The true type of an attachment, from its bytes, as a MIME type string.

Senders (and attackers) label files wrongly; a pack judges what a file is, not what it
says it is. Sniffing is cheap: it reads the first few KB, plus the central directory of a
zip (to tell a .docx from an .odt from a plain archive) or the directory of an OLE2 file
(to tell an Outlook item from a .doc or an encrypted OOXML document). `puremagic` covers
the long tail (images, audio, other archives) once our own checks have run.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

import puremagic

from . import ole

__all__ = [
    "CALENDAR",
    "CSV",
    "DOCX",
    "EMPTY",
    "HTML",
    "OCTET",
    "PDF",
    "PPTX",
    "RFC822",
    "RTF",
    "SNIFFED_TYPES",
    "TEXT",
    "TNEF",
    "XLSX",
    "XML",
    "ZIP",
    "looks_like_text",
    "sniff",
]

HEAD = 8192
"""Bytes looked at for magic numbers and the text/binary decision."""

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODF_PREFIX = "application/vnd.oasis.opendocument."
ODT = ODF_PREFIX + "text"
ODS = ODF_PREFIX + "spreadsheet"
ODP = ODF_PREFIX + "presentation"
ZIP = "application/zip"
TNEF = "application/vnd.ms-tnef"
RTF = "application/rtf"
CALENDAR = "text/calendar"
RFC822 = "message/rfc822"
HTML = "text/html"
CSV = "text/csv"
TEXT = "text/plain"
XML = "application/xml"
EMPTY = "application/x-empty"
OCTET = "application/octet-stream"
PE = "application/vnd.microsoft.portable-executable"
ELF = "application/x-executable"

SNIFFED_TYPES = (
    PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, ZIP,
    ole.MSG, ole.DOC, ole.XLS, ole.PPT, ole.ENCRYPTED_OOXML, ole.OLE,
    TNEF, RTF, CALENDAR, RFC822, HTML, CSV, TEXT, XML, EMPTY, OCTET, PE, ELF,
)  # fmt: skip
"""Types this module decides itself; anything else comes from puremagic (image/png, ...)."""

_OOXML_BY_DIR = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
_TNEF_MAGIC = b"\x78\x9f\x3e\x22"
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
         codecs.BOM_UTF16_BE)  # fmt: skip
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table)\b",
    re.IGNORECASE | re.DOTALL,
)
_HEADER_LINE = re.compile(rb"([A-Za-z][A-Za-z0-9-]*):[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*")
_MAIL_HEADERS = frozenset(
    b"from to cc subject date message-id received return-path mime-version "
    b"content-type reply-to sender delivered-to x-mailer thread-topic".split()
)


def sniff(data: bytes) -> str:
    """The MIME type the bytes really are; `application/octet-stream` when unknown."""
    if not data:
        return EMPTY
    head = data[:HEAD]
    found = _magic(data, head)
    if found:
        return found
    if _unicode_text(head):
        return _text_kind(head)
    text_like = looks_like_text(head)
    found = _puremagic(head, strict=text_like)
    if found:
        return found
    return _text_kind(head) if text_like else OCTET


def _magic(data: bytes, head: bytes) -> str:
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if head.startswith(ole.OLE_MAGIC):
        return ole.ole_kind(data)
    if head.startswith(_TNEF_MAGIC):
        return TNEF
    if head.startswith(b"MZ"):
        return PE
    if head.startswith(b"\x7fELF"):
        return ELF
    stripped = _strip_bom(head).lstrip()
    if stripped.startswith(b"{\\rtf"):
        return RTF
    if stripped[:15].upper() == b"BEGIN:VCALENDAR":
        return CALENDAR
    return ""


def _zip_kind(data: bytes) -> str:
    """OOXML, ODF or a plain zip, from the central directory (without inflating members)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if names and names[0] == "mimetype":
                info = archive.getinfo("mimetype")
                if info.compress_type == zipfile.ZIP_STORED and info.file_size < 100:
                    declared = archive.read(info).decode("ascii", "replace").strip()
                    if declared.startswith(ODF_PREFIX):
                        return declared
    except Exception:
        return ZIP
    if "[Content_Types].xml" in names:
        for prefix, kind in _OOXML_BY_DIR:
            if any(name.startswith(prefix) for name in names):
                return kind
    return ZIP


def _strip_bom(head: bytes) -> bytes:
    return head[3:] if head.startswith(codecs.BOM_UTF8) else head


def _unicode_text(head: bytes) -> bool:
    """A Unicode BOM, or NUL-free valid UTF-8 (a character cut at the end of `head` is fine)."""
    if head.startswith(_BOMS):
        return True
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def looks_like_text(head: bytes) -> bool:
    """Text in some charset: Unicode as above, or no NUL bytes and under 5% control bytes."""
    if _unicode_text(head):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32 or byte == 127)
    return controls * 20 < len(head)


def _text_kind(head: bytes) -> str:
    body = _strip_bom(head)
    if _HTML_START.match(body):
        return HTML
    if body.lstrip().startswith(b"<?xml"):
        return XML
    if _looks_like_mail(body):
        return RFC822
    return TEXT


def _looks_like_mail(body: bytes) -> bool:
    """A header block at the very start with at least two well-known mail headers."""
    if body.startswith(b"From "):  # mbox separator line
        body = body.split(b"\n", 1)[-1]
    known, pos = 0, 0
    while (match := _HEADER_LINE.match(body, pos)) is not None:
        known += match.group(1).lower() in _MAIL_HEADERS
        pos = match.end()
    return known >= 2 and pos > 0


def _puremagic(head: bytes, *, strict: bool) -> str:
    """puremagic's best guess; with `strict`, only signatures of 4+ bytes, since 8-bit text can
    start with a short signature by chance ("BM" is a bitmap)."""
    try:
        matches = puremagic.magic_string(head)
    except Exception:
        return ""
    for match in matches:
        if match.mime_type and (not strict or len(match.byte_match) >= 4):
            return str(match.mime_type)
    return ""

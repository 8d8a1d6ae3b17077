"""What an OLE2 compound file (`D0 CF 11 E0`) really is: an Outlook item, legacy Office, or
an encrypted OOXML document.

Office 2007+ files are zips, but once a password is set Office wraps the encrypted zip in
an OLE2 container with `EncryptionInfo` and `EncryptedPackage` streams; telling that apart
from a legacy .doc matters because a pack treats "encrypted" and "unsupported" differently.
"""

from __future__ import annotations

import io
import struct

import olefile

from ..model import UninspectedReason
from .outcome import Unreadable

__all__ = ["OLE_MAGIC", "legacy_office_problem", "ole_kind"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MSG = "application/vnd.ms-outlook"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
ENCRYPTED_OOXML = "application/x-ooxml-encrypted"
OLE = "application/x-ole-storage"

_FIB_ENCRYPTED = 0x0100
_XLS_FILEPASS = 0x002F
_XLS_EOF = 0x000A
_XLS_SCAN_RECORDS = 2000


def _open(data: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(data))


def ole_kind(data: bytes) -> str:
    """The MIME type of an OLE2 file from its stream names (never raises)."""
    try:
        with _open(data) as ole:
            names = {"/".join(entry).lower() for entry in ole.listdir(streams=True)}
    except Exception:
        return OLE
    tops = {name.split("/", 1)[0] for name in names}
    if {"encryptioninfo", "encryptedpackage"} <= tops:
        return ENCRYPTED_OOXML
    if "__properties_version1.0" in tops or any(t.startswith("__substg1.0_") for t in tops):
        return MSG
    if "worddocument" in tops:
        return DOC
    if "workbook" in tops or "book" in tops:
        return XLS
    if "powerpoint document" in tops:
        return PPT
    return OLE


def legacy_office_problem(data: bytes, sniffed: str) -> Unreadable:
    """Why a legacy Office file is not read: encrypted when its header says so, else unsupported."""
    try:
        encrypted = _is_encrypted(data, sniffed)
    except Exception:
        encrypted = False
    if encrypted:
        return Unreadable(UninspectedReason.ENCRYPTED, f"password-encrypted {sniffed}")
    return Unreadable(UninspectedReason.UNSUPPORTED, sniffed)


def _is_encrypted(data: bytes, sniffed: str) -> bool:
    with _open(data) as ole:
        if sniffed == DOC and ole.exists("WordDocument"):
            head = ole.openstream("WordDocument").read(12)
            return len(head) >= 12 and bool(struct.unpack_from("<H", head, 10)[0] & _FIB_ENCRYPTED)
        if sniffed == XLS:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            return ole.exists(name) and _xls_has_filepass(ole.openstream(name).read(1 << 20))
    return False


def _xls_has_filepass(stream: bytes) -> bool:
    """A BIFF8 workbook is encrypted when a FILEPASS record precedes the first EOF."""
    pos = 0
    for _ in range(_XLS_SCAN_RECORDS):
        if pos + 4 > len(stream):
            return False
        kind, size = struct.unpack_from("<HH", stream, pos)
        if kind == _XLS_FILEPASS:
            return True
        if kind == _XLS_EOF:
            return False
        pos += 4 + size
    return False

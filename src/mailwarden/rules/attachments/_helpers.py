"""Helpers shared by the attachment rules: what kind of file an attachment is, in words.

File names are never shown (they often carry a person's name: "Referral - J Smith.docx");
evidence names the kind of file and its size instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...message.model import Attachment, Message
from .._texts import attachment_places

__all__ = ["extension", "file_kind", "human_size", "top_level_files"]

_KINDS = {
    "pdf": "PDF document",
    "doc": "Word document",
    "docx": "Word document",
    "docm": "Word document",
    "dot": "Word template",
    "dotx": "Word template",
    "rtf": "RTF document",
    "odt": "OpenDocument text",
    "xls": "Excel workbook",
    "xlsx": "Excel workbook",
    "xlsm": "Excel workbook",
    "xlsb": "Excel workbook",
    "csv": "CSV file",
    "ods": "OpenDocument spreadsheet",
    "ppt": "PowerPoint presentation",
    "pptx": "PowerPoint presentation",
    "pptm": "PowerPoint presentation",
    "odp": "OpenDocument presentation",
    "zip": "zip archive",
    "7z": "7-Zip archive",
    "rar": "RAR archive",
    "eml": "email message",
    "msg": "Outlook message",
    "ics": "calendar file",
    "txt": "text file",
    "jpg": "image",
    "jpeg": "image",
    "png": "image",
    "gif": "image",
    "heic": "image",
    "tif": "image",
    "tiff": "image",
    "mp4": "video",
    "mov": "video",
    "mp3": "audio file",
    "wav": "audio file",
}

_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "application/zip": "zip",
    "message/rfc822": "eml",
    "text/calendar": "ics",
    "text/csv": "csv",
}


def extension(attachment: Attachment) -> str:
    """The file's extension, lower case without the dot; else one guessed from its type."""
    name = attachment.filename.rsplit("/", 1)[-1]
    if "." in name:
        return name.rsplit(".", 1)[1].lower()
    for kind in (attachment.sniffed_type, attachment.declared_type):
        guess = _TYPES.get(kind.lower().split(";")[0].strip())
        if guess:
            return guess
    return ""


def file_kind(attachment: Attachment) -> str:
    """'Word document', 'zip archive', ... or 'file' when the kind is unknown."""
    return _KINDS.get(extension(attachment), "file")


def human_size(size: int) -> str:
    """'24.3 MB', '3 KB' or '900 bytes' (decimal units: 1 MB = 1,000,000 bytes)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1000:
        return f"{size / 1000:.0f} KB"
    return f"{size} bytes"


def top_level_files(message: Message) -> Iterator[tuple[str, Attachment]]:
    """Attached files as sent (archive members excluded), with their `where`."""
    for where, attachment in attachment_places(message):
        if "/" not in where:
            yield where, attachment

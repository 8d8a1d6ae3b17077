"""Attached files to text, within hard limits: the bounded half of parsing.

`extract_attachments(parts, ctx)` turns a reader's `RawPart`s into `Attachment`s: the
true type sniffed from the bytes, the text of documents (PDF, Word, Excel, PowerPoint,
OpenDocument, RTF, text, CSV, HTML), archive and TNEF members extracted recursively,
attached messages and calendars parsed, and anything unreadable marked with its reason.
"""

from __future__ import annotations

from .attachments import extract_attachments
from .sniff import SNIFFED_TYPES, sniff
from .worker import shutdown_workers, warm_up

__all__ = ["SNIFFED_TYPES", "extract_attachments", "shutdown_workers", "sniff", "warm_up"]

"""One-call extraction for tests: a part in, its `Attachment` out."""

from __future__ import annotations

from mailwarden.message.extract import extract_attachments
from mailwarden.message.limits import Limits, ParseContext
from mailwarden.message.model import Attachment
from mailwarden.message.raw import RawPart

WORKER = Limits(max_seconds=20)
IN_PROCESS = Limits(max_seconds=0)


def extract_one(
    data: bytes, filename: str, declared: str = "application/octet-stream", limits: Limits = WORKER
) -> Attachment:
    (attachment,) = extract_attachments(
        [RawPart(filename, declared, data)], ParseContext.start(limits)
    )
    return attachment


def reason(attachment: Attachment) -> str | None:
    return attachment.uninspected.reason.value if attachment.uninspected else None

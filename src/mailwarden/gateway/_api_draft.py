"""A JSON draft becomes the MIME a mail client would send, built with the standard library.

The API then parses those bytes with `parse_message_bytes`, like any other message, so that a
draft checked before send and the MIME the gateway later sees go through the same reader and
give the same verdict and the same override digest (DESIGN). Bcc is kept as a header here,
as a client's draft holds it; at the gateway the same addresses arrive as envelope recipients,
and the digest is over recipients either way.
"""

from __future__ import annotations

import base64
import binascii
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, parseaddr

from ._api_models import Draft

__all__ = ["DraftError", "DraftLimits", "address_of", "draft_to_mime"]

_POLICY = email.policy.SMTP.clone(utf8=True)


class DraftError(ValueError):
    """A draft that cannot become a message; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class DraftLimits:
    max_attachments: int
    max_attachment_bytes: int


def address_of(text: str, field: str) -> tuple[str, str]:
    """(display name, addr-spec) of one address; the error names the field, never the value."""
    if "\r" in text or "\n" in text:
        raise DraftError(f"{field}: line breaks are not allowed in an address")
    name, addr = parseaddr(text.strip())
    local, at, domain = addr.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in addr):
        raise DraftError(f"{field}: not an email address")
    return name, addr


def _addresses(values: list[str], field: str) -> str:
    formatted = []
    for n, value in enumerate(values):
        name, addr = address_of(value, f"{field}[{n}]")
        formatted.append(formataddr((name, addr)))
    return ", ".join(formatted)


def _attach(message: EmailMessage, draft: Draft, limits: DraftLimits) -> None:
    if len(draft.attachments) > limits.max_attachments:
        raise DraftError(
            f"too many attachments: {len(draft.attachments)} (at most {limits.max_attachments})",
            413,
        )
    for n, attachment in enumerate(draft.attachments):
        encoded = "".join(attachment.content_base64.split())
        if len(encoded) // 4 * 3 > limits.max_attachment_bytes + 3:
            raise DraftError(
                f"attachments[{n}]: larger than {limits.max_attachment_bytes} bytes", 413
            )
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise DraftError(f"attachments[{n}].content_base64: not valid base64") from None
        if len(content) > limits.max_attachment_bytes:
            raise DraftError(
                f"attachments[{n}]: larger than {limits.max_attachment_bytes} bytes", 413
            )
        maintype, _, subtype = attachment.content_type.lower().partition("/")
        filename = attachment.filename.replace("\r", " ").replace("\n", " ")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)


def draft_to_mime(draft: Draft, limits: DraftLimits) -> bytes:
    """The RFC 5322 bytes of `draft` (raises `DraftError` with the status to answer)."""
    message = EmailMessage(policy=_POLICY)
    message["From"] = formataddr(address_of(draft.from_, "from"))
    for field, values in (("To", draft.to), ("Cc", draft.cc), ("Bcc", draft.bcc)):
        if values:
            message[field] = _addresses(values, field.lower())
    message["Subject"] = " ".join(draft.subject.splitlines())
    if draft.body_html is not None and not draft.body_text:
        message.set_content(draft.body_html, subtype="html")
    else:
        message.set_content(draft.body_text)
        if draft.body_html is not None:
            message.add_alternative(draft.body_html, subtype="html")
    if draft.attachments:
        _attach(message, draft, limits)
    return message.as_bytes()

"""What a reader hands to `assemble`: decoded headers, body texts and attached files as bytes.

Each format's reader (MIME, Outlook .msg, TNEF, PST) knows how to find these pieces; one
shared `assemble` turns them into a `Message`, so addresses, body sections, attachment text
and limits behave the same whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Envelope, Uninspected

__all__ = ["RawMessage", "RawPart"]


@dataclass(frozen=True, slots=True)
class RawPart:
    """An attached file as it arrived: name, declared MIME type, payload bytes.

    `uninspected` is set when the reader could not even get the bytes (e.g. a corrupt
    transfer encoding) so that the attachment is still listed, with its reason.
    """

    filename: str
    declared_type: str
    data: bytes
    inline: bool = False
    content_id: str = ""
    uninspected: Uninspected | None = None


@dataclass(frozen=True, slots=True)
class RawMessage:
    """A message taken apart by a reader, before assembly.

    `headers` are (name, value) pairs already unfolded and RFC 2047-decoded.
    `calendar_parts` are the bodies of text/calendar parts (not attached files).
    `address_headers` are the address fields (From, To, Cc, ...) before RFC 2047 decoding,
    so that a display name which decodes to "Doe, Jane" is not split at its comma; a reader
    that synthesises headers may leave it empty, and `headers` are used instead.
    `envelope` is None unless the transport (milter, SMTP, PST store) supplied one.
    """

    source_format: str
    headers: tuple[tuple[str, str], ...]
    text_plain: str | None = None
    text_html: str | None = None
    parts: tuple[RawPart, ...] = ()
    calendar_parts: tuple[bytes, ...] = ()
    envelope: Envelope | None = None
    address_headers: tuple[tuple[str, str], ...] = ()
    size: int = 0
    defects: tuple[str, ...] = ()
    uninspected: tuple[Uninspected, ...] = ()

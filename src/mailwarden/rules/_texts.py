"""The places in a message where text lives, each with its DESIGN `where` label.

`subject`, `body`, `attachment:<n>` (attached files in document order, inline body parts
excluded; archive members as `attachment:<n>/<member path>`), `calendar:<n>` (each item in
document order) and `message:<n>` (messages carried inside this one).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..message.model import Attachment, CalendarItem, Message

__all__ = ["TextPlace", "attachment_places", "calendar_text", "text_places"]


@dataclass(frozen=True, slots=True)
class TextPlace:
    """Some text and where it came from. `kind` is the first part of `where`."""

    where: str
    kind: str
    text: str


def calendar_text(item: CalendarItem) -> str:
    """The text of a calendar item a person wrote: summary, location, description."""
    return "\n".join(t for t in (item.summary, item.location, item.description) if t)


def attachment_places(message: Message) -> Iterator[tuple[str, Attachment]]:
    """Every attached file and archive member with its `where`, in document order."""
    number = 0
    for attachment in message.attachments:
        if attachment.inline:
            continue
        number += 1
        yield f"attachment:{number}", attachment
        for member in attachment.members:
            for below in member.walk():
                yield f"attachment:{number}/{below.path or below.filename}", below


def text_places(message: Message) -> Iterator[TextPlace]:
    """Every text of the message that rules scan, in contract order."""
    if message.subject:
        yield TextPlace("subject", "subject", message.subject)
    if message.body.text:
        yield TextPlace("body", "body", message.body.text)
    for where, attachment in attachment_places(message):
        if attachment.text:
            yield TextPlace(where, "attachment", attachment.text)
    for number, item in enumerate(message.calendar, start=1):
        text = calendar_text(item)
        if text:
            yield TextPlace(f"calendar:{number}", "calendar", text)
    for number, nested in enumerate(message.nested_messages(), start=1):
        text = "\n".join(t for t in (nested.subject, nested.body.text) if t)
        if text:
            yield TextPlace(f"message:{number}", "message", text)

"""The parsed message: one immutable value every rule, detector and adapter works on.

Every reader (eml, emlx, msg, TNEF, mbox, maildir, PST, ics) produces this same shape, so
that a rule never needs to know where a message came from. Values are frozen dataclasses
(house rule 4): a rule cannot change what the next rule sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Address",
    "Attachment",
    "AutoIndicators",
    "Body",
    "BodySection",
    "CalendarItem",
    "Envelope",
    "Message",
    "SectionKind",
    "Uninspected",
    "UninspectedReason",
]


class UninspectedReason(StrEnum):
    """Why content was not fully inspected. Packs decide what each reason means."""

    ENCRYPTED = "encrypted"
    PASSWORD_PROTECTED = "password-protected"
    BOMB = "bomb"
    CORRUPT = "corrupt"
    OVER_LIMIT = "over-limit"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Uninspected:
    """A part that was not (fully) read, with the reason and a human detail line."""

    reason: UninspectedReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    """One mailbox. `domain` is lower-cased Unicode (IDNA decoded); local part kept as written."""

    display_name: str
    local_part: str
    domain: str
    registrable_domain: str = ""

    @property
    def addr_spec(self) -> str:
        """`local@domain`, or the bare local part when the address had no domain."""
        return f"{self.local_part}@{self.domain}" if self.domain else self.local_part

    def __str__(self) -> str:
        if self.display_name:
            return f"{self.display_name} <{self.addr_spec}>"
        return self.addr_spec


@dataclass(frozen=True, slots=True)
class Envelope:
    """SMTP envelope. When the transport did not give one it is derived from the headers.

    `from_headers` says which: rules that judge identity (send-as, authorisers) must not
    trust a header-derived sender as if it were authenticated.
    """

    mail_from: Address | None
    recipients: tuple[Address, ...]
    from_headers: bool = True


class SectionKind(StrEnum):
    """Kinds of region in a body's text."""

    NEW = "new"
    SIGNATURE = "signature"
    QUOTED = "quoted"
    FORWARDED = "forwarded"


@dataclass(frozen=True, slots=True)
class BodySection:
    """A region `text[start:end]` of the body, in code points."""

    kind: SectionKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Body:
    """The body as text, with where the writer's new words end and history begins.

    `text` is the plain-text alternative, or the HTML rendered to text when there is none.
    `html` is kept for formatting rules. `sections` cover `text` in order, without gaps.
    """

    text: str = ""
    html: str | None = None
    sections: tuple[BodySection, ...] = ()

    def _join(self, kind: SectionKind) -> str:
        return "".join(self.text[s.start : s.end] for s in self.sections if s.kind is kind)

    @property
    def new_text(self) -> str:
        """What the sender wrote in this message: no quoted history, no signature."""
        return self._join(SectionKind.NEW)

    @property
    def signature(self) -> str:
        """The sender's signature block, if one was recognised."""
        return self._join(SectionKind.SIGNATURE)

    @property
    def history(self) -> str:
        """Quoted replies and forwarded messages below the new text."""
        return "".join(
            self.text[s.start : s.end]
            for s in self.sections
            if s.kind in (SectionKind.QUOTED, SectionKind.FORWARDED)
        )


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One VEVENT (or VTODO/VJOURNAL), from a `text/calendar` part, an `.ics` file or a store.

    `classification` is the upper-cased CLASS value (`PUBLIC`, `PRIVATE`, `CONFIDENTIAL`) or ''.
    Times are kept as given (aware where the file said a zone) or None when absent or unreadable.
    """

    component: str = "VEVENT"
    uid: str = ""
    summary: str = ""
    description: str = ""
    location: str = ""
    start: dt.datetime | dt.date | None = None
    end: dt.datetime | dt.date | None = None
    organizer: Address | None = None
    attendees: tuple[Address, ...] = ()
    classification: str = ""
    method: str = ""
    categories: tuple[str, ...] = ()
    attachment_names: tuple[str, ...] = ()
    tolerant: bool = False

    @property
    def is_private(self) -> bool:
        """Marked private in the calendar itself (message-level Sensitivity is separate)."""
        return self.classification in ("PRIVATE", "CONFIDENTIAL")


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attached file (or an archive member), with its extracted text.

    `path` is the member path below the attachment for archive members ('' at top level).
    `members` are the files inside an archive or a TNEF container; `messages` are
    messages carried inside (message/rfc822, .eml, .msg); `calendar` the items of an .ics.
    """

    filename: str
    declared_type: str
    sniffed_type: str
    size: int
    text: str = ""
    inline: bool = False
    path: str = ""
    members: tuple[Attachment, ...] = ()
    messages: tuple[Message, ...] = ()
    calendar: tuple[CalendarItem, ...] = ()
    uninspected: Uninspected | None = None
    sha256: str = ""

    def walk(self) -> Iterator[Attachment]:
        """This attachment, then every member below it, depth first."""
        yield self
        for member in self.members:
            yield from member.walk()


@dataclass(frozen=True, slots=True)
class AutoIndicators:
    """Signs that a message was generated or forwarded by a machine, not typed by a person."""

    auto_submitted: str = ""
    auto_response_suppress: str = ""
    inbox_rules_loop: str = ""
    resent: bool = False
    precedence: str = ""

    @property
    def is_auto_reply(self) -> bool:
        """An out-of-office or other automatic reply (RFC 3834 `auto-replied`, Exchange's marks)."""
        value = self.auto_submitted.lower()
        return value.startswith("auto-replied") or (
            value.startswith("auto-generated") and bool(self.auto_response_suppress)
        )

    @property
    def is_auto_forward(self) -> bool:
        """Forwarded or redirected by a mailbox rule rather than by hand."""
        return (
            bool(self.inbox_rules_loop)
            or self.resent
            or (self.auto_submitted.lower().startswith("auto-forwarded"))
        )


@dataclass(frozen=True, slots=True)
class Message:
    """One message, fully decoded. Build it with a reader; never by hand outside tests."""

    source_format: str
    envelope: Envelope
    headers: tuple[tuple[str, str], ...] = ()
    from_: tuple[Address, ...] = ()
    sender: Address | None = None
    reply_to: tuple[Address, ...] = ()
    resent_to: tuple[Address, ...] = ()
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    bcc: tuple[Address, ...] = ()
    subject: str = ""
    date: dt.datetime | None = None
    message_id: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    auto: AutoIndicators = field(default_factory=AutoIndicators)
    sensitivity: str = ""
    markings: tuple[str, ...] = ()
    body: Body = field(default_factory=Body)
    attachments: tuple[Attachment, ...] = ()
    calendar: tuple[CalendarItem, ...] = ()
    size: int = 0
    defects: tuple[str, ...] = ()
    uninspected: tuple[Uninspected, ...] = ()

    def header(self, name: str) -> str | None:
        """The first value of a header, decoded, or None."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def header_all(self, name: str) -> tuple[str, ...]:
        """Every value of a header, in order."""
        wanted = name.lower()
        return tuple(value for key, value in self.headers if key.lower() == wanted)

    @property
    def recipients(self) -> tuple[Address, ...]:
        """To, then Cc, then Bcc in header order, then envelope-only recipients (DESIGN: where)."""
        listed = self.to + self.cc + self.bcc
        seen = {a.addr_spec.lower() for a in listed}
        extra = tuple(a for a in self.envelope.recipients if a.addr_spec.lower() not in seen)
        return listed + extra

    @property
    def is_private(self) -> bool:
        """Marked private by the sender (`Sensitivity: Private`)."""
        return self.sensitivity.lower() in ("private", "company-confidential")

    def walk_attachments(self) -> Iterator[Attachment]:
        """Every attachment and archive member, depth first (nested messages excluded)."""
        for attachment in self.attachments:
            yield from attachment.walk()

    def nested_messages(self) -> tuple[Message, ...]:
        """Messages carried inside this one, in document order (`message:<n>`)."""
        return tuple(m for a in self.walk_attachments() for m in a.messages)

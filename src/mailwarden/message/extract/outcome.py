"""The shapes every extractor shares: what it reads, how it stops, what it reports.

Extractors do not build `Attachment`s themselves. They write text into a `TextSink`
(which enforces the character and time limits as the text grows, so a huge document is
cut off while it is being read rather than after), raise `Unreadable` for a reason a
pack cares about (encrypted, bomb, ...), and return an `Extracted` for anything beyond
text (archive members, nested messages, calendar items).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..limits import ParseContext
from ..model import Attachment, CalendarItem, Message, Uninspected, UninspectedReason

__all__ = ["Extracted", "Source", "TextSink", "Unreadable"]


@dataclass(frozen=True, slots=True)
class Source:
    """One file to extract: a top-level attachment or a member found inside one.

    `path` is where it sits below the top-level attachment ('' for the attachment itself),
    so that evidence can point at `attachment:<n>/<path>`. `uninspected` is set when the
    reader could not even get the bytes; such a source is described, not opened.
    """

    filename: str
    declared_type: str
    data: bytes
    inline: bool = False
    path: str = ""
    uninspected: Uninspected | None = None


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an extractor found besides the text it wrote into the sink."""

    members: tuple[Attachment, ...] = ()
    messages: tuple[Message, ...] = ()
    calendar: tuple[CalendarItem, ...] = ()
    uninspected: Uninspected | None = None


class Unreadable(Exception):  # noqa: N818 - a state, not a programming error
    """Raised by an extractor when content cannot be read for a reason a pack may act on.

    Every other exception from a third-party parser is reported as `corrupt`; this one
    carries the reason (encrypted, bomb, over-limit, unsupported) and a detail line that
    never quotes the content.
    """

    def __init__(self, reason: UninspectedReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail

    def as_uninspected(self) -> Uninspected:
        """The model value for this problem."""
        return Uninspected(self.reason, self.detail)


class TextSink:
    """Collects extracted text, refusing more once the character limit or the deadline is hit.

    Extractors loop over pages, rows or paragraphs and stop as soon as `add` returns False,
    so the limits bound the work done, not only the size of the answer.
    """

    __slots__ = ("_ctx", "_left", "_pieces", "timed_out", "truncated")

    def __init__(self, ctx: ParseContext) -> None:
        self._ctx = ctx
        self._left = ctx.limits.max_text_chars
        self._pieces: list[str] = []
        self.truncated = False
        self.timed_out = False

    @property
    def full(self) -> bool:
        """True once no more text will be accepted."""
        return self.truncated or self.timed_out

    def add(self, piece: str) -> bool:
        """Append `piece` (cut at the limit); False when the caller should stop reading."""
        if self.full:
            return False
        if self._ctx.out_of_time():
            self.timed_out = True
            return False
        if len(piece) > self._left:
            self._pieces.append(piece[: self._left])
            self._left = 0
            self.truncated = True
            return False
        self._pieces.append(piece)
        self._left -= len(piece)
        return True

    def line(self, piece: str) -> bool:
        """Append `piece` and a line break; skips empty pieces."""
        if not piece:
            return not self.full
        return self.add(piece + "\n")

    @property
    def text(self) -> str:
        """Everything accepted so far."""
        return "".join(self._pieces)

    def problem(self) -> Uninspected | None:
        """Why the text is incomplete, if it is."""
        if self.timed_out:
            seconds = f"{self._ctx.limits.max_seconds:g}"
            return Uninspected(
                UninspectedReason.OVER_LIMIT,
                f"time limit of {seconds} s reached; text kept up to there",
            )
        if self.truncated:
            return Uninspected(
                UninspectedReason.OVER_LIMIT,
                f"text cut at {self._ctx.limits.max_text_chars} characters",
            )
        return None

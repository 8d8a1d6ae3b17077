"""What `check`, `check-text` and the gateways share: building a `Context` for a message.

Adapters read the clock and the transport's identity; this module turns those into the
engine's `Context` the same way everywhere (DESIGN: the clock is `--as-of`, else the
message's `Date:`, else now; a time without a zone is in the pack's `timezone`; the
sender is the authenticated one, else `From:`, marked unauthenticated).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from .errors import InputError
from .message.model import Body, BodySection, Envelope, Message, SectionKind
from .policy.context import Context
from .policy.pack import Pack
from .recipients.history import SenderHistory

__all__ = ["context_for", "in_pack_zone", "parse_as_of", "text_message"]


def parse_as_of(value: str) -> dt.datetime:
    """An ISO 8601 date or date-time from the command line (zone optional)."""
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"--as-of: not an ISO 8601 date-time: {value!r}") from None


def in_pack_zone(moment: dt.datetime, pack: Pack) -> dt.datetime:
    """`moment` as given when it carries a zone, else read in the pack's `timezone`."""
    if moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=zoneinfo.ZoneInfo(pack.timezone))


def context_for(
    message: Message,
    pack: Pack,
    *,
    now: dt.datetime,
    as_of: dt.datetime | None = None,
    sender: str | None = None,
    direction: str = "send",
    channel: str = "mail",
    sender_out_of_office: bool = False,
    override: bool = False,
    history: SenderHistory | None = None,
) -> Context:
    """The evaluation context for one message: clock, identity, direction, channel."""
    clock = as_of or message.date or now
    return Context(
        now=in_pack_zone(clock, pack),
        sender=(sender or "").strip(),
        sender_authenticated=bool(sender),
        sender_out_of_office=sender_out_of_office,
        override=override,
        direction=direction,
        channel=channel,
        history=history,
    )


def text_message(text: str) -> Message:
    """A bare message holding only `text` as new body text, for the text channels."""
    body = Body(text=text, sections=(BodySection(SectionKind.NEW, 0, len(text)),) if text else ())
    return Message(source_format="text", envelope=Envelope(None, ()), body=body, size=len(text))

"""Messages built in code, for cases a committed .eml cannot hold (a 20 MB file, a clock)."""

from __future__ import annotations

import datetime as dt

from mailwarden.engine import evaluate
from mailwarden.message.model import (
    Address,
    Attachment,
    Body,
    BodySection,
    Envelope,
    Message,
    SectionKind,
)
from mailwarden.message.sections import split_sections
from mailwarden.policy.context import Context
from mailwarden.policy.findings import Finding
from mailwarden.policy.loader import load_pack

MONDAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def address(text: str, name: str = "") -> Address:
    local, _, domain = text.partition("@")
    return Address(name, local, domain)


def message(
    *,
    sender: str,
    to: tuple[str, ...],
    text: str,
    subject: str = "Survey",
    attachments: tuple[Attachment, ...] = (),
) -> Message:
    sections = split_sections(text) or (BodySection(SectionKind.NEW, 0, len(text)),)
    recipients = tuple(address(a) for a in to)
    return Message(
        source_format="test",
        envelope=Envelope(address(sender), recipients),
        from_=(address(sender),),
        to=recipients,
        subject=subject,
        body=Body(text=text, sections=sections),
        attachments=attachments,
    )


def findings(
    pack: str,
    msg: Message,
    rule: str,
    *,
    now: dt.datetime = MONDAY,
    out_of_office: bool = False,
) -> list[Finding]:
    context = Context(now=now, sender_out_of_office=out_of_office)
    verdict = evaluate(msg, load_pack(pack), context)
    return [f for f in verdict.findings if f.rule == rule]

"""Bytes in, one immutable `Message` out: every mail format mailwarden reads."""

from __future__ import annotations

from .limits import Limits, ParseContext
from .model import (
    Address,
    Attachment,
    AutoIndicators,
    Body,
    BodySection,
    CalendarItem,
    Envelope,
    Message,
    SectionKind,
    Uninspected,
    UninspectedReason,
)

__all__ = [
    "Address",
    "Attachment",
    "AutoIndicators",
    "Body",
    "BodySection",
    "CalendarItem",
    "Envelope",
    "Limits",
    "Message",
    "ParseContext",
    "SectionKind",
    "Uninspected",
    "UninspectedReason",
]

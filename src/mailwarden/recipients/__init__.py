"""Recipient history and misdirection: who a sender usually writes to, and what looks wrong.

`history` holds the values learned from sent mail; the signals that compare a message with
them are pure functions the misdirection rules call through `Context.history`.
"""

from __future__ import annotations

from .history import (
    RecipientStats,
    SenderHistory,
    SentObservation,
    build_history,
    observe,
    thread_id,
)

__all__ = [
    "RecipientStats",
    "SenderHistory",
    "SentObservation",
    "build_history",
    "observe",
    "thread_id",
]

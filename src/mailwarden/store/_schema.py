"""The store's tables, as SQLAlchemy Core metadata shared by the queries and the migrations.

Recipient history keeps metadata only (who wrote to whom, when, in which thread), never a
subject or a body. Times are stored in UTC: `UTCDateTime` converts on the way in and gives
timezone-aware UTC values on the way out on both back ends (SQLite keeps them naive).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "CONFIRMATIONS",
    "DAY_DOMAINS",
    "DAY_PAIRS",
    "DAY_RECIPIENTS",
    "MESSAGES",
    "METADATA",
    "OVERRIDES",
    "QUARANTINE",
    "RECIPIENTS",
    "STORE_META",
    "THREAD_RECIPIENTS",
    "VERSION_TABLE",
    "UTCDateTime",
]

VERSION_TABLE = "mailwarden_schema_version"
"""Alembic's version table, named for the project so a shared database can hold others."""

METADATA = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# An auto-incrementing key: BIGINT on PostgreSQL, and SQLite's INTEGER PRIMARY KEY (the rowid).
_ID = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A point in time stored as UTC; aware values in, aware UTC values out.

    A naive value is refused on the way in: the caller must say which zone it means.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"a naive time cannot be stored (give a time zone): {value}")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        moment: dt.datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)


MESSAGES = Table(
    "history_messages",
    METADATA,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("sender", String(320), nullable=False),
    Column("message_key", String(255), nullable=False),
    Column("sent_at", UTCDateTime(), nullable=False),
    Column("thread", String(), nullable=False, server_default=""),
    UniqueConstraint("sender", "message_key"),
    Index("ix_history_messages_sender_sent_at", "sender", "sent_at"),
    Index("ix_history_messages_sent_at", "sent_at"),
    comment="Sent messages as recipient history sees them: no subject, no body.",
)
"""One row per sent message: its sender, a key unique per sender, when, and its thread."""

RECIPIENTS = Table(
    "history_recipients",
    METADATA,
    Column(
        "message_id",
        _ID,
        ForeignKey("history_messages.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("address", String(320), primary_key=True),
    Column("position", SmallInteger(), nullable=False),
    Column("display_name", String(), nullable=False, server_default=""),
    Index("ix_history_recipients_address", "address"),
    comment="The recipients of each sent message (To, Cc, Bcc, envelope), in order.",
)
"""One row per recipient of a sent message: address, display name, order in the message."""

CONFIRMATIONS = Table(
    "history_confirmations",
    METADATA,
    Column("sender", String(320), primary_key=True),
    Column("recipient", String(320), primary_key=True),
    Column("confirmed_at", UTCDateTime(), nullable=False),
    Index("ix_history_confirmations_recipient", "recipient"),
    comment="Recipients a sender confirmed as intended (warnings about them suppressed).",
)
"""A sender's confirmation that a recipient is intended, and when it was last given."""

# What `Store.history` reads instead of every message: the messages' recipients summed per
# sender and UTC day, kept in step by the store (added to when messages are recorded, rebuilt
# for the days prune and forget change). A window is the whole days inside it read from
# these, plus the messages of the (at most two) partial days at its ends read from the rows.

DAY_RECIPIENTS = Table(
    "history_day_recipients",
    METADATA,
    Column("sender", String(320), primary_key=True),
    Column("day", Date(), primary_key=True),
    Column("address", String(320), primary_key=True),
    Column("name_key", String(64), primary_key=True),
    Column("display_name", String(), nullable=False, server_default=""),
    Column("messages", Integer(), nullable=False),
    Column("first_at", UTCDateTime(), nullable=False),
    Column("last_at", UTCDateTime(), nullable=False),
    Column("first_id", _ID, nullable=False),
    Index("ix_history_day_recipients_day", "day"),
    comment="Messages per sender, UTC day, recipient and display name (history summary).",
)
"""Per sender, day, recipient and display name (`name_key` its SHA-256): how many messages,
the first and last, and the id of the first (the order of display names)."""

DAY_PAIRS = Table(
    "history_day_pairs",
    METADATA,
    Column("sender", String(320), primary_key=True),
    Column("day", Date(), primary_key=True),
    Column("address", String(320), primary_key=True),
    Column("other", String(320), primary_key=True),
    Column("messages", Integer(), nullable=False),
    Index("ix_history_day_pairs_day", "day"),
    comment="Messages per sender, UTC day and pair of recipients (history summary).",
)
"""Per sender and day, the messages that went to both `address` and `other` (address < other)."""

DAY_DOMAINS = Table(
    "history_day_domains",
    METADATA,
    Column("sender", String(320), primary_key=True),
    Column("day", Date(), primary_key=True),
    Column("domain", String(320), primary_key=True),
    Column("messages", Integer(), nullable=False),
    Index("ix_history_day_domains_day", "day"),
    comment="Messages per sender, UTC day and recipient domain (history summary).",
)
"""Per sender and day, the messages with at least one recipient at `domain`."""

THREAD_RECIPIENTS = Table(
    "history_thread_recipients",
    METADATA,
    Column("sender", String(320), primary_key=True),
    Column("thread_key", String(64), primary_key=True),
    Column("address", String(320), primary_key=True),
    Column("thread", String(), nullable=False),
    Column("first_at", UTCDateTime(), nullable=False),
    Column("last_at", UTCDateTime(), nullable=False),
    Index("ix_history_thread_recipients_last_at", "last_at"),
    comment="Recipients per sender and thread, first and last message (history summary).",
)
"""Per sender, thread (`thread_key` its SHA-256) and recipient: when the last message went
(exact) and the first (a lower bound once prune has removed older ones). `address` is empty
for the thread's messages that had no recipient."""

OVERRIDES = Table(
    "overrides",
    METADATA,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False),
    Column("sender", String(320), nullable=False),
    Column("client", String(100), nullable=False, server_default=""),
    Column("justification", String(2000), nullable=False),
    Column("issued_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Index("ix_overrides_sender_issued_at", "sender", "issued_at"),
    Index("ix_overrides_digest", "digest"),
    comment="Overrides of a warning issued to a sender, with their justification, for review.",
)
"""One row per override token issued: the message digest (not its content), who, why, when."""

QUARANTINE = Table(
    "quarantine",
    METADATA,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("queue_id", String(40), nullable=False),
    Column("held_at", UTCDateTime(), nullable=False),
    Column("sender", String(320), nullable=False),
    Column("recipients", Text(), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("verdict", String(20), nullable=False, server_default=""),
    Column("findings", Text(), nullable=False),
    Column("status", String(20), nullable=False, server_default="held"),
    Column("status_by", String(200), nullable=False, server_default=""),
    Column("status_at", UTCDateTime(), nullable=True),
    Index("ix_quarantine_queue_id", "queue_id"),
    Index("ix_quarantine_status_held_at", "status", "held_at"),
    Index("ix_quarantine_sender", "sender"),
    comment="Messages held for review: reason, verdict, masked findings, hashed recipients.",
)
"""One row per message the gateway held: Postfix's queue ID, when, the sender, the recipients
as salted hashes (a JSON list), the reason, the verdict, the findings as JSON with masked
evidence only, and what became of it (held, released, deleted; by whom, when)."""

STORE_META = Table(
    "store_meta",
    METADATA,
    Column("name", String(100), primary_key=True),
    Column("value", String(500), nullable=False),
    comment="The store's own values (the salt of hashed addresses).",
)
"""Named values the store keeps about itself: `address_salt` (random, made on first use)."""

"""Recipient history: sent messages, their recipients, and confirmations (metadata only).

Revision ID: 0001
Revises:
Create Date: 2026-11-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "history_messages",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("message_key", sa.String(255), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("thread", sa.String(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_history_messages"),
        sa.UniqueConstraint("sender", "message_key", name="uq_history_messages_sender"),
        comment="Sent messages as recipient history sees them: no subject, no body.",
    )
    op.create_index("ix_history_messages_sender_sent_at", "history_messages", ["sender", "sent_at"])
    op.create_index("ix_history_messages_sent_at", "history_messages", ["sent_at"])
    op.create_table(
        "history_recipients",
        sa.Column("message_id", _ID, nullable=False),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("message_id", "address", name="pk_history_recipients"),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["history_messages.id"],
            name="fk_history_recipients_message_id_history_messages",
            ondelete="CASCADE",
        ),
        comment="The recipients of each sent message (To, Cc, Bcc, envelope), in order.",
    )
    op.create_index("ix_history_recipients_address", "history_recipients", ["address"])
    op.create_table(
        "history_confirmations",
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sender", "recipient", name="pk_history_confirmations"),
        comment="Recipients a sender confirmed as intended (warnings about them suppressed).",
    )
    op.create_index("ix_history_confirmations_recipient", "history_confirmations", ["recipient"])


def downgrade() -> None:
    op.drop_table("history_confirmations")
    op.drop_table("history_recipients")
    op.drop_table("history_messages")

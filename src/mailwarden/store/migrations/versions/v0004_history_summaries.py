"""History summaries per sender and day, and per sender and thread, filled from the messages.

`Store.history` reads these instead of every message of the window (see `_history_query`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailwarden.store._history_query import rebuild_all

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _keys(*extra: sa.Column[object]) -> list[sa.Column[object]]:
    return [
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        *extra,
    ]


def upgrade() -> None:
    op.create_table(
        "history_day_recipients",
        *_keys(
            sa.Column("address", sa.String(320), nullable=False),
            sa.Column("name_key", sa.String(64), nullable=False),
        ),
        sa.Column("display_name", sa.String(), nullable=False, server_default=""),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_id", _ID, nullable=False),
        sa.PrimaryKeyConstraint(
            "sender", "day", "address", "name_key", name="pk_history_day_recipients"
        ),
        comment="Messages per sender, UTC day, recipient and display name (history summary).",
    )
    op.create_index("ix_history_day_recipients_day", "history_day_recipients", ["day"])
    op.create_table(
        "history_day_pairs",
        *_keys(
            sa.Column("address", sa.String(320), nullable=False),
            sa.Column("other", sa.String(320), nullable=False),
        ),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sender", "day", "address", "other", name="pk_history_day_pairs"),
        comment="Messages per sender, UTC day and pair of recipients (history summary).",
    )
    op.create_index("ix_history_day_pairs_day", "history_day_pairs", ["day"])
    op.create_table(
        "history_day_domains",
        *_keys(sa.Column("domain", sa.String(320), nullable=False)),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sender", "day", "domain", name="pk_history_day_domains"),
        comment="Messages per sender, UTC day and recipient domain (history summary).",
    )
    op.create_index("ix_history_day_domains_day", "history_day_domains", ["day"])
    op.create_table(
        "history_thread_recipients",
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("thread_key", sa.String(64), nullable=False),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("thread", sa.String(), nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "sender", "thread_key", "address", name="pk_history_thread_recipients"
        ),
        comment="Recipients per sender and thread, first and last message (history summary).",
    )
    op.create_index(
        "ix_history_thread_recipients_last_at", "history_thread_recipients", ["last_at"]
    )
    rebuild_all(op.get_bind())


def downgrade() -> None:
    for table in (
        "history_thread_recipients",
        "history_day_domains",
        "history_day_pairs",
        "history_day_recipients",
    ):
        op.drop_table(table)

"""Quarantine records (held messages with masked findings, hashed recipients) and store_meta.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "quarantine",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("queue_id", sa.String(40), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False, server_default=""),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="held"),
        sa.Column("status_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_quarantine"),
        comment="Messages held for review: reason, verdict, masked findings, hashed recipients.",
    )
    op.create_index("ix_quarantine_queue_id", "quarantine", ["queue_id"])
    op.create_index("ix_quarantine_status_held_at", "quarantine", ["status", "held_at"])
    op.create_index("ix_quarantine_sender", "quarantine", ["sender"])
    op.create_table(
        "store_meta",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_store_meta"),
        comment="The store's own values (the salt of hashed addresses).",
    )


def downgrade() -> None:
    op.drop_table("store_meta")
    op.drop_index("ix_quarantine_sender", table_name="quarantine")
    op.drop_index("ix_quarantine_status_held_at", table_name="quarantine")
    op.drop_index("ix_quarantine_queue_id", table_name="quarantine")
    op.drop_table("quarantine")

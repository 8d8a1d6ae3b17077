"""Overrides issued by the pre-send API: digest, sender, justification, validity.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "overrides",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("client", sa.String(100), nullable=False, server_default=""),
        sa.Column("justification", sa.String(2000), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_overrides"),
        comment="Overrides of a warning issued to a sender, with their justification, for review.",
    )
    op.create_index("ix_overrides_sender_issued_at", "overrides", ["sender", "issued_at"])
    op.create_index("ix_overrides_digest", "overrides", ["digest"])


def downgrade() -> None:
    op.drop_index("ix_overrides_digest", table_name="overrides")
    op.drop_index("ix_overrides_sender_issued_at", table_name="overrides")
    op.drop_table("overrides")

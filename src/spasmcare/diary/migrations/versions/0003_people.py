"""People and web sessions: every diary row gets an owner (0 in single-person mode)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

DIARY_TABLES = ("episode", "assessment", "checkin", "self_care_step")


def upgrade() -> None:
    for name in (*DIARY_TABLES, "profile"):
        op.add_column(name, sa.Column("owner", sa.Integer, nullable=False, server_default="0"))
    for name in DIARY_TABLES[1:]:
        op.create_index(f"ix_{name}_owner", name, ["owner"])
    op.create_index("ix_episode_owner_started_at", "episode", ["owner", "started_at"])
    op.create_index("ux_profile_owner", "profile", ["owner"], unique=True)
    op.create_table(
        "person",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime),
    )
    op.create_table(
        "web_session",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("person.id", ondelete="CASCADE")),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_web_session_expires_at", "web_session", ["expires_at"])

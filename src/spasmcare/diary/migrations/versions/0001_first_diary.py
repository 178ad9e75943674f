"""First diary schema: profile, episodes (indexed by time) and saved assessments."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("age", sa.Integer),
        sa.Column("sex", sa.String(16)),
        sa.Column("pregnant", sa.Boolean),
        sa.Column("medications", sa.JSON, nullable=False),
        sa.Column("conditions", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "episode",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("utc_offset_minutes", sa.Integer, nullable=False),
        sa.Column("region", sa.String(32), nullable=False),
        sa.Column("side", sa.String(8)),
        sa.Column("severity", sa.Integer),
        sa.Column("duration_minutes", sa.Float),
        sa.Column("triggers", sa.JSON, nullable=False),
        sa.Column("helped", sa.JSON, nullable=False),
        sa.Column("associated", sa.JSON),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_episode_started_at", "episode", ["started_at"])
    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("episode_id", sa.Integer, sa.ForeignKey("episode.id")),
        sa.Column("case", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
    )

"""Account life cycle: sessions with an idle and an absolute lifetime, disabled accounts,
sign-in back-off by name and by address, browsers known to an account, and one-time links
(clinician invitations and password resets)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("web_session") as web_session:
        web_session.add_column(sa.Column("seen_at", sa.DateTime))
    op.execute("UPDATE web_session SET seen_at = created_at")
    op.create_index("ix_web_session_person_id", "web_session", ["person_id"])
    with op.batch_alter_table("person") as person:
        person.add_column(sa.Column("disabled_at", sa.DateTime))
    op.create_table(
        "sign_in_backoff",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failed_at", sa.DateTime, nullable=False),
        sa.Column("blocked_until", sa.DateTime, nullable=False),
    )
    op.create_table(
        "known_device",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_known_device_person_id", "known_device", ["person_id"])
    op.create_table(
        "account_link",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("email", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
    )
    op.create_index("ix_account_link_person_id", "account_link", ["person_id"])

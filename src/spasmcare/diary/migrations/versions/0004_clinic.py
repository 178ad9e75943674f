"""Clinic mode: roles, FHIR Patient links, access tokens, consent, the audit log, rate limits."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as person:
        person.add_column(
            sa.Column("role", sa.String(16), nullable=False, server_default="patient")
        )
        person.add_column(sa.Column("fhir_id", sa.String(64)))
    op.create_index("ux_person_fhir_id", "person", ["fhir_id"], unique=True)
    op.create_table(
        "api_token",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("owner", sa.Integer, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_index("ix_api_token_owner", "api_token", ["owner"])
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patient", sa.Integer, nullable=False),
        sa.Column("clinician", sa.Integer, nullable=False),
        sa.Column("granted_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_index("ix_consent_patient", "consent", ["patient"])
    op.create_index("ix_consent_clinician", "consent", ["clinician"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("patient", sa.Integer, nullable=False),
        sa.Column("actor", sa.String(160), nullable=False),
        sa.Column("action", sa.String(160), nullable=False),
    )
    op.create_index("ix_audit_patient_id", "audit", ["patient", "id"])
    op.create_table(
        "rate_count",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_rate_count_expires_at", "rate_count", ["expires_at"])

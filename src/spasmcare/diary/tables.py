"""The diary's tables as the code uses them (the migrations create them; a test keeps both equal).

Times are stored as naive UTC so that ordering and the time index work the same on SQLite and
PostgreSQL; an episode keeps its UTC offset so it is shown in the zone it was recorded in.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

LOCAL_OWNER = 0
"""The owner of every row in single-person mode (and of diaries made before accounts)."""


def _owner(index: bool = True) -> Column[int]:
    # Every diary row belongs to one person; the default keeps single-person diaries as they were.
    return Column("owner", Integer, nullable=False, server_default=str(LOCAL_OWNER), index=index)


profile = Table(
    "profile",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("age", Integer),
    Column("sex", String(16)),
    Column("pregnant", Boolean),
    Column("medications", JSON, nullable=False),
    Column("conditions", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    _owner(index=False),
    Index("ux_profile_owner", "owner", unique=True),
)

episode = Table(
    "episode",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", DateTime, nullable=False),
    Column("utc_offset_minutes", Integer, nullable=False),
    Column("region", String(32), nullable=False),
    Column("side", String(8)),
    Column("severity", Integer),
    Column("duration_minutes", Float),
    Column("triggers", JSON, nullable=False),
    Column("helped", JSON, nullable=False),
    Column("associated", JSON),
    Column("notes", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("deleted_at", DateTime),
    Index("ix_episode_started_at", "started_at"),
    _owner(index=False),
    # One person's newest episodes first, read straight off the index.
    Index("ix_episode_owner_started_at", "owner", "started_at"),
)

episode_summary = Table(
    "episode_summary",
    metadata,
    # Kept up to date in the transaction of every episode write (``summaries``), so the clinic
    # dashboard reads each patient's diary from a few rows instead of every episode.
    Column("owner", Integer, primary_key=True, autoincrement=False),
    Column("first_at", DateTime, nullable=False),
    Column("first_offset_minutes", Integer, nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_at", DateTime, nullable=False),
    Column("last_offset_minutes", Integer, nullable=False),
)

episode_day = Table(
    "episode_day",
    metadata,
    # Live episodes a day, by the date in the zone each was recorded in (as the insights count).
    Column("owner", Integer, primary_key=True, autoincrement=False),
    Column("day", Date, primary_key=True),
    Column("episodes", Integer, nullable=False),
)

assessment = Table(
    "assessment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("episode_id", Integer, ForeignKey("episode.id")),
    Column("case", JSON, nullable=False),
    Column("result", JSON, nullable=False),
    Column("knowledge_version", String(64), nullable=False),
    _owner(),
)

checkin = Table(
    "checkin",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("assessment_id", Integer, ForeignKey("assessment.id")),
    Column("answer", String(16), nullable=False),
    Column("note", Text, nullable=False),
    _owner(),
)

self_care_step = Table(
    "self_care_step",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("assessment_id", Integer, ForeignKey("assessment.id")),
    Column("step_id", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("stopped_at", DateTime),
    _owner(),
)

person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime),
    Column("role", String(16), nullable=False, server_default="patient"),
    Column("fhir_id", String(64)),
    Index("ux_person_fhir_id", "fhir_id", unique=True),
    Column("disabled_at", DateTime),
)

web_session = Table(
    "web_session",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id", ondelete="CASCADE"), index=True),
    Column("csrf", String(64), nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False),
    # expires_at is the absolute end, never moved; seen_at the last request (the idle end).
    Column("expires_at", DateTime, nullable=False, index=True),
    Column("seen_at", DateTime),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("owner", Integer, nullable=False, index=True),
    Column("name", String(64), nullable=False),
    Column("scope", String(8), nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)

consent = Table(
    "consent",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("patient", Integer, nullable=False, index=True),
    Column("clinician", Integer, nullable=False, index=True),
    Column("granted_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("patient", Integer, nullable=False),
    Column("actor", String(160), nullable=False),
    Column("action", String(160), nullable=False),
    Index("ix_audit_patient_id", "patient", "id"),
)

rate_count = Table(
    "rate_count",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
)

calendar_feed = Table(
    "calendar_feed",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("owner", Integer, nullable=False, index=True),
    Column("secret_hash", String(64), nullable=False),
    Column("title", String(80), nullable=False),
    # "HH:MM" in the phone's own time zone, or none: no daily diary reminder.
    Column("daily_at", String(5)),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)

sign_in_backoff = Table(
    "sign_in_backoff",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failed_at", DateTime, nullable=False),
    Column("blocked_until", DateTime, nullable=False),
)
"""Wrong passwords by the name tried (known or not) and by address: see accounts.backoff."""

known_device = Table(
    "known_device",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("person_id", Integer, nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
)
"""Browsers that signed in to an account (the hash of their cookie): the name's back-off does
not apply to them, so nobody can keep a person out by failing in their name."""

account_link = Table(
    "account_link",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("person_id", Integer, nullable=False, index=True),
    Column("email", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),
)
"""One-time links (the hash of their secret): ``invite`` from a patient to a clinician's email,
``reset`` of a person's password, made by an admin."""

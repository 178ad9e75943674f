"""Episode summaries for the clinic dashboard: each diary's first and last episode, and its
live episodes a day, filled from the episodes already stored."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_BATCH = 50_000


def upgrade() -> None:
    summary = op.create_table(
        "episode_summary",
        sa.Column("owner", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("first_at", sa.DateTime, nullable=False),
        sa.Column("first_offset_minutes", sa.Integer, nullable=False),
        sa.Column("first_day", sa.Date, nullable=False),
        sa.Column("last_at", sa.DateTime, nullable=False),
        sa.Column("last_offset_minutes", sa.Integer, nullable=False),
    )
    days = op.create_table(
        "episode_day",
        sa.Column("owner", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("episodes", sa.Integer, nullable=False),
    )
    assert summary is not None and days is not None
    _backfill(op.get_bind(), summary, days)


def _backfill(c: sa.Connection, summary: sa.Table, days: sa.Table) -> None:
    """Count every live episode, person by person, in time order (read in batches)."""
    episode = sa.table(
        "episode", sa.column("id", sa.Integer), sa.column("owner", sa.Integer),
        sa.column("started_at", sa.DateTime),
        sa.column("utc_offset_minutes", sa.Integer), sa.column("deleted_at", sa.DateTime),
    )  # fmt: skip
    query = (
        sa.select(episode.c.owner, episode.c.started_at, episode.c.utc_offset_minutes)
        .where(episode.c.deleted_at.is_(None))
        .order_by(episode.c.owner, episode.c.started_at, episode.c.id)
    )
    counted: Counter[tuple[int, date]] = Counter()
    edges: dict[int, list[tuple[datetime, int]]] = {}
    for owner, at, offset in c.execute(query):
        counted[owner, (at + timedelta(minutes=offset)).date()] += 1
        edge = edges.setdefault(owner, [(at, offset), (at, offset)])
        if at == edge[0][0]:  # of episodes at the same moment, the latest saved is the first
            edge[0] = (at, offset)
        edge[1] = (at, offset)
    rows = [{"owner": o, "day": d, "episodes": n} for (o, d), n in counted.items()]
    for start in range(0, len(rows), _BATCH):
        c.execute(sa.insert(days), rows[start : start + _BATCH])
    if edges:
        c.execute(sa.insert(summary), [
            {"owner": o, "first_at": f[0], "first_offset_minutes": f[1],
             "first_day": (f[0] + timedelta(minutes=f[1])).date(), "last_at": last[0],
             "last_offset_minutes": last[1]}
            for o, (f, last) in edges.items()
        ])  # fmt: skip

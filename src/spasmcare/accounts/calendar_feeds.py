"""Private calendar feed addresses: ``cal_<id>_<secret>``, of which the database keeps the id and
the SHA-256 of the whole text, so a stolen database holds no address that works.

A person has at most one live address; making a new one revokes the old, so a shared or leaked
address can always be cut off.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import Engine, insert, select, update

from spasmcare.accounts import security
from spasmcare.diary import database, tables

DEFAULT_TITLE: Final = "spasmcare"
MAX_TITLE: Final = 80
_SHAPE: Final = re.compile(r"^cal_([a-z0-9]{12})_([A-Za-z0-9_-]{20,64})$")
_TIME: Final = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class FeedError(ValueError):
    """A feed that cannot be made as asked, with a message safe to show."""


@dataclass(frozen=True)
class Feed:
    """What is known of a feed address: never its secret."""

    id: str
    owner: int
    title: str
    daily_at: str | None
    created_at: datetime


class CalendarFeeds:
    """The calendar_feed table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(
        self, owner: int, title: str, daily_at: str | None, now: datetime
    ) -> tuple[Feed, str]:
        """A new address (its text is shown once, never stored); the old one stops working."""
        title = " ".join(title.split())[:MAX_TITLE] or DEFAULT_TITLE
        if daily_at is not None and not _TIME.match(daily_at):
            raise FeedError(f"daily reminder time: {daily_at!r} is not a time; use HH:MM, "
                            "e.g. 21:00, or leave it empty for no daily reminder")  # fmt: skip
        ident = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(12))
        text = f"cal_{ident}_{secrets.token_urlsafe(32)}"
        t = tables.calendar_feed
        row = {"id": ident, "owner": owner, "secret_hash": security.digest(text), "title": title,
               "daily_at": daily_at, "created_at": now}  # fmt: skip
        with self.engine.begin() as c:
            c.execute(
                update(t).where(t.c.owner == owner, t.c.revoked_at.is_(None)).values(revoked_at=now)
            )
            c.execute(insert(t), row)
        return Feed(ident, owner, title, daily_at, now), text

    def of(self, owner: int) -> Feed | None:
        """The owner's live feed, if any."""
        t = tables.calendar_feed
        query = select(t).where(t.c.owner == owner, t.c.revoked_at.is_(None))
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(query.order_by(t.c.created_at.desc()).limit(1)).first()
        return None if row is None else Feed(row.id, row.owner, row.title, row.daily_at,
                                             row.created_at)  # fmt: skip

    def revoke(self, owner: int, now: datetime) -> bool:
        """Stop the owner's live address working; False when there was none."""
        t = tables.calendar_feed
        with self.engine.begin() as c:
            done = c.execute(
                update(t).where(t.c.owner == owner, t.c.revoked_at.is_(None)).values(revoked_at=now)
            )
        return done.rowcount > 0

    def verify(self, text: str) -> Feed | None:
        """The live feed this address is, or None (checked against its hash in constant time)."""
        shape = _SHAPE.match(text)
        if shape is None:
            return None
        t = tables.calendar_feed
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(
                select(t).where(t.c.id == shape.group(1), t.c.revoked_at.is_(None))
            ).first()
        if row is None or not security.same(row.secret_hash, security.digest(text)):
            return None
        return Feed(row.id, row.owner, row.title, row.daily_at, row.created_at)

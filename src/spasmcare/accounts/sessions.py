"""Server-side sessions in the database: the cookie holds a random token, the table its hash.

A session carries the CSRF token of its forms and small state (the interview in progress, a
message for the next page). A visitor who only reads pages has no row: the session is kept in
the database only once it has something to keep (see ``spasmcare.web.context.with_session``).

Each session ends ``idle`` after its last request and ``lifetime`` after it began, however
busy it is; ending every session of a person signs them out on every device.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import Engine, delete, insert, or_, select, update

from spasmcare.accounts import security
from spasmcare.diary import database, tables

IDLE: Final = timedelta(minutes=30)
LIFETIME: Final = timedelta(hours=12)
_SEEN_EVERY: Final = timedelta(minutes=1)
"""How stale the last-request time may grow before a request writes it again: a busy session
costs one write a minute, not one a request."""
_SWEEP_CHANCE: Final = 0.01


@dataclass
class Session:
    """One browser's session; ``token`` is only known on the request that stored it."""

    key: str
    csrf: str
    person_id: int | None
    data: dict[str, Any] = field(default_factory=dict)
    token: str | None = None
    changed: bool = False
    stored: bool = True
    seen_at: datetime | None = None


class Sessions:
    """The web_session table."""

    def __init__(self, engine: Engine, idle: timedelta = IDLE, lifetime: timedelta = LIFETIME):
        self.engine = engine
        self.idle = idle
        self.lifetime = lifetime

    @staticmethod
    def anonymous(csrf: str | None = None) -> Session:
        """A session kept nowhere yet (its CSRF token rides in a cookie of its own)."""
        return Session("", csrf or security.new_token(), None, stored=False)

    def new(self, now: datetime, person_id: int | None = None) -> Session:
        """A stored session (sign-in: new token, new CSRF token)."""
        return self.keep(Session("", security.new_token(), person_id, stored=False), now)

    def keep(self, session: Session, now: datetime) -> Session:
        """Store a session that was kept nowhere, giving it its token."""
        token = security.new_token()
        session.key, session.token, session.stored, session.seen_at = (
            security.digest(token), token, True, now,
        )  # fmt: skip
        with self.engine.begin() as c:
            c.execute(
                insert(tables.web_session),
                {"id": session.key, "person_id": session.person_id, "csrf": session.csrf,
                 "data": session.data, "created_at": now, "expires_at": now + self.lifetime,
                 "seen_at": now},
            )  # fmt: skip
        if random.random() < _SWEEP_CHANCE:  # ended sessions go now and then, not at start only
            self.sweep(now)
        return session

    def get(self, token: str, now: datetime) -> Session | None:
        """The live session of this cookie: neither idle too long nor past its lifetime."""
        t = tables.web_session
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(
                select(t).where(
                    t.c.id == security.digest(token), t.c.expires_at > now,
                    t.c.seen_at > now - self.idle,
                )
            ).first()  # fmt: skip
        if row is None:
            return None
        return Session(row.id, row.csrf, row.person_id, dict(row.data), seen_at=row.seen_at)

    def needs_saving(self, session: Session, now: datetime) -> bool:
        stale = session.seen_at is None or now - session.seen_at >= _SEEN_EVERY
        return session.stored and (session.changed or stale)

    def save(self, session: Session, now: datetime) -> None:
        """Write the session's state and the time of this request (never its absolute end)."""
        t = tables.web_session
        with self.engine.begin() as c:
            c.execute(update(t).where(t.c.id == session.key).values(data=session.data, seen_at=now))

    def end(self, session: Session) -> None:
        if not session.stored:
            return
        with self.engine.begin() as c:
            c.execute(delete(tables.web_session).where(tables.web_session.c.id == session.key))

    def end_all(self, person_id: int) -> int:
        """End every session of a person (sign out everywhere); how many there were."""
        t = tables.web_session
        with self.engine.begin() as c:
            return int(c.execute(delete(t).where(t.c.person_id == person_id)).rowcount)

    def sweep(self, now: datetime) -> None:
        """Remove ended sessions."""
        t = tables.web_session
        with self.engine.begin() as c:
            c.execute(
                delete(t).where(
                    or_(
                        t.c.expires_at <= now, t.c.seen_at <= now - self.idle, t.c.seen_at.is_(None)
                    )
                )
            )

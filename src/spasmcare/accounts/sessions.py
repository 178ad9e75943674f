"""Server-side sessions in the database: the cookie holds a random token, the table its hash.

A session carries the CSRF token of its forms and small state (the interview in progress).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update

from spasmcare.accounts import security
from spasmcare.diary import database, tables

LIFETIME = timedelta(days=14)


@dataclass
class Session:
    """One browser's session; ``token`` is only known on the request that created it."""

    key: str
    csrf: str
    person_id: int | None
    data: dict[str, Any] = field(default_factory=dict)
    token: str | None = None
    changed: bool = False


class Sessions:
    """The web_session table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def new(self, now: datetime, person_id: int | None = None) -> Session:
        token = security.new_token()
        session = Session(security.digest(token), security.new_token(), person_id, {}, token)
        with self.engine.begin() as c:
            c.execute(
                insert(tables.web_session),
                {"id": session.key, "person_id": person_id, "csrf": session.csrf, "data": {},
                 "created_at": now, "expires_at": now + LIFETIME},
            )  # fmt: skip
        return session

    def get(self, token: str, now: datetime) -> Session | None:
        t = tables.web_session
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(
                select(t).where(t.c.id == security.digest(token), t.c.expires_at > now)
            ).first()
        if row is None:
            return None
        return Session(row.id, row.csrf, row.person_id, dict(row.data))

    def save(self, session: Session, now: datetime) -> None:
        t = tables.web_session
        with self.engine.begin() as c:
            c.execute(
                update(t)
                .where(t.c.id == session.key)
                .values(data=session.data, expires_at=now + LIFETIME)
            )

    def end(self, session: Session) -> None:
        with self.engine.begin() as c:
            c.execute(delete(tables.web_session).where(tables.web_session.c.id == session.key))

    def sweep(self, now: datetime) -> None:
        """Remove expired sessions."""
        t = tables.web_session
        with self.engine.begin() as c:
            c.execute(delete(t).where(t.c.expires_at <= now))

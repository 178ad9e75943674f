"""Browsers known to an account: a random cookie set at each sign-in, its hash kept here.

A known browser skips the back-off on its account's email (``accounts.backoff``), so an
attacker who fails in a person's name slows down only browsers that never signed in as them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy import Engine, delete, func, insert, select

from spasmcare.accounts import security
from spasmcare.diary import database, tables

MAX_DEVICES: Final = 20
"""Browsers remembered per account; the oldest is forgotten first."""


class Devices:
    """The known_device table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def remember(self, person_id: int, now: datetime) -> str:
        """A new cookie value for a browser that just signed in."""
        token = security.new_token()
        t = tables.known_device
        with self.engine.begin() as c:
            c.execute(insert(t), {"id": security.digest(token), "person_id": person_id,
                                  "created_at": now})  # fmt: skip
            count = c.execute(select(func.count()).where(t.c.person_id == person_id)).scalar()
            if count is not None and count > MAX_DEVICES:
                oldest = (
                    select(t.c.id).where(t.c.person_id == person_id)
                    .order_by(t.c.created_at).limit(count - MAX_DEVICES)
                )  # fmt: skip
                c.execute(delete(t).where(t.c.id.in_(oldest.scalar_subquery())))
        return token

    def knows(self, token: str | None, person_id: int) -> bool:
        if not token:
            return False
        t = tables.known_device
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            found = c.execute(
                select(t.c.id).where(t.c.id == security.digest(token), t.c.person_id == person_id)
            ).first()
        return found is not None

    def forget(self, person_id: int) -> None:
        with self.engine.begin() as c:
            c.execute(
                delete(tables.known_device).where(tables.known_device.c.person_id == person_id)
            )

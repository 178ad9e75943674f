"""Sign-in back-off instead of a lock-out (security review finding 6).

Wrong passwords are counted by the email tried, whether or not an account has it, and by the
client's address. After ``FREE`` failures each further attempt must wait ``FIRST_WAIT``, then
twice as long as the last: up to ``NAME_CAP`` for an email, up to ``ADDRESS_CAP`` for an
address (which gets ``ADDRESS_FREE`` failures first: a clinic's staff may share one). So:

- nobody can keep a person out: the email's wait never exceeds a minute, and a browser that has
  signed in to the account before skips it (``accounts.devices``);
- one address cannot guess for long: its wait grows to 15 minutes;
- the answers never tell which accounts exist: known and unknown emails are counted, refused
  and timed alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from spasmcare.diary import database, tables

FREE: Final = 5
FIRST_WAIT: Final = timedelta(seconds=5)
ADDRESS_FREE: Final = 10
NAME_CAP: Final = timedelta(minutes=1)
ADDRESS_CAP: Final = timedelta(minutes=15)
FORGET_AFTER: Final = timedelta(hours=1)
"""Failures older than this no longer count."""


@dataclass(frozen=True)
class Wait:
    seconds: int


def name_key(email: str) -> str:
    return "name:" + email.strip().lower()[:180]


def device_key(digest: str) -> str:
    return "device:" + digest


def address_key(address: str) -> str:
    return "address:" + address[:180]


class Backoff:
    """The sign_in_backoff table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def wait(self, keys: list[str], now: datetime) -> Wait | None:
        """How long the longest-blocked of these keys must still wait (None: not blocked)."""
        t = tables.sign_in_backoff
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            until = c.execute(
                select(t.c.blocked_until).where(t.c.key.in_(keys), t.c.blocked_until > now)
            ).scalars()
            latest = max(until, default=None)
        if latest is None:
            return None
        return Wait(max(1, int((latest - now).total_seconds() + 0.999)))

    def failed(self, key: str, cap: timedelta, now: datetime, free: int = FREE) -> None:
        """Count one wrong password against the key and set its next wait."""
        t = tables.sign_in_backoff
        with self.engine.begin() as c:
            row = c.execute(select(t).where(t.c.key == key).with_for_update()).first()
            failures = 1
            if row is not None and now - row.last_failed_at < FORGET_AFTER:
                failures = row.failures + 1
            blocked = now
            if failures >= free:
                blocked = now + min(cap, FIRST_WAIT * 2 ** min(failures - free, 20))
            values = {"failures": failures, "last_failed_at": now, "blocked_until": blocked}
            if row is not None:
                c.execute(update(t).where(t.c.key == key).values(values))
                return
            try:
                with c.begin_nested():
                    c.execute(insert(t).values(key=key, **values))
            except IntegrityError:  # another process counted the first failure at once
                c.execute(update(t).where(t.c.key == key).values(values))

    def clear(self, key: str) -> None:
        with self.engine.begin() as c:
            c.execute(delete(tables.sign_in_backoff).where(tables.sign_in_backoff.c.key == key))

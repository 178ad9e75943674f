"""One-time links: a random secret in the URL, its hash in the account_link table.

``invite``: a patient asks the owner of an email to see their diary (``person_id`` is the
patient). ``reset``: an admin lets a person set a new password (``person_id`` is that person).
A link works once, until it expires.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import Engine, delete, insert, select, update

from spasmcare.accounts import security
from spasmcare.diary import database, tables

KINDS: Final = ("invite", "reset")
LIFETIMES: Final = {"invite": timedelta(days=7), "reset": timedelta(hours=24)}
MAX_PENDING: Final = 50
"""Links of one kind a person may have waiting at once."""


class LinkError(ValueError):
    """A link that cannot be made, with a message safe to show."""


@dataclass(frozen=True)
class Link:
    id: str
    """The hash of the secret: what the table keeps."""
    kind: str
    person_id: int
    email: str
    created_at: datetime
    expires_at: datetime


class Links:
    """The account_link table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def make(self, kind: str, person_id: int, email: str, now: datetime) -> tuple[Link, str]:
        """A new link and its secret (put in the URL; never stored)."""
        if len(self.pending(person_id, kind, now)) >= MAX_PENDING:
            raise LinkError(f"{MAX_PENDING} links are waiting already: cancel one first.")
        secret = security.new_token()
        link = Link(security.digest(secret), kind, person_id, email.strip().lower(), now,
                    now + LIFETIMES[kind])  # fmt: skip
        with self.engine.begin() as c:
            c.execute(insert(tables.account_link), {**asdict(link), "used_at": None})
        return link, secret

    def find(self, secret: str, kind: str, now: datetime) -> Link | None:
        """The live (unused, unexpired) link of this secret."""
        t = tables.account_link
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(
                select(t).where(
                    t.c.id == security.digest(secret), t.c.kind == kind, t.c.used_at.is_(None),
                    t.c.expires_at > now,
                )
            ).first()  # fmt: skip
        return _link(row) if row is not None else None

    def use(self, link: Link, now: datetime) -> bool:
        """Mark the link used; False when another request used it first."""
        t = tables.account_link
        with self.engine.begin() as c:
            done = c.execute(
                update(t).where(t.c.id == link.id, t.c.used_at.is_(None)).values(used_at=now)
            )
        return done.rowcount == 1

    def pending(self, person_id: int, kind: str, now: datetime) -> list[Link]:
        t = tables.account_link
        query = select(t).where(
            t.c.person_id == person_id, t.c.kind == kind, t.c.used_at.is_(None),
            t.c.expires_at > now,
        )  # fmt: skip
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            rows = c.execute(query.order_by(t.c.created_at).limit(MAX_PENDING))
            return [_link(r) for r in rows]

    def cancel(self, person_id: int, kind: str, ident: str) -> bool:
        t = tables.account_link
        with self.engine.begin() as c:
            done = c.execute(
                delete(t).where(t.c.id == ident, t.c.person_id == person_id, t.c.kind == kind)
            )
        return done.rowcount > 0

    def cancel_all(self, person_id: int, kind: str) -> None:
        t = tables.account_link
        with self.engine.begin() as c:
            c.execute(delete(t).where(t.c.person_id == person_id, t.c.kind == kind))


def _link(r: Any) -> Link:
    return Link(r.id, r.kind, r.person_id, r.email, r.created_at, r.expires_at)

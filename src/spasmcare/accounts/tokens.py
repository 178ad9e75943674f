"""Personal access tokens for the API: ``spc_<id>_<secret>``, of which the database keeps the id
and the SHA-256 of the whole token, so a stolen database holds no usable token."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import Engine, func, insert, select, update

from spasmcare.accounts import security
from spasmcare.diary import database, tables

SCOPES: Final = ("read", "write")
"""read: GET only; write: also POST and PATCH."""
MAX_TOKENS: Final = 20
"""Live tokens a person may hold: the list stays short enough to show in full."""
_SHAPE: Final = re.compile(r"^spc_([a-z0-9]{12})_([A-Za-z0-9_-]{20,64})$")


class TokenError(ValueError):
    """A token that cannot be made or revoked, with a message safe to show."""


@dataclass(frozen=True)
class Token:
    """What is known of a token after it is made: never its secret."""

    id: str
    owner: int
    name: str
    scope: str
    created_at: datetime
    revoked_at: datetime | None = None


class Tokens:
    """The api_token table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, owner: int, scope: str, name: str, now: datetime) -> tuple[Token, str]:
        """A new token and its full text (shown once, never stored)."""
        if scope not in SCOPES:
            raise TokenError(f"scope: {scope!r} is not allowed; allowed: read, write")
        name = name.strip()[:64] or "token"
        if len(self.of(owner)) >= MAX_TOKENS:
            raise TokenError(f"You have {MAX_TOKENS} tokens: revoke one first.")
        ident = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(12))
        text = f"spc_{ident}_{secrets.token_urlsafe(32)}"
        row = {"id": ident, "owner": owner, "name": name, "scope": scope,
               "secret_hash": security.digest(text), "created_at": now}  # fmt: skip
        with self.engine.begin() as c:
            c.execute(insert(tables.api_token), row)
        return Token(ident, owner, name, scope, now), text

    def of(self, owner: int) -> list[Token]:
        """The owner's live tokens, newest first."""
        t = tables.api_token
        query = select(t).where(t.c.owner == owner, t.c.revoked_at.is_(None))
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            rows = c.execute(query.order_by(t.c.created_at.desc()).limit(MAX_TOKENS))
            return [Token(r.id, r.owner, r.name, r.scope, r.created_at) for r in rows]

    def revoke(self, owner: int, ident: str, now: datetime) -> None:
        t = tables.api_token
        with self.engine.begin() as c:
            done = c.execute(
                update(t)
                .where(t.c.id == ident, t.c.owner == owner, t.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        if done.rowcount == 0:
            raise TokenError(f"There is no live token {ident!r}.")

    def revoke_all(self, owner: int, now: datetime) -> None:
        """Revoke every live token of the owner (their account is disabled)."""
        t = tables.api_token
        with self.engine.begin() as c:
            c.execute(
                update(t).where(t.c.owner == owner, t.c.revoked_at.is_(None)).values(revoked_at=now)
            )

    def verify(self, text: str) -> Token | None:
        """The live token this text is, or None (checked against its hash in constant time)."""
        shape = _SHAPE.match(text.strip())
        if shape is None:
            return None
        t = tables.api_token
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(
                select(t).where(t.c.id == shape.group(1), t.c.revoked_at.is_(None))
            ).first()
        if row is None or not security.same(row.secret_hash, security.digest(text.strip())):
            return None
        return Token(row.id, row.owner, row.name, row.scope, row.created_at)

    def count(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(tables.api_token)).scalar_one())

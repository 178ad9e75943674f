"""What the routes of /api/v1 share: the services they need, the caller's token, and paging.

Every router of the API takes its dependencies from here, and ``spasmcare.app`` mounts them all
in one place, so no router builds on another.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from spasmcare.accounts.tokens import Token, Tokens
from spasmcare.clinic.limits import RateLimiter
from spasmcare.diary.model import MAX_ID
from spasmcare.services import exports
from spasmcare.services.diary import Store

PREFIX = "/api/v1"
MAX_PAGE = 100
EXPORTS = {kind: media for kind, (media, _) in exports.KINDS.items()}
_BEARER = HTTPBearer(auto_error=False, description="A personal access token (spc_...).")


@dataclass(frozen=True)
class PersonServices:
    """What the person routes need: the diary database, the tokens and the rate limiter."""

    store: Store
    tokens: Tokens
    limiter: RateLimiter
    per_token: int


class EpisodePage(BaseModel):
    episodes: list[dict[str, Any]]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null: end.")


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CURSOR = r"^[0-9]{1,16}\.[0-9]{1,18}$"
"""A cursor: the last record's time (microseconds since 1970, UTC), a dot, and its id."""


def encode_cursor(at: datetime, ident: int | None) -> str:
    micros = round(at.timestamp() * 1_000_000)
    return f"{micros}.{ident}"


def decode_cursor(text: str) -> tuple[datetime, int]:
    micros, _, ident = text.partition(".")
    at = EPOCH + timedelta(microseconds=int(micros))
    return at, record_id(ident)


def record_id(text: str) -> int:
    """The id in a cursor, at most the largest id a record can have (ids are 32-bit in the
    database): a page after a larger id is the same as after the largest."""
    return min(int(text), MAX_ID)


def bearer(services: PersonServices) -> Callable[..., Coroutine[Any, Any, Token]]:
    """The dependency that finds the caller's live token (401 without one, 429 over its rate
    limit) and lets only write tokens change anything (403)."""

    async def caller(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)],
    ) -> Token:
        challenge = {"WWW-Authenticate": 'Bearer realm="spasmcare"'}
        if credentials is None:
            raise HTTPException(401, "Send a personal access token: Authorization: Bearer spc_...",
                                headers=challenge)  # fmt: skip
        token = await run_in_threadpool(services.tokens.verify, credentials.credentials)
        if token is None:
            raise HTTPException(401, "The access token is not valid or was revoked.",
                                headers=challenge)  # fmt: skip
        verdict = await run_in_threadpool(
            services.limiter.hit, "token", token.id, services.per_token, time.time()
        )
        if not verdict.allowed:
            raise HTTPException(429, "Too many requests for this token: wait and try again.",
                                headers={"Retry-After": str(verdict.retry_after)})  # fmt: skip
        if request.method not in ("GET", "HEAD") and token.scope != "write":
            raise HTTPException(403, "This token may only read: make a write token.")
        return token

    return caller


def episode_page(store: Store, limit: int, cursor: str | None) -> EpisodePage:
    """Live episodes newest first, ``limit`` at a time after ``cursor``."""
    before = decode_cursor(cursor) if cursor else None
    found = store.episodes_page(limit + 1, before)
    more = len(found) > limit
    found = found[:limit]
    return EpisodePage(
        episodes=[e.as_json() for e in found],
        next_cursor=encode_cursor(found[-1].started_at, found[-1].id) if more and found else None,
    )

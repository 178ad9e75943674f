"""Rate limits in fixed one-minute windows, counted where every server process sees them:
Redis when SPASMCARE_REDIS_URL is set, else the database (an upsert per request)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Protocol

from sqlalchemy import Engine, create_engine

WINDOW: Final = 60
"""Seconds in a window."""
_SWEEP_CHANCE: Final = 0.001


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int
    """Seconds until the window ends (when not allowed)."""


class Counter(Protocol):
    def add(self, key: str, expires_in: int) -> int:
        """Count one more hit on ``key``; the new count."""


class DatabaseCounter:
    """Counters in the rate_count table (works on SQLite and PostgreSQL).

    One upsert a hit, sent straight to the driver: it runs on every API request, where the
    SQL layer's own work would cost more than the database's. On PostgreSQL the counters use
    their own connections with asynchronous commit: a count lost in a crash costs nothing, and
    every request would otherwise wait for a WAL flush while holding its counter's row lock.
    """

    def __init__(self, engine: Engine) -> None:
        mark = "?"
        if engine.dialect.name == "postgresql":
            mark = "%s"
            engine = create_engine(
                engine.url,
                pool_pre_ping=True,
                connect_args={"options": "-c synchronous_commit=off"},
            )
        self.engine = engine
        self._add = (
            f"INSERT INTO rate_count (key, count, expires_at) VALUES ({mark}, 1, {mark}) "
            "ON CONFLICT (key) DO UPDATE SET count = rate_count.count + 1 RETURNING count"
        )
        self._sweep = f"DELETE FROM rate_count WHERE expires_at < {mark}"

    def add(self, key: str, expires_in: int) -> int:
        now = datetime.now()
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(self._add, (key, now + timedelta(seconds=expires_in)))
            row = cursor.fetchone()
            if random.random() < _SWEEP_CHANCE:  # old windows go now and then
                cursor.execute(self._sweep, (now,))
            connection.commit()
            cursor.close()
        finally:
            connection.close()
        assert row is not None
        return int(row[0])


class RedisCounter:
    """Counters in Redis: INCR, and an expiry set with the first hit."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def add(self, key: str, expires_in: int) -> int:
        pipe = self.client.pipeline()
        pipe.incr("spasmcare:rate:" + key)
        pipe.expire("spasmcare:rate:" + key, expires_in, nx=True)
        count, _ = pipe.execute()
        return int(count)


class RateLimiter:
    """Allows ``limit`` hits a minute for each key."""

    def __init__(self, counter: Counter) -> None:
        self.counter = counter

    def hit(self, kind: str, who: str, limit: int, now: float) -> Verdict:
        window = int(now // WINDOW)
        left = WINDOW - int(now % WINDOW)
        count = self.counter.add(f"{kind}:{who}:{window}", left + 1)
        return Verdict(count <= limit, left)


def limiter(engine: Engine, redis_url: str | None) -> RateLimiter:
    """Redis when a URL is given, else the database."""
    return RateLimiter(RedisCounter(redis_url) if redis_url else DatabaseCounter(engine))

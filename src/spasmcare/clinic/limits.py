"""Rate limits in fixed one-minute windows, counted where every server process sees them:
Redis when SPASMCARE_REDIS_URL is set, else the database (an upsert per request).

On SQLite the counters live in a file of their own beside the diary, so that counting a request
never waits for the diary's write lock (another process's long import, say): reading pages and
API calls go on while it is held.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final, Protocol

from sqlalchemy import Engine, create_engine, event

from spasmcare import private

WINDOW: Final = 60
"""Seconds in a window."""
_SWEEP_CHANCE: Final = 0.001
COUNTER_FILE: Final = "rate-limits.sqlite3"
"""The SQLite file of the counters, in the diary's folder."""
_COUNTER_TABLE: Final = (
    "CREATE TABLE IF NOT EXISTS rate_count (key VARCHAR(200) PRIMARY KEY, "
    "count INTEGER NOT NULL, expires_at DATETIME NOT NULL)"
)


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
                hide_parameters=True,
                connect_args={"options": "-c synchronous_commit=off"},
            )
        elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            engine = _counter_file(Path(str(engine.url.database)).parent / COUNTER_FILE)
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


def _counter_file(path: Path) -> Engine:
    """An engine on the counters' own SQLite file, its table made when missing. A count lost in
    a crash costs nothing, so commits are not flushed to disk (synchronous=OFF)."""

    def pragmas(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None  # each upsert commits on its own
        for pragma in ("busy_timeout=5000", "journal_mode=WAL", "synchronous=OFF"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    private.create(path)  # its keys name addresses and tokens: kept from other accounts
    engine = create_engine(f"sqlite:///{path}", pool_size=8, max_overflow=48, hide_parameters=True)
    event.listen(engine, "connect", pragmas)
    raw = engine.raw_connection()
    try:
        raw.cursor().execute(_COUNTER_TABLE)
    finally:
        raw.close()
    return engine


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

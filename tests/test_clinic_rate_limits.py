"""Rate limits per address (sign-in, the API) and per token, counted in the database or in
Redis so that every server process counts the same hits."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spasmcare.app import WebConfig, create_app
from spasmcare.clinic.limits import RateLimiter, RedisCounter
from spasmcare.config import settings
from tests.clinic_helpers import bearer
from tests.web_helpers import Browser

REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture(autouse=True)
def _inside_one_window() -> None:
    """Limits count in fixed one-minute windows: start each test well inside one, so its hits
    are not split between two counters at a minute boundary."""
    if (second := time.time() % 60) > 45:
        time.sleep(61 - second)


def _client(home: Path, multi_user: bool = False, **limits: str) -> Browser:
    env = {f"SPASMCARE_RATE_{k.upper()}": v for k, v in limits.items()}
    app = create_app(WebConfig(settings(home, environ=env), multi_user=multi_user))
    return Browser(TestClient(app, base_url="http://127.0.0.1"))


def test_sign_in_attempts_are_limited_per_address(tmp_path: Path) -> None:
    web = _client(tmp_path, multi_user=True, sign_in="3")
    for _ in range(3):
        page = web.post("/signin", {"username": "nobody", "password": "wrong password"})
        assert page.status_code == 400
    limited = web.post("/signin", {"username": "nobody", "password": "wrong password"})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) <= 60
    other = _client(tmp_path, multi_user=True, sign_in="3")  # another process, same database
    assert other.post("/signup", {"username": "newbie", "password": "x" * 12}).status_code == 429


def test_api_requests_are_limited_per_address(tmp_path: Path) -> None:
    web = _client(tmp_path, api_address="5")
    codes = [web.client.get("/api/v1/questions").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    last = web.client.get("/api/v1/questions")
    assert last.headers["content-type"] == "application/problem+json"
    assert "retry-after" in last.headers


def test_api_requests_are_limited_per_token(tmp_path: Path) -> None:
    web = _client(tmp_path, api_token="2")
    tokens = web.client.app.state.web.tokens  # type: ignore[attr-defined]
    now = datetime.now(UTC).replace(tzinfo=None)
    (_, first), (_, second) = (tokens.create(0, "read", n, now) for n in ("a", "b"))
    codes = [web.client.get("/api/v1/profile", headers=bearer(first)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert web.client.get("/api/v1/profile", headers=bearer(second)).status_code == 200


def test_redis_counts_when_a_redis_url_is_set(tmp_path: Path) -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {REDIS} is not reachable ({error}): Redis limits not tested")
    limiter = RateLimiter(RedisCounter(REDIS))
    who = secrets.token_hex(8)
    verdicts = [limiter.hit("test", who, 2, time.time()).allowed for _ in range(3)]
    assert verdicts == [True, True, False]
    env = {"SPASMCARE_REDIS_URL": REDIS, "SPASMCARE_RATE_API_ADDRESS": "1000000"}
    app = create_app(WebConfig(settings(tmp_path, environ=env)))
    assert isinstance(app.state.web.limiter.counter, RedisCounter)
    assert TestClient(app, base_url="http://127.0.0.1").get("/api/v1/questions").status_code == 200

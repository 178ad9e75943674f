"""No blocking work on the event loop: a storm of wrong sign-ins (Argon2 for each) leaves a
real server process answering everything else at once. Times are compared within the test
(the simple request against the storm it ran beside), never against fixed thresholds."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from benchmarks.servers import app_servers

STORM = 10
T = TypeVar("T")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home: Path = tmp_path_factory.mktemp("home")
    env = {**os.environ, "SPASMCARE_HOME": str(home), "SPASMCARE_RATE_SIGN_IN": "100000"}
    for name in ("SPASMCARE_DATABASE_URL", "SPASMCARE_REDIS_URL", "SPASMCARE_REQUIRE_POSTGRES"):
        env.pop(name, None)
    with app_servers("spasmcare.app:app_from_environment", env, ready="/") as (running,):
        yield running.url


def in_own_loop(work: Coroutine[Any, Any, T]) -> T:
    """Run ``work`` in an event loop of its own thread (the browser tests leave one running in
    this thread, where asyncio.run cannot start another)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


async def _signin_client(url: str) -> tuple[httpx.AsyncClient, str]:
    client = httpx.AsyncClient(base_url=url, timeout=60)
    page = await client.get("/signin")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found
    return client, found.group(1)


async def _storm_and_a_simple_request(url: str) -> tuple[float, float, float, list[int]]:
    clients = [await _signin_client(url) for _ in range(STORM)]
    async with httpx.AsyncClient(base_url=url, timeout=60) as other:
        await other.get("/static/app.css")  # warm: its connection is open before the storm
        quiet = time.perf_counter()
        await other.get("/static/app.css")
        baseline = time.perf_counter() - quiet

        async def wrong(n: int, client: httpx.AsyncClient, csrf: str) -> int:
            answer = await client.post(
                "/signin", data={"csrf": csrf, "username": f"nobody{n}", "password": "x" * 12}
            )
            return answer.status_code

        start = time.perf_counter()
        storm = asyncio.gather(*(wrong(n, c, t) for n, (c, t) in enumerate(clients)))
        await asyncio.sleep(0.05)  # the sign-ins are in the server, hashing
        asked = time.perf_counter()
        simple = await other.get("/static/app.css")
        during = time.perf_counter() - asked
        assert simple.status_code == 200
        statuses = await storm
        storm_took = time.perf_counter() - start
    for client, _ in clients:
        await client.aclose()
    return baseline, during, storm_took, statuses


def test_wrong_sign_ins_at_once_do_not_freeze_a_simple_request(server: str) -> None:
    baseline, during, storm_took, statuses = in_own_loop(_storm_and_a_simple_request(server))
    assert statuses == [400] * STORM  # every one was refused, after its hash
    # The simple request answered while the hashes were still running: it neither waited
    # for them nor took a share of the storm's time.
    assert during < storm_took / 2, (baseline, during, storm_took)

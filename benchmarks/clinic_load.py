"""Clinic load: two app processes (uvicorn) on one PostgreSQL database, loaded from separate
processes; assessment requests a second with no errors (target: at least 500).

The load comes from wrk when it is installed (see ``benchmarks.wrk``). Without it, a
multiprocessing pool of asyncio httpx clients does the same work, at a cost in CPU that shows in
the figure. The per-address rate limit is raised for the run (all the load comes from one
address); every request still counts against it in PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from benchmarks import wrk
from benchmarks.http_speed import CASE
from benchmarks.measure import Outcome
from benchmarks.servers import PG_SERVER, app_servers, fresh_database

TARGET = 500
PROCESSES = 2
"""Load-generating processes."""
IN_FLIGHT = 8
"""Requests each load process keeps in flight."""


@contextmanager
def _servers(home: str) -> Iterator[list[str]]:
    """Two app processes on one fresh PostgreSQL database, migrated once before they start."""
    from spasmcare.diary import database

    with fresh_database("spasmcare_bench") as name:
        url = f"postgresql://postgres@127.0.0.1:5432/{name}"
        engine = database.connect(url)
        database.migrate(engine)
        engine.dispose()
        env = {**os.environ, "SPASMCARE_DATABASE_URL": url, "SPASMCARE_HOME": home,
               "SPASMCARE_RATE_API_ADDRESS": "100000000"}  # fmt: skip
        env.pop("SPASMCARE_REDIS_URL", None)
        factory = "spasmcare.app:app_from_environment"
        with app_servers(factory, env, count=2, ready="/api/v1/questions") as running:
            yield [server.url for server in running]


async def _load(base: str, seconds: float) -> tuple[int, int, list[float]]:
    body = json.dumps(CASE)
    headers = {"content-type": "application/json"}
    latencies: list[float] = []
    errors = 0
    end = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=IN_FLIGHT)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < end:
                start = time.perf_counter()
                try:
                    response = await client.post(
                        "/api/v1/assessments", content=body, headers=headers
                    )
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - start)
                else:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    return len(latencies), errors, latencies


def _one_process(job: tuple[str, float]) -> tuple[int, int, list[float]]:
    base, seconds = job
    return asyncio.run(_load(base, seconds))


def measure(urls: list[str], seconds: float) -> tuple[float, int, float, float]:
    """Requests a second, errors, p50 and p99 in ms, with the load spread over the servers."""
    if wrk.available():
        return _measure_with_wrk(urls, seconds)
    jobs = [(urls[i % len(urls)], seconds) for i in range(PROCESSES)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(PROCESSES) as pool:
        pool.map(_one_process, [(u, 1.0) for u, _ in jobs])  # warm-up
        results = pool.map(_one_process, jobs)
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    latencies = [x for r in results for x in r[2]]
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return done / seconds, errors, cuts[49] * 1000, cuts[98] * 1000


def _measure_with_wrk(urls: list[str], seconds: float) -> tuple[float, int, float, float]:
    """One wrk process per server, PROCESSES x IN_FLIGHT connections in all; the latencies
    given are the slower server's."""
    per_server = PROCESSES * IN_FLIGHT // len(urls)
    loads = wrk.post([f"{url}/api/v1/assessments" for url in urls], CASE, per_server, seconds)
    return (
        sum(load.per_second for load in loads),
        sum(load.errors for load in loads),
        max(load.p50_ms for load in loads),
        max(load.p99_ms for load in loads),
    )


def run(quick: bool) -> list[Outcome]:
    import psycopg

    seconds = 3.0 if quick else 15.0
    try:
        with tempfile.TemporaryDirectory() as home, _servers(home) as urls:
            rps, errors, p50, p99 = measure(urls, seconds)
    except psycopg.OperationalError as error:
        print(
            f"clinic load skipped: PostgreSQL at {PG_SERVER} unreachable ({error})", file=sys.stderr
        )
        return []
    return [
        Outcome(
            name="clinic load: assessments, 2 app processes on PostgreSQL",
            figure=round(rps),
            unit=f"requests a second ({PROCESSES}x{IN_FLIGHT} in flight; {errors} errors; "
            f"p50 {p50:.1f} ms, p99 {p99:.1f} ms)",
            baseline=None,
            ratio=None,
            target=f"at least {TARGET} a second with no errors",
            met=rps >= TARGET and errors == 0,
        )
    ]


if __name__ == "__main__":
    for outcome in run("--quick" in sys.argv):
        print(outcome)

"""Clinic load: two app processes (uvicorn) on one PostgreSQL database, loaded from separate
processes; assessment requests a second with no errors (target: at least 500).

The load comes from wrk when it is installed (Debian's package; `.ci/run` installs it): a C
load generator leaves the machine's cores to the servers under test. Without it, a
multiprocessing pool of asyncio httpx clients does the same work, at a cost in CPU that shows in
the figure. The per-address rate limit is raised for the run (all the load comes from one
address); every request still counts against it in PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

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
        factory = "spasmcare.web.app:app_from_environment"
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
    if shutil.which("wrk"):
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
    with tempfile.TemporaryDirectory() as folder:
        script = os.path.join(folder, "post.lua")
        with open(script, "w") as out:
            out.write(
                'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                f"wrk.body = [[{json.dumps(CASE)}]]\n"
            )
        per_server = PROCESSES * IN_FLIGHT // len(urls)

        def load(duration: float) -> list[str]:
            command = ["wrk", "-t1", f"-c{per_server}", f"-d{duration:g}s", "--latency", "-s"]
            runs = [
                subprocess.Popen([*command, script, f"{url}/api/v1/assessments"],
                                 stdout=subprocess.PIPE, text=True)
                for url in urls
            ]  # fmt: skip
            return [run.communicate()[0] for run in runs]

        load(1)  # warm-up
        reports = [_wrk_report(text) for text in load(seconds)]
    return (
        sum(r[0] for r in reports),
        sum(r[1] for r in reports),
        max(r[2] for r in reports),
        max(r[3] for r in reports),
    )


def _wrk_report(text: str) -> tuple[float, int, float, float]:
    """Requests a second, errors, p50 and p99 in ms from wrk's --latency report."""

    def milliseconds(percent: str) -> float:
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
        if found is None:
            raise ValueError(f"wrk gave no {percent}% latency:\n{text}")
        return float(found[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[found[2]]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if rate is None:
        raise ValueError(f"wrk gave no rate:\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    errors = (int(non_2xx[1]) if non_2xx else 0) + (
        sum(map(int, sockets.groups())) if sockets else 0
    )
    return float(rate[1]), errors, milliseconds("50"), milliseconds("99")


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

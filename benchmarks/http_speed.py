"""HTTP assessment on one worker, against a bare endpoint of the same framework.

Both servers run in their own process under uvicorn; a load generator keeps a fixed number of
requests in flight for a fixed time: wrk when it is installed, else asyncio httpx clients in
this process. The server's peak resident memory is read from /proc when the load is over.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks import wrk
from benchmarks.measure import Outcome
from benchmarks.servers import app_servers

CASE = {
    "region": "calf",
    "age": 70,
    "time_of_day": "night",
    "duration_minutes": 3,
    "frequency": "weekly",
    "medications": ["atorvastatin", "ramipril"],
}
IN_FLIGHT = 16
MEMORY_TARGET_MB = 200


async def _load(url: str, seconds: float) -> list[float]:
    latencies: list[float] = []
    body = json.dumps(CASE)
    headers = {"content-type": "application/json"}
    end = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=IN_FLIGHT)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10) as client:

        async def worker() -> None:
            while time.perf_counter() < end:
                start = time.perf_counter()
                response = await client.post("/api/v1/assessments", content=body, headers=headers)
                response.raise_for_status()
                latencies.append(time.perf_counter() - start)

        await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    return latencies


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _measure(url: str, seconds: float) -> tuple[float, float, float]:
    """Requests a second, p50 and p99 in ms; from wrk when it is installed (a Python client
    on the same cores would be the bottleneck, for the bare endpoint above all)."""
    if wrk.available():
        (load,) = wrk.post([f"{url}/api/v1/assessments"], CASE, IN_FLIGHT, seconds)
        if load.errors:
            raise RuntimeError(f"{load.errors} requests to {url} failed")
        return load.per_second, load.p50_ms, load.p99_ms
    asyncio.run(_load(url, 1.0))  # warm-up
    latencies = asyncio.run(_load(url, seconds))
    cuts = statistics.quantiles(latencies, n=100)
    return len(latencies) / seconds, cuts[49] * 1000, cuts[98] * 1000


def run(quick: bool) -> list[Outcome]:
    seconds = 3.0 if quick else 15.0
    with app_servers("spasmcare.app:create_api_app", os.environ) as (server,):
        sample = httpx.post(server.url + "/api/v1/assessments", json=CASE, timeout=10).content
        rps, p50, p99 = _measure(server.url, seconds)
        peak = _peak_rss_mb(server.pid)
    with tempfile.TemporaryDirectory() as scratch:
        body = Path(scratch) / "body.json"
        body.write_bytes(sample)
        env = {**os.environ, "SPASMCARE_BARE_BODY": str(body)}
        with app_servers("benchmarks.bare_app:create_bare_app", env) as (bare,):
            bare_rps, _, _ = _measure(bare.url, seconds)
    return [
        Outcome(
            name="HTTP assessment, one worker",
            figure=round(rps),
            unit=f"requests a second ({IN_FLIGHT} in flight; p50 {p50:.1f} ms, p99 {p99:.1f} ms)",
            baseline=round(bare_rps),
            ratio=round(rps / bare_rps, 2),
            target="at least half the bare endpoint's throughput",
            met=rps >= bare_rps / 2,
        ),
        Outcome(
            name="server memory under the HTTP load",
            figure=round(peak, 1),
            unit="MB peak resident",
            baseline=None,
            ratio=None,
            target=f"under {MEMORY_TARGET_MB} MB",
            met=peak < MEMORY_TARGET_MB,
        ),
    ]

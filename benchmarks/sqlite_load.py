"""Concurrent use on the default database: CLIENTS API clients read and write one SQLite file
through one app process for a set time (target: no errors; errors, p50 and p99 reported).

Each client holds the token of its own person and runs the same round, checking every answer:
log an episode, see it first in the newest page, answer the follow-up, read the insights and
export the whole diary (which must hold every episode it logged). An error is a 5xx, a dropped
or timed-out connection, or a wrong answer. The per-address and per-token rate limits are
raised for the run (all the load comes from one address); every request still counts in the
database, as it does in use.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from benchmarks.measure import Outcome
from benchmarks.servers import app_servers

CLIENTS = 8
TIMEOUT = 20.0
"""Seconds a request may take before it counts as an error."""


@dataclass
class Load:
    """What the clients saw: latencies of the answers that were right, and what went wrong."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def percentile_ms(self, cut: int) -> float:
        if len(self.latencies) < 2:
            return 0.0
        return statistics.quantiles(self.latencies, n=100)[cut - 1] * 1000


def people(home: Path, count: int = CLIENTS) -> list[str]:
    """``count`` people in the SQLite diary of ``home``, each with a write token."""
    from spasmcare.accounts.people import People
    from spasmcare.accounts.tokens import Tokens
    from spasmcare.config import Settings
    from spasmcare.diary.store import Store

    settings = Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}")
    tokens = []
    with Store(settings) as store:
        now = datetime.now()
        for n in range(count):
            who = People(store.engine).sign_up(f"load{n}@example.org", "correct horse battery", now)
            tokens.append(Tokens(store.engine).create(who.id, "write", "load", now)[1])
    return tokens


@contextmanager
def server(home: Path) -> Iterator[str]:
    """One app process (the clinic app, sign-in required) on the SQLite diary of ``home``."""
    env = {**os.environ, "SPASMCARE_HOME": str(home), "SPASMCARE_RATE_API_ADDRESS": "100000000",
           "SPASMCARE_RATE_API_TOKEN": "100000000"}  # fmt: skip
    for name in ("SPASMCARE_DATABASE_URL", "SPASMCARE_REDIS_URL", "SPASMCARE_REQUIRE_POSTGRES"):
        env.pop(name, None)
    factory = "spasmcare.app:app_from_environment"
    with app_servers(factory, env, ready="/api/v1/questions") as (running,):
        yield running.url


def _client(url: str, token: str, name: str, end: float, load: Load, lock: threading.Lock) -> None:
    headers = {"authorization": f"Bearer {token}"}
    logged: set[int] = set()
    with httpx.Client(base_url=url, headers=headers, timeout=TIMEOUT) as client:

        def call(what: str, method: str, path: str, body: object = None) -> httpx.Response | None:
            start = time.perf_counter()
            try:
                response = client.request(method, path, json=body)
            except httpx.HTTPError as error:
                with lock:
                    load.errors[f"{what}: {type(error).__name__}"] += 1
                return None
            spent = time.perf_counter() - start
            with lock:
                if response.status_code >= 500:
                    load.errors[f"{what}: {response.status_code}"] += 1
                    return None
                load.latencies.append(spent)
            return response

        def wrong(what: str) -> None:
            with lock:
                load.errors[f"{what}: wrong answer"] += 1

        round_ = 0
        while time.perf_counter() < end:
            round_ += 1
            body = {"region": "calf", "severity": 4, "triggers": ["exercise"],
                    "notes": f"{name} round {round_}"}  # fmt: skip
            saved = call("log", "POST", "/api/v1/episodes", body)
            if saved is None:
                continue
            if saved.status_code != 201:
                wrong("log")
                continue
            ident = int(saved.json()["record"]["id"])
            logged.add(ident)
            page = call("page", "GET", "/api/v1/episodes?limit=5")
            if page is not None and (
                page.status_code != 200 or page.json()["episodes"][0]["id"] != ident
            ):
                wrong("page")
            checked = call("check-in", "POST", "/api/v1/check-ins", {"answer": "same"})
            if checked is not None and checked.status_code != 201:
                wrong("check-in")
            insights = call("insights", "GET", "/api/v1/insights")
            if insights is not None and insights.status_code != 200:
                wrong("insights")
            if round_ % 4 == 0:
                export = call("export", "GET", "/api/v1/exports/json")
                if export is not None and not _holds(export, logged):
                    wrong("export")


def _holds(export: httpx.Response, logged: set[int]) -> bool:
    """Whether a JSON-lines export holds every episode logged so far, and only those."""
    if export.status_code != 200:
        return False
    found = set()
    for line in export.text.splitlines():
        record = json.loads(line)
        if record.get("kind") == "episode":
            found.add(int(record["id"]))
    return found == logged


def load(url: str, tokens: list[str], seconds: float) -> Load:
    """Every client at once for ``seconds``, each with its own token."""
    outcome, lock = Load(), threading.Lock()
    end = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=_client, args=(url, token, f"client {n}", end, outcome, lock))
        for n, token in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome


def run(quick: bool) -> list[Outcome]:
    seconds = 3.0 if quick else 60.0
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        tokens = people(home)
        with server(home) as url:
            found = load(url, tokens, seconds)
    errors = sum(found.errors.values())
    if errors:
        print(f"SQLite load errors: {dict(found.errors)}", file=sys.stderr)
    return [
        Outcome(
            name=f"concurrent use on SQLite: {CLIENTS} API clients reading and writing",
            figure=round(found.requests / seconds),
            unit=f"requests a second for {seconds:.0f} s ({errors} errors; "
            f"p50 {found.percentile_ms(50):.1f} ms, p99 {found.percentile_ms(99):.1f} ms)",
            baseline=None,
            ratio=None,
            target="no errors",
            met=errors == 0,
        )
    ]


if __name__ == "__main__":
    for outcome in run("--quick" in sys.argv):
        print(outcome)

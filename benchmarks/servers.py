"""Real servers for the measurements that cross processes: uvicorn apps and a fresh database."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

PG_SERVER = os.environ.get("SPASMCARE_BENCH_POSTGRES", "host=127.0.0.1 port=5432 user=postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Running:
    """A server process and where it answers."""

    url: str
    pid: int


@contextmanager
def app_servers(
    factory: str, env: Mapping[str, str], count: int = 1, ready: str = "/openapi.json"
) -> Iterator[list[Running]]:
    """``count`` uvicorn processes serving ``factory``, each answering ``ready`` before use."""
    processes: list[subprocess.Popen[bytes]] = []
    running: list[Running] = []
    try:
        for _ in range(count):
            port = free_port()
            process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", factory, "--factory", "--port", str(port),
                 "--log-level", "warning", "--no-access-log"],
                env=dict(env),
            )  # fmt: skip
            processes.append(process)
            running.append(Running(f"http://127.0.0.1:{port}", process.pid))
        for server in running:
            _wait_for(server.url + ready)
        yield running
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """The name of a new database on the local PostgreSQL server, dropped afterwards."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(f"{PG_SERVER} dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(f"{PG_SERVER} dbname=postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

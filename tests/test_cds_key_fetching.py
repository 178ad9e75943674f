"""Fetching a CDS client's keys never stalls the server: an EHR whose key-set address hangs
costs one short fetch at a time, callers get 503 at once, and other requests go on. Keys that
were fetched are kept, so a working key set is asked for once."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from benchmarks.servers import app_servers

from spasmcare.api.cds_auth import trust_of
from spasmcare.config import settings
from tests.test_api_cds_hooks import hook_call
from tests.test_cds_jwt import EHR, SERVICE, KeyServer, Signer, key_server, one, write

__all__ = ["key_server"]
CALLS = 45
T = TypeVar("T")


class Hanging:
    """A real TCP server that accepts connections and never answers."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/jwks.json"
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)  # held open, never read or answered

    def close(self) -> None:
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture(scope="module")
def hanging() -> Iterator[Hanging]:
    server = Hanging()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, hanging: Hanging) -> Iterator[str]:
    home: Path = tmp_path_factory.mktemp("home")
    clients = write(home / "clients.json", one({"iss": EHR, "jwks_url": hanging.url}))
    env = {**os.environ, "SPASMCARE_HOME": str(home), "SPASMCARE_CDS_CLIENTS": str(clients)}
    for name in ("SPASMCARE_DATABASE_URL", "SPASMCARE_REDIS_URL", "SPASMCARE_REQUIRE_POSTGRES"):
        env.pop(name, None)
    with app_servers("spasmcare.app:app_from_environment", env) as (running,):
        yield running.url


def in_own_loop(work: Coroutine[Any, Any, T]) -> T:
    """Run ``work`` in an event loop of its own thread (the browser tests leave one running in
    this thread, where asyncio.run cannot start another)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


async def _storm(url: str, signer: Signer) -> tuple[list[int], float, float]:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:

        async def cds() -> int:
            headers = {"Authorization": f"Bearer {signer.token()}"}
            answer = await client.post(SERVICE, json=hook_call(), headers=headers)
            return answer.status_code

        # Warm: the first answer of each route (templates, the knowledge base) is not timed.
        for path in ("/api/v1/questions", "/static/app.css", "/signin"):
            await client.get(path)
        await client.post(SERVICE, json=hook_call())  # no token: 401, no key fetched
        start = time.perf_counter()
        calls = asyncio.gather(*(cds() for _ in range(CALLS)))
        await asyncio.sleep(0.2)  # the calls are in, and the first fetch is hanging
        asked = time.perf_counter()
        for path in ("/api/v1/questions", "/static/app.css", "/signin"):
            assert (await client.get(path)).status_code == 200, path
        other = time.perf_counter() - asked
        statuses = await calls
        return statuses, other, time.perf_counter() - start


def test_a_hanging_key_set_address_stalls_nothing(server: str, hanging: Hanging) -> None:
    statuses, other, storm = in_own_loop(_storm(server, Signer.rsa()))
    assert statuses == [503] * CALLS, statuses  # each caller told the keys are unavailable
    assert len(hanging.connections) == 1, len(hanging.connections)  # one fetch, not one a call
    # The other requests were answered while the one fetch still hung: they did not wait for it
    # (before, they queued behind 45 fetches of 5 s, one at a time, for minutes).
    assert other < storm, (other, storm)
    assert storm < 20  # the fetch gave up after a short timeout (the address never answers)


def test_fetched_keys_are_kept(tmp_path: Path, key_server: KeyServer) -> None:
    signer = Signer.rsa("kept-1")
    key_server.sets["/kept/jwks.json"] = {"keys": [signer.jwk()]}
    path = write(
        tmp_path / "c.json", one({"iss": EHR, "jwks_url": key_server.url + "/kept/jwks.json"})
    )
    trust = trust_of(settings(tmp_path, {"SPASMCARE_CDS_CLIENTS": str(path)}))
    assert trust is not None and trust.clients is not None
    for _ in range(5):
        assert trust.admits("Bearer " + signer.token(aud=trust.clients.base_url + SERVICE), SERVICE)
    assert key_server.hits.count("/kept/jwks.json") == 1

"""The real server (uvicorn in a subprocess, on a free port, with a temporary diary) and
Debian's chromium driven by Playwright. Skips with its reason when chromium is missing, unless
SPASMCARE_REQUIRE_BROWSER=1 (CI), where a missing browser fails."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _required() -> bool:
    return os.environ.get("SPASMCARE_REQUIRE_BROWSER", "") not in ("", "0")


def _need(path: Path, what: str) -> None:
    if not path.exists():
        message = f"{what} is missing ({path})"
        if _required():
            pytest.fail(message + " and SPASMCARE_REQUIRE_BROWSER=1")
        pytest.skip(message + "; install it to run the browser tests")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`spasmcare serve` running in a subprocess."""

    def __init__(
        self,
        home: Path,
        multi_user: bool,
        environ: dict[str, str] | None = None,
        port: int | None = None,
    ) -> None:
        self.port = port or _free_port()
        self.home = home
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "spasmcare", "serve", "--port", str(self.port),
                   "--home", str(home), *(["--multi-user"] if multi_user else [])]  # fmt: skip
        # many sign-ins from one address within a minute: the tests, not an attack
        env = {**os.environ, "SPASMCARE_HOME": str(home), "SPASMCARE_RATE_SIGN_IN": "1000",
               **(environ or {})}  # fmt: skip
        env.pop("SPASMCARE_DATABASE_URL", None)
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/static/app.css", timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _need(CHROMIUM, "Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("single"), multi_user=False)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def multi_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("multi"), multi_user=True)
    yield running
    running.stop()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(base_url=server.url, accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    _need(AXE, "axe-core (npm ci)")
    return AXE.read_text(encoding="utf-8")

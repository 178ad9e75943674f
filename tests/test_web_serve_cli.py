"""`spasmcare serve`, and the bare `spasmcare` command, start the web app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spasmcare.cli import app


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def fake_run(application: object, **options: Any) -> None:
        calls.append({"app": application, **options})

    monkeypatch.setattr("uvicorn.run", fake_run)
    return calls


def test_bare_spasmcare_serves_on_localhost_and_prints_the_url(
    started: list[dict[str, Any]], tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, [], env={"SPASMCARE_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/" in result.output
    assert started[0]["host"] == "127.0.0.1" and started[0]["port"] == 8000


def test_serve_takes_host_port_and_multi_user(
    started: list[dict[str, Any]], tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--port", "8123", "--multi-user", "--home", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "sign-in required" in result.output and started[0]["port"] == 8123
    assert started[0]["access_log"] is False


def test_another_address_always_needs_sign_in(
    started: list[dict[str, Any]], tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--home", str(tmp_path)])
    assert "sign-in required" in result.output

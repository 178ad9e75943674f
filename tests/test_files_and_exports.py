"""Files and exports (security review findings 13, 16 and 17): CSV cells a spreadsheet would
run are neutralised yet import back exactly; the diary, its WAL, exports, backups and reports
are readable by their owner only; forwarded-for headers count only from configured proxies."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from spasmcare.cli import app as cli
from spasmcare.config import Settings
from spasmcare.diary.model import Episode
from spasmcare.diary.store import Store
from tests.clinic_helpers import bearer
from tests.server_helpers import free_port, serving
from tests.test_diary_fixtures import BACKENDS, _empty_postgres
from tests.test_diary_fixtures import postgres_server as postgres_server
from tests.web_helpers import make_client

__all__ = ["postgres_server"]

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd",
            "\rcmd", "'=already quoted", "plain note"]  # fmt: skip


@pytest.fixture(params=BACKENDS)
def environ(request: pytest.FixtureRequest) -> dict[str, str]:
    if request.param == "sqlite":
        return {}
    url = request.getfixturevalue("postgres_server")
    _empty_postgres(url)
    return {"SPASMCARE_DATABASE_URL": url}


def test_csv_export_cells_never_run_as_formulas_and_import_back_exactly(
    environ: dict[str, str], tmp_path: Path
) -> None:
    web = make_client(tmp_path / "a", environ=environ)
    services = web.client.app.state.web  # type: ignore[attr-defined]
    _, token = services.tokens.create(0, "write", "t", datetime.now(UTC).replace(tzinfo=None))
    for note in FORMULAS:
        made = web.client.post("/api/v1/episodes", json={"region": "calf", "notes": note},
                               headers=bearer(token))  # fmt: skip
        assert made.status_code == 201, made.text
    exported = web.client.get("/api/v1/exports/csv", headers=bearer(token))
    assert exported.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(exported.text)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    notes = [row["notes"] for row in csv.DictReader(io.StringIO(exported.text))]
    assert '\'=HYPERLINK("http://evil.example","x")' in notes and "plain note" in notes
    assert "''=already quoted" in notes
    # Imported into another diary, every note is exactly what was typed.
    copy = tmp_path / "export.csv"
    copy.write_text(exported.text, encoding="utf-8", newline="")
    env = {"SPASMCARE_HOME": str(tmp_path / "b")}
    if environ:
        _empty_postgres(environ["SPASMCARE_DATABASE_URL"])
        env.update(environ)
    result = CliRunner().invoke(cli, ["import", str(copy)], env=env)
    assert result.exit_code == 0, result.output
    with Store(Settings(tmp_path / "b", env.get("SPASMCARE_DATABASE_URL")
                        or f"sqlite:///{tmp_path / 'b' / 'diary.sqlite3'}")) as back:  # fmt: skip
        assert sorted(e.notes for e in back.episodes()) == sorted(FORMULAS)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_the_diary_its_wal_exports_backups_and_reports_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"SPASMCARE_HOME": str(home)}
    run = CliRunner().invoke
    with _umask(0o022):  # the usual umask, which leaves new files readable by everyone
        with Store(Settings(home, f"sqlite:///{home / 'diary.sqlite3'}")) as store:
            store.add_episode(Episode(datetime.now(UTC), "calf", notes="private"))
            wal = home / "diary.sqlite3-wal"
            assert wal.exists() and _mode(wal) == 0o600
            assert _mode(home / "diary.sqlite3-shm") == 0o600
        assert _mode(home) == 0o700 and _mode(home / "diary.sqlite3") == 0o600
        out = tmp_path / "out"
        out.mkdir()
        for form in ("json", "csv", "fhir"):
            done = run(cli, ["export", "--format", form, "--out", str(out / f"x.{form}")], env=env)
            assert done.exit_code == 0, done.output
            assert _mode(out / f"x.{form}") == 0o600
        assert _mode(out) == 0o755  # a folder the person made keeps its permissions
        done = run(cli, ["backup", "--out", str(tmp_path / "safe" / "b.sqlite3")], env=env)
        assert done.exit_code == 0, done.output
        assert _mode(tmp_path / "safe") == 0o700
        assert _mode(tmp_path / "safe" / "b.sqlite3") == 0o600
        report = tmp_path / "report.pdf"
        done = run(cli, ["report", "--out", str(report)], env=env)
        assert done.exit_code == 0, done.output
        assert _mode(report) == 0o600
        done = run(cli, ["insights", "--charts", str(tmp_path / "c")], env=env)
        assert done.exit_code == 0, done.output
        charts = list((tmp_path / "c").iterdir())
        assert charts and {_mode(c) for c in charts} == {0o600}


def _api_calls(url: str, forwarded: list[str]) -> list[int]:
    with httpx.Client(base_url=url, timeout=10) as client:
        return [
            client.get("/api/v1/questions", headers={"X-Forwarded-For": who}).status_code
            for who in forwarded
        ]


@contextmanager
def _serve(home: Path, **env: str) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "spasmcare", "serve", "--port", str(port), "--home",
               str(home)]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    environ = {**os.environ, "SPASMCARE_RATE_API_ADDRESS": "3", **env}
    with serving(command, environ, url + "/static/app.css", stderr=subprocess.DEVNULL):
        yield url


def test_forwarded_for_is_believed_only_from_a_configured_proxy(tmp_path: Path) -> None:
    addresses = [f"203.0.113.{n}" for n in range(5)]
    with _serve(tmp_path / "plain") as url:
        assert _api_calls(url, addresses) == [200, 200, 200, 429, 429]
    with _serve(tmp_path / "proxied", SPASMCARE_TRUSTED_PROXIES="127.0.0.1") as url:
        assert _api_calls(url, addresses) == [200] * 5

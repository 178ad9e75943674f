"""Shared fixtures of the diary tests: one real database per backend (SQLite file, PostgreSQL).

PostgreSQL tests use a fresh database for the session, dropped at the end. When the server
cannot be reached they skip with the reason, unless SPASMCARE_REQUIRE_POSTGRES=1 (CI), where
they fail: the storage must be proven on both backends there.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from spasmcare.config import Settings
from spasmcare.diary.store import Store

PG_SERVER = "host=127.0.0.1 port=5432 user=postgres"
BACKENDS = ("sqlite", "postgresql")


def _unreachable(reason: str) -> None:
    if os.environ.get("SPASMCARE_REQUIRE_POSTGRES", "") not in ("", "0"):
        pytest.fail(f"SPASMCARE_REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(f"{reason}: PostgreSQL storage tests skipped (SQLite ran)")


@contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """The name of a new database on the local PostgreSQL server, dropped afterwards."""
    try:
        import psycopg
    except ImportError:
        _unreachable("psycopg is not installed")
    name = f"{prefix}_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(
            f"{PG_SERVER} dbname=postgres", autocommit=True, connect_timeout=3
        ) as c:
            c.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        _unreachable(f"no PostgreSQL server at 127.0.0.1:5432 ({str(error).strip()[:120]})")
    try:
        yield name
    finally:
        with psycopg.connect(f"{PG_SERVER} dbname=postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a fresh database on the local PostgreSQL server, dropped afterwards."""
    with fresh_postgres_database("spasmcare_test") as name:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def _empty_postgres(url: str) -> None:
    import psycopg

    dbname = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{PG_SERVER} dbname={dbname}", autocommit=True) as c:
        c.execute("DROP SCHEMA public CASCADE")
        c.execute("CREATE SCHEMA public")


@pytest.fixture(params=BACKENDS)
def diary_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for an empty diary on each backend in turn."""
    home = tmp_path / "home"
    if request.param == "sqlite":
        return Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}")
    url = request.getfixturevalue("postgres_server")
    _empty_postgres(url)
    return Settings(home=home, database_url=url)


@pytest.fixture
def store(diary_settings: Settings) -> Iterator[Store]:
    """An open, empty diary on each backend in turn."""
    with Store(diary_settings) as opened:
        yield opened


@pytest.fixture
def cli_env(diary_settings: Settings) -> dict[str, str]:
    """Environment that points the command line at the test diary."""
    return {
        "SPASMCARE_HOME": str(diary_settings.home),
        "SPASMCARE_DATABASE_URL": diary_settings.database_url,
    }

"""Nothing acknowledged is ever lost: killed writers, killed imports, two writers at once.

The writers are real processes; "acknowledged" means the id was printed after the commit
returned, which is the moment the person is told "Saved".
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from spasmcare.config import Settings
from spasmcare.diary import demo
from spasmcare.diary.model import Diary
from spasmcare.diary.store import Store
from spasmcare.formats import files
from tests.test_diary_fixtures import diary_settings, postgres_server

__all__ = ["diary_settings", "postgres_server"]

WRITER = """
import sys
from datetime import datetime, UTC
from spasmcare.config import settings
from spasmcare.diary import model
from spasmcare.diary.store import Store
store = Store(settings())
for n in range(int(sys.argv[1])):
    e = model.episode({"started_at": datetime.now(UTC), "region": "calf", "notes": sys.argv[2]})
    print(store.add_episode(e).id, flush=True)
"""


def _env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "SPASMCARE_HOME": str(settings.home),
        "SPASMCARE_DATABASE_URL": settings.database_url,
    }


def _writer(settings: Settings, count: int, tag: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(count), tag],
        env=_env(settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _integrity(settings: Settings) -> None:
    if settings.is_sqlite:
        with sqlite3.connect(settings.home / "diary.sqlite3") as c:
            assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _stored_ids(settings: Settings) -> list[int]:
    with Store(settings) as store:
        return [e.id or 0 for e in store.episodes()]


def test_a_killed_stream_of_writes_keeps_every_acknowledged_episode(
    diary_settings: Settings,
) -> None:
    Store(diary_settings).close()
    writer = _writer(diary_settings, 1_000_000, "stream")
    assert writer.stdout is not None
    acknowledged = [int(writer.stdout.readline()) for _ in range(150)]
    writer.send_signal(signal.SIGKILL)
    rest, _ = writer.communicate()
    acknowledged += [int(line) for line in rest.split()]
    _integrity(diary_settings)
    stored = set(_stored_ids(diary_settings))
    assert set(acknowledged) <= stored
    assert len(stored - set(acknowledged)) <= 1  # committed, killed before it could print


def test_two_writers_at_once_lose_nothing(diary_settings: Settings) -> None:
    Store(diary_settings).close()
    writers = [_writer(diary_settings, 150, tag) for tag in ("a", "b")]
    outputs = [w.communicate() for w in writers]
    for w, (_, err) in zip(writers, outputs, strict=True):
        assert w.returncode == 0, err
    ids = [int(line) for out, _ in outputs for line in out.split()]
    assert len(ids) == len(set(ids)) == 300
    _integrity(diary_settings)
    assert set(_stored_ids(diary_settings)) == set(ids)
    with Store(diary_settings) as store:
        notes = [e.notes for e in store.episodes()]
    assert notes.count("a") == notes.count("b") == 150


def test_a_killed_import_stores_nothing_and_leaves_a_sound_database(
    diary_settings: Settings, tmp_path: Path
) -> None:
    with Store(diary_settings) as store:
        store.add_episode(next(demo.episodes(1, 0)))
    big = tmp_path / "big.json"
    episodes = tuple(demo.episodes(200_000, 1, datetime.now(UTC)))
    with big.open("w") as handle:
        files.write(Diary(episodes=episodes), handle, "json")
    importer = subprocess.Popen(
        [sys.executable, "-m", "spasmcare", "import", str(big)],
        env=_env(diary_settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait_until_writing(diary_settings, importer)
    importer.send_signal(signal.SIGKILL)
    importer.communicate()
    assert importer.returncode == -signal.SIGKILL, "the import finished before it was killed"
    _integrity(diary_settings)
    assert len(_stored_ids(diary_settings)) == 1


def _wait_until_writing(settings: Settings, process: subprocess.Popen[str]) -> None:
    """Wait until the import has written part of its rows, so the kill lands mid-import."""
    deadline = time.monotonic() + 60
    wal = settings.home / "diary.sqlite3-wal"
    while time.monotonic() < deadline and process.poll() is None:
        if settings.is_sqlite and wal.exists() and wal.stat().st_size > 4_000_000:
            return
        if not settings.is_sqlite and _pg_inserting(settings):
            time.sleep(0.5)  # let some batches land inside the transaction
            return
        time.sleep(0.01)


def _pg_inserting(settings: Settings) -> bool:
    """Whether the import is inside its transaction, inserting episodes."""
    import psycopg

    dbname = settings.database_url.rsplit("/", 1)[1]
    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={dbname}") as c:
        row = c.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
            "AND query ILIKE 'INSERT INTO episode%%'",
            (dbname,),
        ).fetchone()
    return row is not None and row[0] > 0

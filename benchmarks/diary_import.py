"""Importing a large diary into SQLite, against raw ``executemany`` of the same rows.

The figure is the whole import a person runs (read the file, check every value, insert in one
all-or-nothing transaction); the baseline is only the insert, through the sqlite3 driver.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.measure import Outcome, sqlite_store
from spasmcare.diary import demo
from spasmcare.diary.bulk import sqlite_values
from spasmcare.diary.model import Episode
from spasmcare.diary.store import Store
from spasmcare.formats import files

TARGET = 50_000
"""Episodes a second."""


def write_export(path: Path, count: int) -> None:
    """An export file of ``count`` generated episodes, written as a stream to spare memory."""
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"format": files.FORMAT, "version": files.VERSION}) + "\n")
        for e in demo.episodes(count, seed=1, now=datetime.now(UTC)):
            out.write(json.dumps({"kind": "episode", **e.as_json()}) + "\n")


def _store(folder: Path) -> Store:
    folder.mkdir()
    return sqlite_store(folder)


def import_seconds(folder: Path, export: Path) -> float:
    with _store(folder) as store:
        start = time.perf_counter()
        store.load(files.read(export))
        return time.perf_counter() - start


def executemany_seconds(folder: Path, export: Path) -> float:
    """Raw executemany of exactly the rows the import writes, with the same safety settings."""
    _store(folder).close()
    created = datetime.now(UTC).isoformat(sep=" ", timespec="microseconds")
    episodes = (e for e in files.read(export) if isinstance(e, Episode))
    rows = [sqlite_values(e, created, False) for e in episodes]
    columns = "started_at, utc_offset_minutes, region, side, severity, duration_minutes, " \
        "triggers, helped, associated, notes, created_at, deleted_at"  # fmt: skip
    connection = sqlite3.connect(folder / "diary.sqlite3", isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(f"INSERT INTO episode ({columns}) VALUES ({', '.join('?' * 12)})", rows)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    connection.close()
    return seconds


def run(quick: bool) -> Outcome:
    count = 50_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        export = folder / "diary.json"
        write_export(export, count)
        rate = count / import_seconds(folder / "import", export)
        baseline = count / executemany_seconds(folder / "raw", export)
    return Outcome(
        name=f"diary import ({count:,} episodes, SQLite)",
        figure=round(rate),
        unit="episodes a second (read, check, insert; all or nothing)",
        baseline=round(baseline),
        ratio=round(rate / baseline, 2),
        target=f"at least {TARGET:,} episodes a second and a third of raw executemany",
        met=rate >= TARGET and rate >= baseline / 3,
    )

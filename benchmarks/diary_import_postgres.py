"""Importing a diary into PostgreSQL, against raw ``executemany`` of the same rows (psycopg).

Runs against the local server (127.0.0.1:5432, or ``SPASMCARE_BENCH_POSTGRES``) in a database
made for the run and dropped after it; without a server the figure is not measured.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.diary_import import write_export
from benchmarks.measure import Outcome
from benchmarks.servers import PG_SERVER, fresh_database
from spasmcare.config import Settings
from spasmcare.diary.model import Episode
from spasmcare.diary.rows import episode_row
from spasmcare.diary.store import Store
from spasmcare.formats import files


def _import_seconds(url: str, home: Path, export: Path) -> float:
    with Store(Settings(home=home, database_url=url)) as store:
        start = time.perf_counter()
        store.load(files.read(export))
        return time.perf_counter() - start


def _executemany_seconds(name: str, export: Path) -> float:
    import psycopg
    from psycopg.types.json import Json

    now = datetime.now(UTC)
    rows = [
        {k: Json(v) if isinstance(v, list | dict) else v for k, v in episode_row(e, now).items()}
        | {"owner": 0}
        for e in files.read(export)
        if isinstance(e, Episode)
    ]
    columns = list(rows[0])
    sql = (f"INSERT INTO episode ({', '.join(columns)}) "
           f"VALUES ({', '.join(f'%({c})s' for c in columns)})")  # fmt: skip
    with psycopg.connect(f"{PG_SERVER} dbname={name}") as c:
        c.execute("DELETE FROM episode")
        start = time.perf_counter()
        with c.cursor() as cursor:
            cursor.executemany(sql, rows)
        c.commit()
        return time.perf_counter() - start


def run(quick: bool) -> Outcome:
    count = 20_000 if quick else 200_000
    with tempfile.TemporaryDirectory() as scratch, fresh_database("spasmcare_bench") as name:
        folder = Path(scratch)
        export = folder / "diary.json"
        write_export(export, count)
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        rate = count / _import_seconds(url, folder, export)
        baseline = count / _executemany_seconds(name, export)
    return Outcome(
        name=f"diary import ({count:,} episodes, PostgreSQL)",
        figure=round(rate),
        unit="episodes a second (read, check, insert; all or nothing)",
        baseline=round(baseline),
        ratio=round(rate / baseline, 2),
        target="at least a third of raw executemany",
        met=rate >= baseline / 3,
    )

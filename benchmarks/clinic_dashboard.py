"""The clinician's dashboard at clinic scale on PostgreSQL: the first page of
``GET /api/v1/patients`` (the dashboard's ranking, audited) for a clinician with 1,000 sharing
patients and a million episodes, one patient holding 100,000 of them; against the cheapest
authenticated call of the same token (``GET /api/v1/profile``), timed in turns in the same run.

Target: under 200 ms. The data goes in with COPY into the schema before the episode summaries,
and the migration then fills the summaries, as it would for a clinic upgrading. The quick run
(the test suite's) is a tenth of the size; ``SPASMCARE_BENCH_FULL=1`` makes it full size
whatever the flag.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.measure import Outcome, paired_medians
from benchmarks.servers import PG_SERVER, fresh_database

TARGET_MS = 200.0
CLINICIAN = 1
"""The clinician's person id; the patients come after it."""
DAYS = 730


def _sizes(quick: bool) -> tuple[int, int, int]:
    """Patients, all episodes, and the busiest patient's episodes."""
    if quick and os.environ.get("SPASMCARE_BENCH_FULL", "") in ("", "0"):
        return 100, 100_000, 10_000
    return 1_000, 1_000_000, 100_000


def _copy_diaries(name: str, patients: int, episodes: int, busiest: int) -> None:
    """People, consent and episodes straight into the tables with COPY."""
    import psycopg

    rng = random.Random(9)
    now = datetime.now(UTC).replace(tzinfo=None)
    created = now.isoformat(" ")
    owners = range(CLINICIAN + 1, CLINICIAN + 1 + patients)
    with psycopg.connect(f"{PG_SERVER} dbname={name}") as c, c.cursor() as cursor:
        with cursor.copy("COPY person (id, username, password_hash, created_at, role) "
                         "FROM STDIN") as copy:  # fmt: skip
            copy.write_row((CLINICIAN, "clinician@example.org", "-", created, "clinician"))
            for owner in owners:
                copy.write_row((owner, f"p{owner}@example.org", "-", created, "patient"))
        with cursor.copy("COPY consent (patient, clinician, granted_at) FROM STDIN") as copy:
            for owner in owners:
                copy.write_row((owner, CLINICIAN, created))
        rest = (episodes - busiest) // max(1, patients - 1)
        columns = (
            "owner, started_at, utc_offset_minutes, region, triggers, helped, notes, created_at"
        )
        with cursor.copy(f"COPY episode ({columns}) FROM STDIN") as copy:
            for owner in owners:
                for _ in range(busiest if owner == owners[0] else rest):
                    at = now - timedelta(minutes=rng.randrange(DAYS * 1440))
                    copy.write_row((owner, at.isoformat(" "), rng.choice((0, 60, -300)), "calf",
                                    "[]", "[]", "", created))  # fmt: skip
        cursor.execute("SELECT setval(pg_get_serial_sequence('person', 'id'), "
                       f"{CLINICIAN + patients})")  # fmt: skip
        c.commit()


def run(quick: bool) -> Outcome:
    from fastapi.testclient import TestClient

    from spasmcare.app import WebConfig, create_app
    from spasmcare.config import Settings
    from spasmcare.diary import database

    patients, episodes, busiest = _sizes(quick)
    repeats = 5 if quick else 15
    with tempfile.TemporaryDirectory() as scratch, fresh_database("spasmcare_bench") as name:
        url = f"postgresql://postgres@127.0.0.1:5432/{name}"
        engine = database.connect(url)
        database.migrate(engine, "0004")  # before the summaries
        _copy_diaries(name, patients, episodes, busiest)
        start = time.perf_counter()
        database.migrate(engine)  # fills the summaries
        backfill = time.perf_counter() - start
        engine.dispose()
        app = create_app(WebConfig(Settings(Path(scratch), url), multi_user=True))
        services = app.state.web
        made = datetime.now(UTC).replace(tzinfo=None)
        _, token = services.tokens.create(CLINICIAN, "read", "bench", made)
        headers = {"Authorization": f"Bearer {token}"}
        with TestClient(app, base_url="http://127.0.0.1") as client:
            first = client.get("/api/v1/patients", headers=headers)
            assert first.status_code == 200 and len(first.json()["patients"]) == 100, first.text

            def dashboard() -> None:
                assert client.get("/api/v1/patients", headers=headers).status_code == 200

            def profile() -> None:
                assert client.get("/api/v1/profile", headers=headers).status_code == 200

            page, baseline = paired_medians(dashboard, profile, repeats)
    page_ms, baseline_ms = page * 1000, baseline * 1000
    return Outcome(
        name=f"clinic dashboard ({patients:,} patients, {episodes:,} episodes, PostgreSQL)",
        figure=round(page_ms, 1),
        unit=f"ms for the first page of 100 patients (median; summaries filled in "
        f"{backfill:.1f} s)",
        baseline=round(baseline_ms, 2),
        ratio=round(page_ms / baseline_ms, 1),
        target=f"under {TARGET_MS:g} ms",
        met=page_ms < TARGET_MS,
    )

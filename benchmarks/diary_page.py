"""The newest page of a 100,000-episode diary, against the same query through sqlite3 alone.

What a person waits for when they open the diary: it must stay instant however long the
diary grows, which the index on the episode time provides.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from benchmarks.measure import Outcome, median_seconds, sqlite_store
from spasmcare.diary import demo

EPISODES = 100_000
PAGE = 20
TARGET_MS = 20.0
QUERY = (
    f"SELECT * FROM episode WHERE deleted_at IS NULL ORDER BY started_at DESC, id DESC LIMIT {PAGE}"
)


def run(quick: bool) -> Outcome:
    repeats = 20 if quick else 200
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        with sqlite_store(home) as store:
            store.load(demo.episodes(EPISODES, seed=2))
            page = median_seconds(lambda: store.episodes(limit=PAGE), repeats) * 1000
        raw = sqlite3.connect(home / "diary.sqlite3")
        baseline = median_seconds(lambda: raw.execute(QUERY).fetchall(), repeats) * 1000
        raw.close()
    return Outcome(
        name=f"diary newest page ({EPISODES:,} episodes, SQLite)",
        figure=round(page, 2),
        unit=f"ms for the newest {PAGE} episodes (median)",
        baseline=round(baseline, 2),
        ratio=round(page / baseline, 1),
        target=f"under {TARGET_MS:g} ms",
        met=page < TARGET_MS,
    )

"""Insights on a generated 100,000-episode diary, against reading those episodes from the store.

The analysis is one pass over the episodes in plain Python; it must stay under a second
however long the diary grows. Reading the diary is the baseline: what the command pays anyway.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.measure import Outcome, median_seconds, sqlite_store
from spasmcare.diary import demo
from spasmcare.insights.wording import describe

EPISODES = 100_000
TARGET_S = 1.0


def run(quick: bool) -> Outcome:
    repeats = 2 if quick else 5
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        with sqlite_store(home) as store:
            store.load(demo.episodes(EPISODES, seed=2, now=now))
            start = time.perf_counter()
            episodes = store.episodes()
            baseline = time.perf_counter() - start
    figure = median_seconds(lambda: describe(episodes, now), repeats)
    return Outcome(
        name=f"insights ({EPISODES:,} episodes)",
        figure=round(figure, 3),
        unit="s to analyse (median); baseline: s to read them from SQLite",
        baseline=round(baseline, 3),
        ratio=round(figure / baseline, 2),
        target=f"under {TARGET_S:g} s",
        met=figure < TARGET_S,
    )

"""The clinician PDF for a year of daily episodes, against the insights alone.

The report is what a person prints before an appointment: analysis, six charts and the PDF
must take under 3 seconds. The baseline is the analysis alone, so the ratio is the price of
drawing and laying out.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.measure import Outcome, median_seconds, sqlite_store
from spasmcare.diary import actions, demo
from spasmcare.diary.model import Episode, Profile
from spasmcare.insights.wording import describe
from spasmcare.services.reports import build

EPISODES = 365
TARGET_S = 3.0


def daily(now: datetime) -> Iterator[Episode]:
    """One generated episode a day for the past year (the demo's values, re-timed)."""
    for n, e in enumerate(demo.episodes(EPISODES, seed=3, now=now)):
        day = now - timedelta(days=EPISODES - n)
        yield replace(e, started_at=day.replace(hour=e.started_at.hour, minute=0, second=0,
                                                microsecond=0))  # fmt: skip


def run(quick: bool) -> Outcome:
    repeats = 2 if quick else 5
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        with sqlite_store(home) as store:
            store.save_profile(Profile(age=70, medications=("bendroflumethiazide",)))
            store.load(daily(now))
            actions.reassess(store, now)
            out = home / "report.pdf"
            figure = median_seconds(lambda: build(store, out, now), repeats)
            episodes = store.episodes()
        baseline = median_seconds(lambda: describe(episodes, now), repeats)
    return Outcome(
        name=f"clinician report PDF (a year of daily episodes, {EPISODES})",
        figure=round(figure, 3),
        unit="s to write the PDF (median); baseline: s for the insights alone",
        baseline=round(baseline, 4),
        ratio=round(figure / baseline, 1),
        target=f"under {TARGET_S:g} s",
        met=figure < TARGET_S,
    )

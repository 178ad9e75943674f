"""What a benchmark reports, and the timing helpers they share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from spasmcare.config import Settings
from spasmcare.diary.store import Store


@dataclass(frozen=True)
class Outcome:
    """One benchmark's figure beside its baseline, and whether it met its target."""

    name: str
    figure: float
    unit: str
    baseline: float | None
    ratio: float | None
    target: str
    met: bool

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls, after one warm-up call."""
    work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(
    work: Callable[[], object], baseline: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median wall times of ``work`` and of its baseline, timed in turns (after a warm-up
    call of each), so that a slower stretch of the machine weighs on both alike."""
    work()
    baseline()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for spent, call in zip(times, (work, baseline), strict=True):
            start = time.perf_counter()
            call()
            spent.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def sqlite_store(home: Path) -> Store:
    """A diary store on a SQLite file in ``home``, as the app makes by default."""
    return Store(Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}"))

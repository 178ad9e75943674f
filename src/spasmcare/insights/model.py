"""What the insights are: the numbers each part of a diary's reading holds, its sentence
(filled in by ``wording``), and how much data each comparison needs before it claims anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from spasmcare.insights.stats import Estimate, Moments

MIN_DAYS: Final = 28
"""Days of diary before the number of episodes is compared between its two halves."""
MIN_EPISODES: Final = 8
"""Episodes before any change in their number is judged."""
MIN_SIDE_DAYS: Final = 14
"""Days on each side of the care plan's start before the plan's period is compared."""
MIN_PATTERN: Final = 5
"""Episodes before a time of day or a region is called typical."""
MIN_RATED: Final = 5
"""Pain scores in each group before their averages are compared."""
MIN_FACTOR: Final = 5
"""Episodes with (and without) a trigger, their window complete, before comparing them."""
FACTOR_WINDOW: Final = timedelta(days=2)
"""The period after an episode in which further episodes are counted for trigger effects."""
MIN_TRIED: Final = 5
"""Rated uses of something that helped before saying how often it helped."""
MAX_TREND_POINTS: Final = 260
"""Longer weekly series are summed into 4-week blocks for the trend test (it is O(n^2))."""

BANDS: Final = (
    ("night", "at night, between 10 pm and 6 am", frozenset((22, 23, 0, 1, 2, 3, 4, 5))),
    ("morning", "in the morning, between 6 am and noon", frozenset(range(6, 12))),
    ("afternoon", "in the afternoon, between noon and 6 pm", frozenset(range(12, 18))),
    ("evening", "in the evening, between 6 pm and 10 pm", frozenset(range(18, 22))),
)
"""Parts of the day, in local time as recorded, with how a sentence names them."""
BAND_OF_HOUR: Final = {h: name for name, _, hours in BANDS for h in hours}


@dataclass(frozen=True)
class Period:
    """Part of the diary: its dates, its episodes, and episodes a week."""

    start: datetime
    end: datetime
    episodes: int

    @property
    def days(self) -> float:
        return (self.end - self.start).total_seconds() / 86400

    @property
    def per_week(self) -> float:
        return self.episodes / self.days * 7 if self.days > 0 else math.nan


@dataclass(frozen=True)
class Comparison:
    """Episodes a week before and after a moment, and their rate ratio (after over before)."""

    before: Period
    after: Period
    ratio: Estimate | None
    needed: str | None
    """What more is needed when there is too little data to compare; None when compared."""


@dataclass(frozen=True)
class Frequency:
    """Episodes per week, and whether their number is changing."""

    weeks: tuple[tuple[date, int], ...]
    halves: Comparison | None
    kendall: Estimate | None
    dispersion: float
    sentence: str = ""


@dataclass(frozen=True)
class PlanEffect:
    """Episodes a week before and since the care plan's first step started."""

    started: datetime
    titles: tuple[str, ...]
    comparison: Comparison
    sentence: str = ""


@dataclass(frozen=True)
class TimeOfDay:
    hours: tuple[int, ...]
    """Episodes starting in each hour 0-23, local time as recorded."""
    bands: dict[str, int]
    top: str | None
    share: Estimate | None
    sentence: str = ""


@dataclass(frozen=True)
class Regions:
    counts: dict[str, int]
    """Episodes per region, most first."""
    sides: dict[str, dict[str, int]]
    sentence: str = ""


@dataclass(frozen=True)
class Severity:
    buckets: tuple[tuple[date, float, int], ...]
    """(start of week or month, mean pain score, how many scores), oldest first."""
    unit: str
    first: Moments
    second: Moments
    change: Estimate | None
    needed: str | None
    sentence: str = ""


@dataclass(frozen=True)
class Factor:
    """A trigger: what followed episodes noted with it, against episodes without it."""

    name: str
    noted: int
    """Episodes noted with it."""
    not_noted: int
    per_day: Estimate | None
    """Further episodes in the window after one with it, minus after one without it."""
    pain: Estimate | None
    """Mean pain score of episodes with it minus without."""
    needed: str | None
    counts: tuple[Moments, Moments] | None = None
    """Further episodes in the window: (after episodes with it, after episodes without)."""
    pains: tuple[Moments, Moments] | None = None
    """Pain scores: (episodes with it, episodes without)."""
    sentence: str = ""


@dataclass(frozen=True)
class Remedy:
    """Something tried during episodes and how much it helped."""

    name: str
    tried: int
    a_lot: int
    a_little: int
    not_at_all: int
    helped: Estimate | None
    """Share of rated uses that helped at least a little."""
    duration: Estimate | None
    """Mean minutes of episodes with it minus without."""
    needed: str | None
    minutes: tuple[Moments, Moments] | None = None
    """Minutes an episode lasted: (with it, without it)."""
    sentence: str = ""


@dataclass(frozen=True)
class Insights:
    """Everything the diary shows, each part with its one-sentence reading."""

    episodes: int
    first: datetime | None
    last: datetime | None
    now: datetime
    frequency: Frequency
    plan: PlanEffect | None
    time_of_day: TimeOfDay
    regions: Regions
    severity: Severity
    factors: tuple[Factor, ...]
    remedies: tuple[Remedy, ...]
    summary: str = ""
    triggers_sentence: str = ""
    remedies_sentence: str = ""
    caveats: tuple[str, ...] = field(default=())

"""A realistic generated diary, for trying the app and for benchmarks: mostly night-time calf
cramps of a few minutes, a few in the thigh or foot, spread over the past weeks and months."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from spasmcare import clock
from spasmcare.diary.model import Episode, Helped

REGIONS = (("calf", 70), ("foot", 12), ("thigh", 10), ("shin", 4), ("hand", 4))
TRIGGERS = ("long_run", "hiking", "prolonged_sitting", "heat_exposure", "new_exercise", "stress")
HELPS = ("stretching", "walking", "massage", "heat", "flexing the foot")
PER_WEEK = 4.0
"""Episodes a week in the generated history..."""
LONGEST = timedelta(days=20 * 365)
"""...unless that would reach back further than this (huge diaries for benchmarks)."""


def episodes(count: int, seed: int | None = None, now: datetime | None = None) -> Iterator[Episode]:
    """``count`` episodes, oldest first, before ``now``; the same seed gives the same diary."""
    rng = random.Random(seed)
    now = now or clock.now()
    zone = now.astimezone().tzinfo
    span = min(timedelta(weeks=count / PER_WEEK), LONGEST) + timedelta(days=1)
    start = now - span
    step = span / (count + 1)
    regions = [r for r, _ in REGIONS]
    weights = [w for _, w in REGIONS]
    for n in range(count):
        day = start + step * (n + 1)
        night = rng.random() < 0.75
        hour = rng.choice((23, 0, 1, 2, 3, 4, 5)) if night else rng.randint(8, 21)
        at = day.astimezone(zone).replace(hour=hour, minute=rng.randint(0, 59), second=0)
        at = min(at, now - timedelta(minutes=1)).replace(microsecond=0)
        helped = rng.sample(HELPS, rng.randint(0, 2))
        yield Episode(
            started_at=at,
            region=rng.choices(regions, weights)[0],
            side=rng.choice(("left", "right", "left", "right", "both")),
            severity=min(10, max(0, round(rng.gauss(5, 2)))),
            duration_minutes=round(min(9.5, rng.lognormvariate(0.7, 0.6)), 1),
            triggers=tuple(rng.sample(TRIGGERS, rng.randint(0, 1))),
            helped=tuple(Helped(h, rng.choice(("a_little", "a_lot"))) for h in helped),
            associated=(),
            notes="" if rng.random() < 0.8 else "woke me up",
        )


def case_of(latest: Episode) -> dict[str, object]:
    """An assessment case for the newest generated episode, as someone with this diary might
    answer the questionnaire (cramps most weeks, mostly at night)."""
    hour = latest.started_at.astimezone().hour
    case: dict[str, object] = {
        "region": latest.region,
        "onset": "sudden",
        "frequency": "weekly",
        "time_of_day": "night" if hour >= 21 or hour < 7 else "day",
        "days_since_first": 120,
    }
    if latest.side is not None:
        case["side"] = latest.side
    if latest.severity is not None:
        case["severity_0_10"] = latest.severity
    if latest.duration_minutes is not None:
        case["duration_minutes"] = latest.duration_minutes
    return case

"""What a diary shows, in numbers: pure analysis of episodes, with no database or plotting.

``measure`` reads the episodes (and the self-care steps being followed) once and returns
numbers with their uncertainty, with no sentences; ``wording`` turns each part into one plain
sentence, and ``wording.describe`` does both. Every comparison needs a minimum
amount of data (the ``MIN_*`` values in ``model``) before it claims anything, and says how much
more is needed when there is too little.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from spasmcare.diary.model import Episode, SelfCareStep
from spasmcare.insights import stats
from spasmcare.insights.model import (
    BANDS,
    FACTOR_WINDOW,
    MAX_TREND_POINTS,
    MIN_DAYS,
    MIN_EPISODES,
    MIN_FACTOR,
    MIN_PATTERN,
    MIN_RATED,
    MIN_SIDE_DAYS,
    MIN_TRIED,
    Comparison,
    Factor,
    Frequency,
    Insights,
    Period,
    PlanEffect,
    Regions,
    Remedy,
    Severity,
    TimeOfDay,
)

__all__ = ["Insights", "diary_midpoint", "frequency_change", "measure"]


def measure(
    episodes: Sequence[Episode], now: datetime, steps: Sequence[SelfCareStep] = ()
) -> Insights:
    """Read the diary once and work out its numbers (deleted episodes are left out); every
    sentence is left empty."""
    live = sorted((e for e in episodes if e.deleted_at is None), key=lambda e: e.started_at)
    first = live[0].started_at if live else None
    last = live[-1].started_at if live else None
    frequency = _frequency(live, now)
    mid = _midpoint(live, now)
    return Insights(
        episodes=len(live),
        first=first,
        last=last,
        now=now,
        frequency=frequency,
        plan=_plan(live, steps, now, frequency.dispersion),
        time_of_day=_time_of_day(live),
        regions=_regions(live),
        severity=_severity(live, now, mid),
        factors=_factors(live, now),
        remedies=_remedies(live),
    )


def _start_of(live: Sequence[Episode]) -> datetime:
    first = live[0].started_at
    return first.replace(hour=0, minute=0, second=0, microsecond=0)


def _midpoint(live: Sequence[Episode], now: datetime) -> datetime | None:
    return _start_of(live) + (now - _start_of(live)) / 2 if live else None


def _compare(
    times: Sequence[float], start: datetime, split: datetime, end: datetime, dispersion: float,
    min_side_days: float,
) -> Comparison:  # fmt: skip
    """Episodes a week before ``split`` against after it, once there is enough data."""
    before_n = _count_before(times, split.timestamp())
    return _counted(before_n, len(times), start, split, end, dispersion, min_side_days)


def _counted(
    before_n: int, total: int, start: datetime, split: datetime, end: datetime,
    dispersion: float, min_side_days: float,
) -> Comparison:  # fmt: skip
    """``_compare`` once the episodes before ``split`` are counted (``total`` in all)."""
    before = Period(start, split, before_n)
    after = Period(split, end, total - before_n)
    short = max(0.0, min_side_days - min(before.days, after.days))
    if short > 0:
        weeks = math.ceil(short / 7)
        needed = f"about {weeks} more week{'s' * (weeks > 1)} of diary"
    elif total < MIN_EPISODES:
        more = MIN_EPISODES - total
        needed = f"at least {more} more episode{'s' * (more > 1)}"
    else:
        needed = None
    ratio = None
    if needed is None:
        ratio = stats.rate_ratio(before.episodes, before.days, after.episodes, after.days,
                                 dispersion)  # fmt: skip
    return Comparison(before, after, ratio, needed)


def _count_before(times: Sequence[float], cut: float) -> int:
    from bisect import bisect_left

    return bisect_left(times, cut)


def _weekly(weeks: Iterable[tuple[int, int]], day0: date, now: datetime) -> list[int]:
    """Episodes a week from ``day0`` to now (this week's so far last), from counts by week
    index; an index past now counts in this week, and -1 too (Python's negative index)."""
    weeks_total = (now.date() - day0).days // 7 + 1
    counts = [0] * weeks_total
    for index, n in weeks:
        counts[min(weeks_total - 1, index)] += n
    return counts


def _full_weeks(counts: list[int]) -> list[int]:
    return counts[:-1] if len(counts) > 2 else counts


def diary_midpoint(first: datetime, now: datetime) -> datetime:
    """Where the diary's two halves meet: between the first episode's day and now."""
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    return start + (now - start) / 2


def frequency_change(
    weeks: Iterable[tuple[int, int]], first: datetime, before_midpoint: int, now: datetime
) -> Comparison:
    """The insights' comparison of the diary's two halves from a summary: live episodes by
    week index counted from the first one's day, the first one's time, and how many started
    before the midpoint."""
    weeks = list(weeks)
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    spread = stats.dispersion(_full_weeks(_weekly(weeks, start.date(), now)))
    total = sum(n for _, n in weeks)
    mid = diary_midpoint(first, now)
    return _counted(before_midpoint, total, start, mid, now, spread, MIN_DAYS / 2)


def _frequency(live: Sequence[Episode], now: datetime) -> Frequency:
    if not live:
        return Frequency((), None, None, 1.0)
    start = _start_of(live)
    day0 = start.date()
    counts = _weekly(Counter((e.started_at.date() - day0).days // 7 for e in live).items(),
                     day0, now)  # fmt: skip
    full = _full_weeks(counts)
    spread = stats.dispersion(full)
    times = [e.started_at.timestamp() for e in live]
    halves = _compare(times, start, diary_midpoint(live[0].started_at, now), now, spread,
                      MIN_DAYS / 2)  # fmt: skip
    kendall = None
    if halves.needed is None:
        series = full
        if len(series) > MAX_TREND_POINTS:
            series = [sum(series[i : i + 4]) for i in range(0, len(series) - 3, 4)]
        kendall = stats.mann_kendall([float(c) for c in series])
    weeks = tuple((day0 + timedelta(weeks=i), c) for i, c in enumerate(counts))
    return Frequency(weeks, halves, kendall, spread)


def _plan(
    live: Sequence[Episode], steps: Sequence[SelfCareStep], now: datetime, dispersion: float
) -> PlanEffect | None:
    if not live or not steps:
        return None
    started = min(s.started_at for s in steps)
    titles = tuple(dict.fromkeys(s.title or s.step_id for s in steps if s.stopped_at is None))
    times = [e.started_at.timestamp() for e in live]
    start = min(_start_of(live), started)
    comparison = _compare(times, start, started, now, dispersion, MIN_SIDE_DAYS)
    return PlanEffect(started, titles, comparison)


def _time_of_day(live: Sequence[Episode]) -> TimeOfDay:
    hours = [0] * 24
    for e in live:
        hours[e.started_at.hour] += 1
    bands = {name: sum(hours[h] for h in members) for name, _, members in BANDS}
    if len(live) < MIN_PATTERN:
        return TimeOfDay(tuple(hours), bands, None, None)
    top = max(bands, key=lambda b: bands[b])
    return TimeOfDay(tuple(hours), bands, top, stats.proportion(bands[top], len(live)))


def _regions(live: Sequence[Episode]) -> Regions:
    counts: dict[str, int] = {}
    sides: dict[str, dict[str, int]] = {}
    for e in live:
        counts[e.region] = counts.get(e.region, 0) + 1
        by_side = sides.setdefault(e.region, {})
        side = e.side or "not said"
        by_side[side] = by_side.get(side, 0) + 1
    ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Regions(ordered, sides)


def _severity(live: Sequence[Episode], now: datetime, mid: datetime | None) -> Severity:
    empty = stats.from_sums(0, 0, 0)
    rated = [e for e in live if e.severity is not None]
    if not rated or mid is None:
        return Severity((), "week", empty, empty, None, f"at least {MIN_RATED * 2} pain scores")
    monthly = (now - live[0].started_at).days > 26 * 7
    unit = "month" if monthly else "week"
    day0 = _start_of(live).date()
    sums: dict[date, list[float]] = {}
    halves = [[0, 0.0, 0.0], [0, 0.0, 0.0]]
    cut = mid.timestamp()
    for e in rated:
        score = float(e.severity or 0)
        day = e.started_at.date()
        key = (day.replace(day=1) if monthly
               else day0 + timedelta(weeks=(day - day0).days // 7))  # fmt: skip
        bucket = sums.setdefault(key, [0.0, 0.0])
        bucket[0] += score
        bucket[1] += 1
        half = halves[e.started_at.timestamp() >= cut]
        half[0] += 1
        half[1] += score
        half[2] += score * score
    buckets = tuple((k, s / n, int(n)) for k, (s, n) in sorted(sums.items()))
    first = stats.from_sums(int(halves[0][0]), halves[0][1], halves[0][2])
    second = stats.from_sums(int(halves[1][0]), halves[1][1], halves[1][2])
    short = max(0, MIN_RATED - first.n) + max(0, MIN_RATED - second.n)
    if short:
        needed = f"at least {short} more episode{'s' * (short > 1)} with a pain score"
        return Severity(buckets, unit, first, second, None, needed)
    return Severity(buckets, unit, first, second, stats.mean_difference(first, second), None)


def _factors(live: Sequence[Episode], now: datetime, limit: int = 8) -> tuple[Factor, ...]:
    """Each trigger: further episodes in the window after an episode noted with it, against
    after episodes without it, and pain with it against without.

    Triggers are only noted on episodes, so days with a trigger always have an episode: the
    unit compared is the episode, which makes "noted" independent of how many episodes there
    were. Windows of nearby episodes overlap, so the intervals are somewhat too narrow; they
    are a guide, not proof.
    """
    from bisect import bisect_right

    times = [e.started_at.timestamp() for e in live]
    window = FACTOR_WINDOW.total_seconds()
    last = now.timestamp() - window
    after: dict[str, list[float]] = {}
    pain: dict[str, list[float]] = {}
    all_after = [0.0, 0.0, 0.0]
    all_pain = [0.0, 0.0, 0.0]
    noted: dict[str, int] = {}
    for index, e in enumerate(live):
        for t in e.triggers:
            noted[t] = noted.get(t, 0) + 1
        if times[index] <= last:  # the whole window lies inside the diary
            k = float(bisect_right(times, times[index] + window) - index - 1)
            _add(all_after, k)
            for t in e.triggers:
                _add(after.setdefault(t, [0.0, 0.0, 0.0]), k)
        if e.severity is not None:
            s = float(e.severity)
            _add(all_pain, s)
            for t in e.triggers:
                _add(pain.setdefault(t, [0.0, 0.0, 0.0]), s)
    found = []
    for name, count in sorted(noted.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
        a = after.get(name, [0.0, 0.0, 0.0])
        with_it = stats.from_sums(int(a[0]), a[1], a[2])
        without = stats.from_sums(int(all_after[0] - a[0]), all_after[1] - a[1],
                                  all_after[2] - a[2])  # fmt: skip
        parts = [_more(MIN_FACTOR - with_it.n, "episode", "with it"),
                 _more(MIN_FACTOR - without.n, "episode", "without it")]  # fmt: skip
        if any(parts):
            needed = " and ".join(p for p in parts if p)
            found.append(Factor(name, count, len(live) - count, None, None, needed))
            continue
        per_day = stats.mean_difference(without, with_it)
        p = pain.get(name, [0.0, 0.0, 0.0])
        with_pain = stats.from_sums(int(p[0]), p[1], p[2])
        without_pain = stats.from_sums(
            int(all_pain[0] - p[0]), all_pain[1] - p[1], all_pain[2] - p[2]
        )
        enough = with_pain.n >= MIN_RATED and without_pain.n >= MIN_RATED
        pain_diff = stats.mean_difference(without_pain, with_pain) if enough else None
        found.append(Factor(name, count, len(live) - count, per_day, pain_diff, None,
                            (with_it, without), (with_pain, without_pain)))  # fmt: skip
    return tuple(found)


def _add(acc: list[float], x: float) -> None:
    acc[0] += 1
    acc[1] += x
    acc[2] += x * x


def _remedies(live: Sequence[Episode], limit: int = 8) -> tuple[Remedy, ...]:
    """Each thing tried: how often it helped, and how long episodes lasted with and without it."""
    tally: dict[str, list[int]] = {}  # tried, a_lot, a_little, not_at_all
    minutes: dict[str, list[float]] = {}
    all_minutes = [0.0, 0.0, 0.0]
    index = {"a_lot": 1, "a_little": 2, "not_at_all": 3}
    for e in live:
        d = e.duration_minutes
        if d is not None:
            all_minutes[0] += 1
            all_minutes[1] += d
            all_minutes[2] += d * d
        for h in e.helped:
            row = tally.setdefault(h.what, [0, 0, 0, 0])
            row[0] += 1
            if h.how_much is not None:
                row[index[h.how_much]] += 1
            if d is not None:
                acc = minutes.setdefault(h.what, [0.0, 0.0, 0.0])
                acc[0] += 1
                acc[1] += d
                acc[2] += d * d
    found = []
    for name, (tried, lot, little, none) in sorted(
        tally.items(), key=lambda kv: (-kv[1][0], kv[0])
    )[:limit]:
        rated = lot + little + none
        if rated < MIN_TRIED:
            more = MIN_TRIED - rated
            needed = f"at least {more} more time{'s' * (more > 1)} with how much it helped"
            found.append(Remedy(name, tried, lot, little, none, None, None, needed))
            continue
        m = minutes.get(name, [0.0, 0.0, 0.0])
        with_it = stats.from_sums(int(m[0]), m[1], m[2])
        without = stats.from_sums(
            int(all_minutes[0] - m[0]), all_minutes[1] - m[1], all_minutes[2] - m[2]
        )
        enough = with_it.n >= MIN_RATED and without.n >= MIN_RATED
        duration = stats.mean_difference(without, with_it) if enough else None
        helped = stats.proportion(lot + little, rated)
        found.append(Remedy(name, tried, lot, little, none, helped, duration, None,
                            (with_it, without)))  # fmt: skip
    return tuple(found)


def _more(count: int, unit: str, what: str = "") -> str:
    """'at least 3 more days with it', or '' when nothing more is needed."""
    if count <= 0:
        return ""
    return f"at least {count} more {unit}{'s' * (count > 1)}" + (f" {what}" if what else "")

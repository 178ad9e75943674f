"""Each diary's episode summary, kept up to date in the transaction of every episode write.

The clinic dashboard ranks a page of patients from these few rows (the first and last live
episode, and live episodes a day) instead of reading and analysing every diary: one patient
with 100,000 episodes no longer slows it down. ``changed`` is called by the store and the bulk
loader with the days whose counts moved; it also refreshes the first and last episode, which
two index lookups find.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import (
    Connection,
    Integer,
    delete,
    func,
    insert,
    literal_column,
    select,
    union_all,
    update,
)

from spasmcare.diary import tables
from spasmcare.diary.model import Episode
from spasmcare.diary.rows import utc, zoned


@dataclass(frozen=True)
class Summary:
    """One diary's live episodes: the first and last (in their zones), and how many in each
    week counted from the first one's day (its index; -1 for a day before it, which an
    episode in a zone further west can have)."""

    first: datetime
    last: datetime
    weeks: tuple[tuple[int, int], ...]
    first_day: date
    """The first episode's date in its zone: week 0 starts on it."""

    @property
    def episodes(self) -> int:
        return sum(n for _, n in self.weeks)


def day_of(e: Episode) -> date:
    """The date an episode is counted on: in the zone it was recorded in, as the insights."""
    return e.started_at.date()


def stored_day(at: datetime, offset_minutes: int) -> date:
    """``day_of`` for a stored row (naive UTC and its offset)."""
    return (at + timedelta(minutes=offset_minutes)).date()


def counts(episodes: Iterable[Episode]) -> Counter[date]:
    """Live episodes a day."""
    return Counter(day_of(e) for e in episodes if e.deleted_at is None)


def changed(c: Connection, owner: int, days: Mapping[date, int]) -> None:
    """Add ``days``' changes (negative: fewer) to the owner's counts, then refresh the first
    and last live episode; a diary with none left has no summary."""
    moved = {d: n for d, n in days.items() if n}
    if moved:
        _add_days(c, owner, moved)
    t, s = tables.episode, tables.episode_summary
    live = (t.c.owner == owner, t.c.deleted_at.is_(None))
    pick = select(t.c.started_at, t.c.utc_offset_minutes).where(*live).limit(1)
    first = c.execute(pick.order_by(t.c.started_at, t.c.id.desc())).first()
    last = c.execute(pick.order_by(t.c.started_at.desc(), t.c.id.desc())).first()
    c.execute(delete(s).where(s.c.owner == owner))
    if first is not None and last is not None:
        c.execute(insert(s).values(
            owner=owner, first_at=first[0], first_offset_minutes=first[1],
            first_day=stored_day(first[0], first[1]), last_at=last[0],
            last_offset_minutes=last[1],
        ))  # fmt: skip


def _add_days(c: Connection, owner: int, moved: Mapping[date, int]) -> None:
    d = tables.episode_day
    found = {
        day: n
        for day, n in c.execute(
            select(d.c.day, d.c.episodes).where(d.c.owner == owner, d.c.day.in_(list(moved)))
        )
    }
    new = [{"owner": owner, "day": day, "episodes": n} for day, n in moved.items()
           if day not in found]  # fmt: skip
    if new:
        c.execute(insert(d), new)
    for day, n in moved.items():
        if day in found:
            where = (d.c.owner == owner, d.c.day == day)
            if found[day] + n > 0:
                c.execute(update(d).where(*where).values(episodes=d.c.episodes + n))
            else:
                c.execute(delete(d).where(*where))


def forget(c: Connection, owner: int) -> None:
    for t in (tables.episode_day, tables.episode_summary):
        c.execute(delete(t).where(t.c.owner == owner))


def of(c: Connection, owners: Sequence[int]) -> dict[int, Summary]:
    """The summaries of ``owners`` who have live episodes, in two queries (the weeks are
    added up by the database)."""
    s, d = tables.episode_summary, tables.episode_day
    if c.dialect.name == "sqlite":
        apart = "CAST(julianday(episode_day.day) - julianday(episode_summary.first_day) AS INTEGER)"
    else:
        apart = "(episode_day.day - episode_summary.first_day)"  # whole days in PostgreSQL
    # Integer division of a number kept positive: floor division on both, as Python's for -1.
    week = literal_column(f"({apart} + {7 * _SHIFT}) / 7 - {_SHIFT}", Integer).label("week")
    weekly = (
        select(d.c.owner, week, func.sum(d.c.episodes))
        .join(s, s.c.owner == d.c.owner)
        .where(d.c.owner.in_(owners))
        .group_by(d.c.owner, week)
        .order_by(d.c.owner, week)
    )
    weeks: dict[int, list[tuple[int, int]]] = {}
    for owner, index, n in c.execute(weekly):
        weeks.setdefault(owner, []).append((int(index), int(n)))
    return {
        r.owner: Summary(zoned(r.first_at, r.first_offset_minutes),
                         zoned(r.last_at, r.last_offset_minutes), tuple(weeks.get(r.owner, ())),
                         r.first_day)
        for r in c.execute(select(s).where(s.c.owner.in_(owners)))
    }  # fmt: skip


_SHIFT = 1000
"""Weeks added before dividing, so the day difference is never negative."""


def before(c: Connection, cuts: Mapping[int, datetime], found: Mapping[int, Summary]
           ) -> dict[int, int]:  # fmt: skip
    """Each owner's live episodes that started before their cut, from their summary.

    An episode's day is less than a day from its UTC date, so a week ending over a day before
    the cut's UTC date lies wholly before the cut: those weeks' counts are added up; the few
    episodes after them (from a day before the next week's first day) are read in one
    statement and counted one by one."""
    if not cuts:
        return {}
    t = tables.episode
    counted: dict[int, int] = {}
    later: dict[int, date] = {}
    near = []
    for owner, cut in cuts.items():
        summary = found[owner]
        sure = ((utc(cut).date() - summary.first_day).days - 8) // 7  # the last week wholly before
        counted[owner] = sum(n for week, n in summary.weeks if week <= sure)
        later[owner] = summary.first_day + timedelta(weeks=sure + 1)
        since = datetime.combine(later[owner] - timedelta(days=1), time())
        near.append(select(t.c.owner, t.c.started_at, t.c.utc_offset_minutes).where(
            t.c.owner == owner, t.c.deleted_at.is_(None), t.c.started_at < utc(cut),
            t.c.started_at >= since,
        ))  # fmt: skip
    for owner, at, offset in c.execute(union_all(*near)):
        if stored_day(at, offset) >= later[owner]:
            counted[owner] += 1
    return counted

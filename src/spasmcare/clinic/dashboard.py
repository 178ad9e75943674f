"""The clinician's dashboard: their patients, the most urgent first.

Urgency, in order: a red flag in the last 30 days (the higher its disposition, the sooner),
episodes becoming more frequent (the insights' trend, when its interval is clear of no change),
then a check-in that is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from spasmcare.accounts.people import Person
from spasmcare.clinic.consent import Consents
from spasmcare.diary import actions
from spasmcare.diary.store import Store
from spasmcare.vocabulary import urgency

RECENT: Final = timedelta(days=30)
PAGE: Final = 100
"""Patients ranked at once: the ranking is exact within a page of this many."""


@dataclass(frozen=True)
class PatientRow:
    patient: Person
    disposition: str | None
    """Of the latest assessment within RECENT that raised a red flag."""
    red_flags: tuple[str, ...]
    worsening: bool
    overdue: bool
    last_episode: datetime | None

    @property
    def rank(self) -> tuple[int, int, int]:
        flag = urgency(self.disposition) + 1 if self.disposition and self.red_flags else 0
        return (flag, int(self.worsening), int(self.overdue))


def row_for(store: Store, patient: Person, now: datetime) -> PatientRow:
    from spasmcare.insights.wording import describe

    diary = store.as_owner(patient.id)
    latest = diary.latest_assessment()
    flags: tuple[str, ...] = ()
    disposition = None
    if latest is not None and latest.at >= now - RECENT:
        flags = tuple(
            str(f.get("title", f.get("id", ""))) for f in latest.result.get("red_flags", [])
        )
        disposition = str(latest.result.get("disposition", "")) or None
    episodes = diary.episodes()
    found = describe(episodes, now, diary.steps())
    halves = found.frequency.halves
    worsening = bool(halves and halves.ratio and halves.ratio.side(1.0) == 1)
    overdue = actions.due_assessment(diary, now) is not None
    last = episodes[0].started_at if episodes else None
    return PatientRow(patient, disposition, flags, worsening, overdue, last)


def patients(
    store: Store, consents: Consents, clinician: int, now: datetime, after: int = 0
) -> list[PatientRow]:
    """One page of the clinician's patients (ids after ``after``), most urgent first."""
    return page(store, consents, clinician, now, after)[0]


def page(
    store: Store, consents: Consents, clinician: int, now: datetime, after: int = 0,
    limit: int = PAGE,
) -> tuple[list[PatientRow], int | None]:  # fmt: skip
    """``limit`` of the clinician's patients (ids after ``after``), most urgent first, and the
    id the next page starts after (None when this is the last)."""
    people = consents.patients_of(clinician, after, limit + 1)
    found = [row_for(store, p, now) for p in people[:limit]]
    more = people[limit - 1].id if len(people) > limit else None
    return sorted(found, key=lambda r: r.rank, reverse=True), more

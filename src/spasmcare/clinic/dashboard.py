"""The clinician's dashboard: their patients, the most urgent first.

Urgency, in order: a red flag in the last 30 days (the higher its disposition, the sooner),
episodes becoming more frequent (the insights' trend, when its interval is clear of no change),
then a check-in that is overdue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from spasmcare.accounts.people import Person
from spasmcare.clinic.consent import Consents
from spasmcare.diary.store import Store
from spasmcare.insights import analysis
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


def rows_for(store: Store, patients: Sequence[Person], now: datetime) -> list[PatientRow]:
    """The dashboard's rows of ``patients``, from their episode summaries (kept up to date as
    episodes are written) and latest assessments: a few queries for the whole page, however
    long the diaries."""
    ids = [p.id for p in patients]
    found = store.summaries(ids)
    cuts = {o: analysis.diary_midpoint(s.first, now) for o, s in found.items()}
    before = store.counts_before(cuts, found)
    latest = store.latest_assessments(ids)
    made = []
    for patient in patients:
        summary = found.get(patient.id)
        assessment, answered = latest.get(patient.id, (None, False))
        flags: tuple[str, ...] = ()
        disposition = None
        if assessment is not None and assessment.at >= now - RECENT:
            flags = tuple(str(f.get("title", f.get("id", "")))
                          for f in assessment.result.get("red_flags", []))  # fmt: skip
            disposition = str(assessment.result.get("disposition", "")) or None
        worsening = False
        if summary is not None:
            halves = analysis.frequency_change(summary.weeks, summary.first,
                                               before.get(patient.id, 0), now)  # fmt: skip
            worsening = bool(halves.ratio and halves.ratio.side(1.0) == 1)
        overdue = (assessment is not None and not answered
                   and assessment.follow_up_due <= now)  # fmt: skip
        last = summary.last if summary is not None else None
        made.append(PatientRow(patient, disposition, flags, worsening, overdue, last))
    return made


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
    found = rows_for(store, people[:limit], now)
    more = people[limit - 1].id if len(people) > limit else None
    return sorted(found, key=lambda r: r.rank, reverse=True), more

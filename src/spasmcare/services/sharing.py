"""Sharing a diary beyond its owner: with a clinician who has consent, and with an electronic
health record through CDS Hooks.

``lookup`` finds, for an EHR's FHIR Patient id, the linked diary's latest assessment and the
diary rules that fire on it now; each lookup is written to the patient's audit log. The Patient
id is the one every FHIR export names (``spasmcare.services.exports.patient_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from spasmcare import clock
from spasmcare.accounts.people import People
from spasmcare.clinic.audit import Audit
from spasmcare.diary.follow_up import evaluate
from spasmcare.diary.person import known_person
from spasmcare.diary.store import Store
from spasmcare.diary.tables import LOCAL_OWNER
from spasmcare.result import FiredRedFlag, Result

ACTOR = "an electronic health record (CDS Hooks)"


@dataclass(frozen=True)
class LatestSummary:
    """The newest saved assessment of the diary linked to a FHIR Patient, and the diary rules
    that fired since (``spasmcare.diary.follow_up.Evaluation.reasons``)."""

    at: datetime
    result: Result
    diary_reasons: tuple[FiredRedFlag, ...] = ()
    case: Mapping[str, Any] | None = None
    """The saved case, so that the EHR's age and sex can fill what it does not know."""
    from_record: tuple[str, ...] = ()
    """What the EHR's record added to the pain-relief screen ("age 76"), said on the card."""

    @classmethod
    def of(
        cls,
        at: datetime,
        result: Result | Mapping[str, Any],
        diary_reasons: Iterable[FiredRedFlag] = (),
        case: Mapping[str, Any] | None = None,
    ) -> LatestSummary:
        """From a saved assessment, whose result is stored as its JSON."""
        found = result if isinstance(result, Result) else Result.model_validate(result)
        return cls(at, found, tuple(diary_reasons), case)


Lookup = Callable[[str], LatestSummary | None]
"""A FHIR Patient id -> the latest assessment of the diary linked to it (None: none)."""


def lookup(store: Store, people: People, audit: Audit, single_person: bool) -> Lookup:
    """The lookup for CDS Hooks: people by their FHIR id, or the single local diary."""

    def owner_of(patient_id: str) -> int | None:
        if single_person and store.settings.is_sqlite:
            from spasmcare.fhir.patient import ID_FILE, stored_id

            home = store.settings.home
            if (home / ID_FILE).is_file() and stored_id(home) == patient_id:
                return LOCAL_OWNER
        found = people.linked(patient_id)
        return found.id if found is not None else None

    def find(patient_id: str) -> LatestSummary | None:
        owner = owner_of(patient_id)
        if owner is None:
            return None
        diary = store.as_owner(owner)
        latest = diary.latest_assessment()
        if latest is None:
            return None
        now = clock.now()
        episodes = diary.episodes()
        reasons = []
        if episodes:
            person = known_person(diary.profile(), diary.assessments())
            found = evaluate(person, episodes, diary.checkins(), diary.steps(), now)
            reasons = found.reasons
        audit.record(owner, ACTOR, "read the latest assessment", now.replace(tzinfo=None))
        return LatestSummary.of(latest.at, latest.result, reasons, latest.case)

    return find

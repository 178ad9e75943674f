"""CDS Hooks' lookup: an EHR's FHIR Patient id -> the linked diary's latest assessment and the
diary rules that fire on it now. Each lookup is written to the patient's audit log."""

from __future__ import annotations

from datetime import UTC, datetime

from spasmcare.accounts.people import People
from spasmcare.api.cards import LatestSummary
from spasmcare.api.cds import Lookup
from spasmcare.clinic.audit import Audit
from spasmcare.diary.follow_up import evaluate
from spasmcare.diary.store import Store
from spasmcare.diary.tables import LOCAL_OWNER

ACTOR = "an electronic health record (CDS Hooks)"


def lookup(store: Store, people: People, audit: Audit, single_person: bool) -> Lookup:
    """The lookup for ``routers(lookup)``: people by their FHIR id, or the single local diary."""

    def owner_of(patient_id: str) -> int | None:
        if single_person and store.settings.is_sqlite:
            from spasmcare.fhir import stored_id

            if (store.settings.home / "fhir-patient-id").is_file() and stored_id(
                store.settings.home
            ) == patient_id:
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
        now = datetime.now(UTC)
        episodes = diary.episodes()
        reasons = []
        if episodes:
            found = evaluate(diary.profile(), episodes, diary.checkins(), diary.steps(), now)
            reasons = found.reasons
        audit.record(owner, ACTOR, "read the latest assessment", now.replace(tzinfo=None))
        return LatestSummary.of(latest.at, latest.result, reasons, latest.case)

    return find

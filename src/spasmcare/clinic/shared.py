"""A clinician's read of a patient's diary: only while the patient's consent stands, and written
to the patient's access log before anything is read."""

from __future__ import annotations

from datetime import datetime

from spasmcare.accounts.people import Person
from spasmcare.clinic.audit import Audit
from spasmcare.clinic.consent import Consents
from spasmcare.diary.store import Store


def actor(clinician: Person) -> str:
    """How the patient's access log names the clinician."""
    return f"{clinician.username} (clinician)"


def shared_diary(
    store: Store, consents: Consents, audit: Audit, clinician: Person, patient: int,
    action: str, now: datetime,
) -> Store | None:  # fmt: skip
    """The patient's diary, once ``action`` is in their access log; None unless ``clinician``
    is a clinician the patient shares with now (consent is read afresh on every call)."""
    if clinician.role != "clinician" or clinician.id == patient:
        return None
    if not consents.active(patient, clinician.id):
        return None
    audit.record(patient, actor(clinician), action, now)
    return store.as_owner(patient)

"""Consent: a patient shares their diary with a clinician until they revoke it.

Every check reads the table, so a revocation takes effect on the very next request of every
server process (nothing is cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import Engine, insert, select, update

from spasmcare.accounts.people import Person
from spasmcare.diary import database, tables

MAX_CLINICIANS: Final = 50
"""Clinicians one patient may share with at once."""


class ConsentError(ValueError):
    """A share that cannot be made, with a message safe to show."""


@dataclass(frozen=True)
class Share:
    clinician: Person
    granted_at: datetime


class Consents:
    """The consent table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def grant(self, patient: int, clinician: Person | None, now: datetime) -> None:
        if clinician is None or clinician.role != "clinician":
            raise ConsentError("There is no clinician with that email on this spasmcare.")
        if clinician.id == patient:
            raise ConsentError("You cannot share your diary with yourself.")
        if self.active(patient, clinician.id):
            return
        if len(self.clinicians_of(patient)) >= MAX_CLINICIANS:
            raise ConsentError(f"You share with {MAX_CLINICIANS} clinicians: stop one first.")
        with self.engine.begin() as c:
            row = {"patient": patient, "clinician": clinician.id, "granted_at": now}
            c.execute(insert(tables.consent), row)

    def revoke(self, patient: int, clinician: int, now: datetime) -> bool:
        t = tables.consent
        with self.engine.begin() as c:
            done = c.execute(
                update(t)
                .where(t.c.patient == patient, t.c.clinician == clinician, t.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        return done.rowcount > 0

    def active(self, patient: int, clinician: int) -> bool:
        t = tables.consent
        query = select(t.c.id).where(
            t.c.patient == patient, t.c.clinician == clinician, t.c.revoked_at.is_(None)
        )
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            return c.execute(query.limit(1)).first() is not None

    def clinicians_of(self, patient: int) -> list[Share]:
        t, p = tables.consent, tables.person
        query = (
            select(p.c.id, p.c.username, p.c.role, t.c.granted_at)
            .join(p, p.c.id == t.c.clinician)
            .where(t.c.patient == patient, t.c.revoked_at.is_(None))
            .order_by(t.c.granted_at)
            .limit(MAX_CLINICIANS)
        )
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            return [Share(Person(r.id, r.username, r.role), r.granted_at) for r in c.execute(query)]

    def patients_of(self, clinician: int, after: int = 0, limit: int = 50) -> list[Person]:
        """The patients sharing with this clinician, in order of id after ``after``."""
        t, p = tables.consent, tables.person
        query = (
            select(p.c.id, p.c.username, p.c.role)
            .join(p, p.c.id == t.c.patient)
            .where(t.c.clinician == clinician, t.c.revoked_at.is_(None), t.c.patient > after)
            .distinct()
            .order_by(p.c.id)
            .limit(limit)
        )
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            return [Person(r.id, r.username, r.role) for r in c.execute(query)]

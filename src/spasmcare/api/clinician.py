"""A clinician's read-only part of /api/v1: the patients who share their diary with them.

The same rules as the clinic dashboard: a patient is reachable only while their consent stands
(read afresh on every request, so a revocation applies at once), and every read is written to
the patient's access log. Only a clinician's read token may call these routes (403 otherwise),
so a token that reaches other people's data can never change anything. A patient who does not
share with the caller, or does not exist, is the same 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from spasmcare import clock
from spasmcare.accounts.people import People, Person
from spasmcare.accounts.tokens import Token
from spasmcare.api.deps import (
    CURSOR,
    EXPORTS,
    MAX_PAGE,
    PREFIX,
    EpisodePage,
    PersonServices,
    bearer,
    decode_cursor,
    encode_cursor,
    episode_page,
    record_id,
)
from spasmcare.api.problems import RESPONSES, ProblemRoute
from spasmcare.clinic import dashboard, shared
from spasmcare.clinic.audit import Audit
from spasmcare.clinic.consent import Consents
from spasmcare.diary.model import MAX_ID, Assessment
from spasmcare.services import exports, reports
from spasmcare.services.diary import Store

PatientId = Annotated[int, Path(ge=1, le=MAX_ID, description="The patient's id.")]
"""Ids are 32-bit integers in the database."""
PATIENT_CURSOR = r"^[0-9]{1,10}$"
_CALLERS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid access token (problem details)"},
    403: {"description": "Not a clinician's read token (problem details)"},
    429: {"description": "Too many requests for this token (problem details)"},
    **RESPONSES,
}
_ONE: dict[int | str, dict[str, Any]] = {
    **_CALLERS,
    404: {"description": "No such patient shares their diary with you (problem details)"},
}
NOT_SHARED = "There is no such patient among those sharing with you."


class PatientOut(BaseModel):
    id: int
    username: str
    disposition: str | None = Field(
        description="Of the latest assessment in the last 30 days that raised a red flag."
    )
    red_flags: list[str] = Field(description="The titles of that assessment's red flags.")
    worsening: bool = Field(description="Episodes are clearly becoming more frequent.")
    overdue: bool = Field(description="A follow-up check-in is overdue.")
    last_episode: datetime | None

    @classmethod
    def of(cls, row: dashboard.PatientRow) -> PatientOut:
        return cls(id=row.patient.id, username=row.patient.username,
                   disposition=row.disposition, red_flags=list(row.red_flags),
                   worsening=row.worsening, overdue=row.overdue,
                   last_episode=row.last_episode)  # fmt: skip


class PatientPage(BaseModel):
    patients: list[PatientOut] = Field(description="Most urgent first, within this page.")
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null: end.")


class AssessmentOut(BaseModel):
    id: int | None
    at: datetime
    episode_id: int | None
    knowledge_version: str
    case: dict[str, Any]
    result: dict[str, Any] = Field(description="As `spasmcare assess --json` gave it.")

    @classmethod
    def of(cls, a: Assessment) -> AssessmentOut:
        return cls(id=a.id, at=a.at, episode_id=a.episode_id,
                   knowledge_version=a.knowledge_version, case=a.case,
                   result=a.result)  # fmt: skip


class AssessmentPage(BaseModel):
    assessments: list[AssessmentOut] = Field(description="Latest first.")
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null: end.")


def router(services: PersonServices) -> APIRouter:
    """The clinician's routes of /api/v1."""
    api = APIRouter(prefix=PREFIX, tags=["Your patients"], route_class=ProblemRoute)
    engine = services.store.engine
    people, consents, audit = People(engine), Consents(engine), Audit(engine)
    token_of = Depends(bearer(services))

    def clinician_of(token: Token = token_of) -> Person:
        who = people.get(token.owner)
        if who is None or who.role != "clinician":
            raise HTTPException(403, "Only a clinician's access token may read patients' data.")
        if token.scope != "read":
            raise HTTPException(403, "Patients' data is read with a read token: make one.")
        return who

    clinician = Depends(clinician_of)

    def diary(who: Person, patient: int, action: str) -> Store:
        found = shared.shared_diary(
            services.store, consents, audit, who, patient, action, clock.stored_now()
        )
        if found is None:
            raise HTTPException(404, NOT_SHARED)
        return found

    @api.get("/patients", response_model=PatientPage, responses=_CALLERS,
             summary="Your patients")  # fmt: skip
    def list_patients(
        who: Person = clinician,
        limit: Annotated[int, Query(ge=1, le=dashboard.PAGE)] = dashboard.PAGE,
        cursor: Annotated[str | None, Query(pattern=PATIENT_CURSOR)] = None,
    ) -> PatientPage:
        """The patients sharing their diary with you, most urgent first as on the dashboard
        (recent red flags, more frequent episodes, an overdue check-in) within each page of
        ``limit``; follow ``next_cursor`` for more. Each patient's access log records it."""
        after = record_id(cursor) if cursor else 0
        rows, more = dashboard.page(services.store, consents, who.id, clock.now(), after, limit)
        seen = "saw the diary's summary in the patient list (API)"
        audit.record_each((r.patient.id for r in rows), shared.actor(who), seen, clock.stored_now())
        return PatientPage(
            patients=[PatientOut.of(r) for r in rows],
            next_cursor=str(more) if more is not None else None,
        )

    @api.get("/patients/{patient}/episodes", response_model=EpisodePage, responses=_ONE,
             summary="A patient's episodes")  # fmt: skip
    def patient_episodes(
        patient: PatientId,
        who: Person = clinician,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
        cursor: Annotated[str | None, Query(pattern=CURSOR)] = None,
    ) -> EpisodePage:
        """Episodes newest first, ``limit`` at a time; follow ``next_cursor`` for more."""
        return episode_page(diary(who, patient, "read the episodes (API)"), limit, cursor)

    @api.get("/patients/{patient}/assessments", response_model=AssessmentPage, responses=_ONE,
             summary="A patient's assessments")  # fmt: skip
    def patient_assessments(
        patient: PatientId,
        who: Person = clinician,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
        cursor: Annotated[str | None, Query(pattern=CURSOR)] = None,
    ) -> AssessmentPage:
        """Saved assessments latest first, ``limit`` at a time; follow ``next_cursor``."""
        found = list(reversed(diary(who, patient, "read the assessments (API)").assessments()))
        if cursor:
            at, ident = decode_cursor(cursor)
            found = [a for a in found if (a.at, a.id or 0) < (at, ident)]
        page = found[:limit]
        return AssessmentPage(
            assessments=[AssessmentOut.of(a) for a in page],
            next_cursor=encode_cursor(page[-1].at, page[-1].id) if len(found) > limit else None,
        )

    pdf: dict[int | str, dict[str, Any]] = {
        200: {"description": "The clinician report", "content": {"application/pdf": {}}}
    }

    @api.get("/patients/{patient}/report.pdf", responses={**_ONE, **pdf},
             response_class=Response, summary="A patient's clinician report")  # fmt: skip
    def patient_report(patient: PatientId, who: Person = clinician) -> Response:
        """The one-to-three-page PDF of the clinic dashboard, without the patient's name."""
        store = diary(who, patient, "downloaded the clinician report (API)")
        return Response(reports.pdf(store), media_type="application/pdf")

    fhir: dict[int | str, dict[str, Any]] = {
        200: {"description": "A FHIR R4 Bundle", "content": {EXPORTS["fhir"]: {}}}
    }

    @api.get("/patients/{patient}/fhir", responses={**_ONE, **fhir}, response_class=Response,
             summary="A patient's diary as FHIR")  # fmt: skip
    def patient_fhir(patient: PatientId, who: Person = clinician) -> Response:
        """Everything in the patient's diary as a FHIR R4 Bundle, as their own export."""
        store = diary(who, patient, "downloaded the diary as FHIR (API)")
        made = exports.export(store, "fhir")
        return Response(made.body, media_type=made.media_type)

    return api

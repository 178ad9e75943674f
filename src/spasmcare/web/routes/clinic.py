"""The clinician's pages: the dashboard of patients sharing with them, most urgent first, and
each patient's diary, assessments and report while consent stands (every view audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.clinic import dashboard
from spasmcare.diary import model
from spasmcare.web import context
from spasmcare.web.context import render, services
from spasmcare.web.routes.insights import download

router = APIRouter(prefix="/clinic")
EPISODES = 50
PatientId = Annotated[int, Path(ge=1, le=model.MAX_ID)]


@router.get("", response_class=HTMLResponse)
def dashboard_page(
    request: Request, after: Annotated[int, Query(ge=0, le=model.MAX_ID)] = 0
) -> HTMLResponse:
    who = context.signed_in(request)
    if who.role != "clinician":
        raise HTTPException(404, "The clinic dashboard is for clinicians.")
    web = services(request)
    rows = dashboard.patients(web.store, web.consents, who.id, clock.now(), after)
    more = max((r.patient.id for r in rows), default=None) if len(rows) == dashboard.PAGE else None
    return render(request, "clinic.html", {"rows": rows, "more": more})


@router.get("/patients/{patient}", response_class=HTMLResponse)
def patient_page(request: Request, patient: PatientId) -> HTMLResponse:
    store = context.shared_diary(request, patient, "viewed the diary and assessments")
    person = services(request).people.get(patient)
    assessments = store.assessments()[-10:]
    return render(request, "clinic_patient.html", {
        "patient": person, "profile": store.profile(), "episodes": store.episodes(limit=EPISODES),
        "total": store.count(), "assessments": list(reversed(assessments)),
    })  # fmt: skip


@router.get("/patients/{patient}/report.pdf")
def patient_report(request: Request, patient: PatientId) -> Response:
    from spasmcare.services import reports

    store = context.shared_diary(request, patient, "downloaded the clinician report")
    made = reports.pdf(store)
    return download(made, "application/pdf", "spasmcare-report.pdf")

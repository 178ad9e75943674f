"""Sharing the diary with clinicians (consent), and the log of who looked at it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.clinic.audit import PAGE
from spasmcare.clinic.consent import ConsentError
from spasmcare.diary import model
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services

router = APIRouter(prefix="/settings")


@router.get("/sharing", response_class=HTMLResponse)
def sharing_page(request: Request) -> HTMLResponse:
    who = context.signed_in(request)
    web = services(request)
    return render(request, "sharing.html", {
        "shares": web.consents.clinicians_of(who.id), "fhir_id": web.people.fhir_id(who.id),
    })  # fmt: skip


@router.post("/sharing")
async def invite(request: Request) -> Response:
    data = await context.form(request)
    who = context.signed_in(request)
    web = services(request)
    email = data.get("email")
    clinician = web.people.named(email) if isinstance(email, str) and email.strip() else None
    try:
        web.consents.grant(who.id, clinician, clock.stored_now())
    except ConsentError as error:
        flash(request, str(error), "warning")
        return redirect("/settings/sharing")
    assert clinician is not None
    flash(request, f"{clinician.username} can now see your diary, until you stop sharing.",
          "success")  # fmt: skip
    return redirect("/settings/sharing")


@router.post("/sharing/{clinician}/revoke")
async def revoke(
    request: Request, clinician: Annotated[int, Path(ge=1, le=model.MAX_ID)]
) -> Response:
    await context.form(request)
    who = context.signed_in(request)
    if not services(request).consents.revoke(who.id, clinician, clock.stored_now()):
        raise HTTPException(404, "You do not share your diary with that clinician.")
    flash(request, "Stopped sharing: they can no longer see your diary.", "success")
    return redirect("/settings/sharing")


@router.get("/access-log", response_class=HTMLResponse)
def access_log(
    request: Request, before: Annotated[int | None, Query(ge=1, le=model.MAX_ID)] = None
) -> HTMLResponse:
    who = context.signed_in(request)
    entries = services(request).audit.page(who.id, before)
    older = entries[-1].id if len(entries) == PAGE else None
    return render(request, "access_log.html", {"entries": entries, "older": older})

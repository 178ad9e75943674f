"""Sharing the diary with clinicians (consent), and the log of who looked at it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.clinic.audit import PAGE
from spasmcare.diary import model
from spasmcare.services.invitations import InvitationError, Sent
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services

router = APIRouter(prefix="/settings")


@router.get("/sharing", response_class=HTMLResponse)
def sharing_page(request: Request) -> HTMLResponse:
    return _page(request)


def _page(request: Request, sent: Sent | None = None, error: str | None = None) -> HTMLResponse:
    """Blocking (database): call it in a worker thread."""
    who = context.signed_in(request)
    web = services(request)
    return render(request, "sharing.html", {
        "shares": web.consents.clinicians_of(who.id), "fhir_id": web.people.fhir_id(who.id),
        "pending": web.invitations.pending(who.id, clock.stored_now()), "sent": sent,
        "error": error, "emailing": web.config.settings.smtp is not None,
    }, status=400 if error else 200)  # fmt: skip


@router.post("/sharing")
async def invite(request: Request) -> Response:
    """An invitation to the email, made alike whether or not it has an account."""
    data = await context.form(request)
    who = await run_in_threadpool(context.signed_in, request)
    email = data.get("email")
    try:
        sent = await run_in_threadpool(
            services(request).invitations.invite, who, email if isinstance(email, str) else "",
            str(request.base_url), clock.stored_now(),
        )  # fmt: skip
    except InvitationError as error:
        return await run_in_threadpool(_page, request, None, str(error))
    return await run_in_threadpool(_page, request, sent)


@router.post("/sharing/invitations/{ident}/cancel")
async def cancel(request: Request, ident: str) -> Response:
    await context.form(request)
    who = await run_in_threadpool(context.signed_in, request)
    if not await run_in_threadpool(services(request).invitations.cancel, who.id, ident):
        raise HTTPException(404, "There is no such invitation waiting.")
    flash(request, "Invitation cancelled: its link no longer works.", "success")
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

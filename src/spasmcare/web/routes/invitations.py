"""A clinician's side of an invitation: open the link, then accept it signed in with the
invited email, or create a clinician account for that email from the link itself."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.accounts.people import AccountError
from spasmcare.services.invitations import GONE, InvitationError
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services

router = APIRouter(prefix="/invitations")


def _page(request: Request, secret: str, error: str | None = None) -> HTMLResponse:
    if not context.multi_user(request):
        raise HTTPException(404, "This spasmcare runs for one person: nothing is shared.")
    found = services(request).invitations.open(secret, clock.stored_now())
    if found is None:
        raise HTTPException(404, GONE)
    return render(request, "invitation.html",
                  {"invitation": found, "secret": secret, "error": error},
                  status=400 if error else 200)  # fmt: skip


@router.get("/{secret}", response_class=HTMLResponse)
def invitation_page(request: Request, secret: str) -> HTMLResponse:
    return _page(request, secret)


@router.post("/{secret}/accept")
async def accept(request: Request, secret: str) -> Response:
    await context.form(request)
    who = await run_in_threadpool(context.signed_in, request)
    try:
        patient = await run_in_threadpool(
            services(request).invitations.accept, secret, who, clock.stored_now()
        )
    except InvitationError as error:
        return await run_in_threadpool(_page, request, secret, str(error))
    flash(request, f"{patient.username} now shares their diary with you.", "success")
    return redirect("/clinic")


@router.post("/{secret}/signup")
async def sign_up_and_accept(request: Request, secret: str) -> Response:
    """A clinician account for the invited email (never another), then the invitation."""
    data = await context.form(request)
    web = services(request)
    await run_in_threadpool(context.limit, request, "signin", context.address(request),
                            web.config.settings.limits.sign_in)  # fmt: skip
    now = clock.stored_now()
    found = await run_in_threadpool(web.invitations.open, secret, now)
    if found is None:
        raise HTTPException(404, GONE)
    password = data.get("password")
    try:
        entered = await context.hashing(web.accounts.sign_up, found.link.email,
                                        password if isinstance(password, str) else "", now,
                                        "clinician")  # fmt: skip
        patient = await run_in_threadpool(web.invitations.accept, secret, entered.person, now)
    except (AccountError, InvitationError) as error:
        return await run_in_threadpool(_page, request, secret, str(error))
    await run_in_threadpool(context.replace_session, request, entered.person.id)
    flash(request, f"Welcome. {patient.username} now shares their diary with you.", "success")
    response = redirect("/clinic")
    context.remember_device(request, response, entered.device)
    return response

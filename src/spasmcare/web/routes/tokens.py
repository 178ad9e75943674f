"""Personal access tokens for the API: make one (its text is shown once), list, revoke."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.accounts.tokens import SCOPES, TokenError
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services

router = APIRouter(prefix="/settings/tokens")


def _page(request: Request, made: str | None = None, error: str | None = None) -> HTMLResponse:
    owner = context.owner(request)
    found = services(request).tokens.of(owner)
    values = {"tokens": found, "made": made, "error": error, "scopes": SCOPES}
    return render(request, "tokens.html", values, status=400 if error else 200)


@router.get("", response_class=HTMLResponse)
def tokens_page(request: Request) -> HTMLResponse:
    return _page(request)


@router.post("")
async def create(request: Request) -> Response:
    data = await context.form(request)
    owner = context.owner(request)
    scope, name = data.get("scope"), data.get("name")
    try:
        _, text = services(request).tokens.create(
            owner, scope if isinstance(scope, str) else "", name if isinstance(name, str) else "",
            clock.stored_now(),
        )  # fmt: skip
    except TokenError as error:
        return _page(request, error=str(error))
    return _page(request, made=text)


@router.post("/{ident}/revoke")
async def revoke(request: Request, ident: str) -> Response:
    await context.form(request)
    try:
        services(request).tokens.revoke(context.owner(request), ident, clock.stored_now())
    except TokenError as error:
        flash(request, str(error), "warning")
        return redirect("/settings/tokens")
    flash(request, "Token revoked: it no longer works.", "success")
    return redirect("/settings/tokens")

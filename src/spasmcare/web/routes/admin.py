"""The admin's page of accounts (roles, disable, enable, remove, reset links), and the page a
reset link opens to set a new password."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.accounts.people import ROLES, AccountError, Person
from spasmcare.services.admin import RESET_GONE, ResetLink
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services

router = APIRouter()
PAGE = 100


def _admin(request: Request) -> Person:
    who = context.signed_in(request)
    if who.role != "admin":
        raise HTTPException(403, "Only an admin manages accounts.")
    return who


def _page(
    request: Request, after: int = 0, made: ResetLink | None = None, error: str | None = None
) -> HTMLResponse:
    """Blocking (database): call it in a worker thread."""
    who = _admin(request)
    people = services(request).admin.page(after, PAGE)
    more = people[-1].id if len(people) == PAGE else None
    return render(request, "admin_users.html", {
        "people": people, "me": who, "roles": ROLES, "more": more, "made": made, "error": error,
    }, status=400 if error else 200)  # fmt: skip


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, after: int = 0) -> HTMLResponse:
    return _page(request, max(0, min(after, 2**31 - 1)))


async def _act(request: Request, act: Callable[[Person, Any], str]) -> Response:
    data = await context.form(request)
    who = await run_in_threadpool(_admin, request)
    try:
        message = await run_in_threadpool(act, who, data)
    except AccountError as error:
        return await run_in_threadpool(_page, request, 0, None, str(error))
    flash(request, message, "success")
    return redirect("/admin/users")


@router.post("/admin/users/{ident}/role")
async def set_role(request: Request, ident: int) -> Response:
    def act(who: Person, data: Any) -> str:
        role = data.get("role")
        changed = services(request).admin.set_role(
            who, ident, role if isinstance(role, str) else ""
        )
        return f"{changed.username} now has the role {role}."

    return await _act(request, act)


@router.post("/admin/users/{ident}/disable")
async def disable(request: Request, ident: int) -> Response:
    def act(who: Person, _: Any) -> str:
        done = services(request).admin.disable(who, ident, clock.stored_now())
        return f"{done.username} is disabled: signed out everywhere, API tokens revoked."

    return await _act(request, act)


@router.post("/admin/users/{ident}/enable")
async def enable(request: Request, ident: int) -> Response:
    def act(who: Person, _: Any) -> str:
        return f"{services(request).admin.enable(who, ident).username} can sign in again."

    return await _act(request, act)


@router.post("/admin/users/{ident}/remove")
async def remove(request: Request, ident: int) -> Response:
    def act(who: Person, data: Any) -> str:
        if data.get("confirm") != "yes":
            raise AccountError("Nothing was removed: tick the box to confirm.")
        gone = services(request).admin.remove(who, ident)
        return f"{gone.username} and everything stored about them were removed."

    return await _act(request, act)


@router.post("/admin/users/{ident}/reset-link")
async def reset_link(request: Request, ident: int) -> Response:
    await context.form(request)
    who = await run_in_threadpool(_admin, request)
    admin = services(request).admin
    try:
        made = await run_in_threadpool(
            admin.reset_link, who, ident, str(request.base_url), clock.stored_now()
        )
    except AccountError as error:
        return await run_in_threadpool(_page, request, 0, None, str(error))
    return await run_in_threadpool(_page, request, 0, made)


def _reset_page(request: Request, secret: str, error: str | None = None) -> HTMLResponse:
    if not context.multi_user(request):
        raise HTTPException(404, "This spasmcare runs for one person: there are no passwords.")
    link = services(request).admin.reset_for(secret, clock.stored_now())
    if link is None:
        raise HTTPException(404, RESET_GONE)
    return render(request, "reset.html", {"email": link.email, "secret": secret, "error": error},
                  status=400 if error else 200)  # fmt: skip


@router.get("/reset/{secret}", response_class=HTMLResponse)
def reset_page(request: Request, secret: str) -> HTMLResponse:
    return _reset_page(request, secret)


@router.post("/reset/{secret}")
async def reset(request: Request, secret: str) -> Response:
    data = await context.form(request)
    password = data.get("password")
    try:
        who = await context.hashing(services(request).admin.reset_password, secret,
                                    password if isinstance(password, str) else "",
                                    clock.stored_now())  # fmt: skip
    except AccountError as error:
        return await run_in_threadpool(_reset_page, request, secret, str(error))
    await run_in_threadpool(context.replace_session, request, None)
    flash(request, f"Password set for {who.username}: sign in with it.", "success")
    return redirect("/signin")

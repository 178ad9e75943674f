"""Sign up, sign in and sign out (multi-user mode only)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.accounts.people import AccountError
from spasmcare.services.accounts import TryLater
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services

router = APIRouter()


def _only_multi_user(request: Request) -> None:
    if not context.multi_user(request):
        raise HTTPException(404, "This spasmcare runs for one person: no sign-in is needed.")


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str | None = None) -> HTMLResponse:
    _only_multi_user(request)
    return render(request, "signin.html", {"mode": "signin", "error": None, "username": "",
                                           "next": _next(next, None)})  # fmt: skip


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> HTMLResponse:
    _only_multi_user(request)
    return render(request, "signin.html", {"mode": "signup", "error": None, "username": ""})


@router.post("/signin")
async def signin(request: Request) -> Response:
    return await _enter(request, "signin")


@router.post("/signup")
async def signup(request: Request) -> Response:
    return await _enter(request, "signup")


async def _enter(request: Request, mode: str) -> Response:
    _only_multi_user(request)
    data = await context.form(request)
    web = services(request)
    await run_in_threadpool(context.limit, request, "signin", context.address(request),
                            web.config.settings.limits.sign_in)  # fmt: skip
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        raise HTTPException(400, "Enter your email and a password.")
    now, accounts = clock.stored_now(), web.accounts
    try:  # Argon2 and the database, off the event loop and a few at a time
        if mode == "signup":
            entered = await context.hashing(accounts.sign_up, username, password, now)
        else:
            device = request.cookies.get(context.DEVICE_COOKIE)
            entered = await context.hashing(
                accounts.sign_in, username, password, context.address(request), device, now
            )
    except AccountError as error:
        wait = error.seconds if isinstance(error, TryLater) else None
        values = {"mode": mode, "error": str(error), "username": username,
                  "next": _next(data.get("next"), None)}  # fmt: skip
        page = render(request, "signin.html", values, status=429 if wait else 400)
        if wait:
            page.headers["Retry-After"] = str(wait)
        return page
    await run_in_threadpool(context.replace_session, request, entered.person.id)
    flash(request, f"Signed in as {entered.person.username}.", "success")
    response = redirect(_next(data.get("next")) or "/diary")
    context.remember_device(request, response, entered.device)
    return response


def _next(target: object, default: str | None = "/diary") -> str | None:
    """Where to go after signing in: a path on this site only (never another site)."""
    if isinstance(target, str) and target.startswith("/") and target[1:2] not in ("/", "\\"):
        return target
    return default


@router.post("/signout")
async def signout(request: Request) -> Response:
    await context.form(request)
    await run_in_threadpool(context.replace_session, request, None)
    flash(request, "Signed out.", "success")
    return redirect("/")


@router.post("/signout/everywhere")
async def signout_everywhere(request: Request) -> Response:
    """End every session of this person, on every device, this one included."""
    await context.form(request)
    who = await run_in_threadpool(context.signed_in, request)
    ended = await run_in_threadpool(services(request).accounts.sign_out_everywhere, who.id)
    await run_in_threadpool(context.replace_session, request, None)
    flash(request, f"Signed out everywhere ({ended} session{'s' if ended != 1 else ''} ended).",
          "success")  # fmt: skip
    return redirect("/signin")


@router.post("/settings/password")
async def change_password(request: Request) -> Response:
    """A new password; every other session of the account ends, this browser gets a new one."""
    data = await context.form(request)
    who = await run_in_threadpool(context.signed_in, request)
    current, new = data.get("current_password"), data.get("new_password")
    if not isinstance(current, str) or not isinstance(new, str) or not new:
        flash(request, "new_password: enter your current password and a new one.", "warning")
        return redirect("/settings#account")
    try:
        ended = await context.hashing(services(request).accounts.change_password, who.id,
                                      current, new)  # fmt: skip
    except AccountError as error:
        flash(request, str(error), "warning")
        return redirect("/settings#account")
    await run_in_threadpool(context.replace_session, request, who.id)
    others = ended - 1
    flash(request, f"Password changed. Signed out everywhere else ({others} other session"
          f"{'s' if others != 1 else ''} ended).", "success")  # fmt: skip
    return redirect("/settings#account")

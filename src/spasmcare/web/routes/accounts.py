"""Sign up, sign in and sign out (multi-user mode only)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.accounts.people import AccountError
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services

router = APIRouter()


def _only_multi_user(request: Request) -> None:
    if not context.multi_user(request):
        raise HTTPException(404, "This spasmcare runs for one person: no sign-in is needed.")


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> HTMLResponse:
    _only_multi_user(request)
    return render(request, "signin.html", {"mode": "signin", "error": None, "username": ""})


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
    limits = services(request).config.settings.limits
    await run_in_threadpool(context.limit, request, "signin", context.address(request),
                            limits.sign_in)  # fmt: skip
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        raise HTTPException(400, "Enter a username and a password.")
    people = services(request).people
    enter = people.sign_up if mode == "signup" else people.sign_in
    try:  # Argon2, off the event loop and a few at a time
        who = await context.hashing(enter, username, password, clock.stored_now())
    except AccountError as error:
        return render(request, "signin.html", {"mode": mode, "error": str(error),
                                               "username": username}, status=400)  # fmt: skip
    await run_in_threadpool(context.replace_session, request, who.id)
    flash(request, f"Signed in as {who.username}.", "success")
    return redirect("/diary")


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
    ended = await run_in_threadpool(services(request).sessions.end_all, who.id)
    await run_in_threadpool(context.replace_session, request, None)
    flash(request, f"Signed out everywhere ({ended} session{'s' if ended != 1 else ''} ended).",
          "success")  # fmt: skip
    return redirect("/signin")

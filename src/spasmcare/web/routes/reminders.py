"""Reminders: the settings page that makes and revokes a private calendar address, and the
calendar feed itself at /calendar/<address>.ics (no session: a calendar app keeps no cookie)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.services import reminders
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render

router = APIRouter()
MEDIA_TYPE = "text/calendar; charset=utf-8"


def _page(request: Request, made: str | None = None, error: str | None = None) -> HTMLResponse:
    store = context.diary(request)
    address = None
    if made is not None:
        address = str(request.url_for("calendar_feed", address=made))
    values = {"feed": reminders.current(store), "address": address, "error": error,
              "subscribe": address and "webcal://" + address.split("://", 1)[1]}  # fmt: skip
    return render(request, "reminders.html", values, status=400 if error else 200)


@router.get("/settings/reminders", response_class=HTMLResponse)
def reminders_page(request: Request) -> HTMLResponse:
    return _page(request)


@router.post("/settings/reminders")
async def create(request: Request) -> Response:
    data = await context.form(request)
    title, daily = data.get("title"), data.get("daily_at")
    daily_at = daily.strip() if isinstance(daily, str) and daily.strip() else None
    try:
        made = reminders.create(
            context.diary(request), title if isinstance(title, str) else "", daily_at,
            clock.stored_now(),
        )  # fmt: skip
    except reminders.FeedError as error:
        return _page(request, error=str(error))
    return _page(request, made=made)


@router.post("/settings/reminders/revoke")
async def revoke(request: Request) -> Response:
    await context.form(request)
    if reminders.revoke(context.diary(request), clock.stored_now()):
        flash(request, "Calendar address revoked: calendars using it get nothing more.", "success")
    else:
        flash(request, "There was no calendar address to revoke.", "warning")
    return redirect("/settings/reminders")


@router.get("/calendar/{address}.ics", name="calendar_feed")
async def calendar_feed(request: Request, address: str) -> Response:
    store = context.services(request).store
    body = await run_in_threadpool(reminders.feed, store, address, clock.now())
    if body is None:
        raise HTTPException(404, "There is no such calendar.")
    return Response(body, media_type=MEDIA_TYPE)

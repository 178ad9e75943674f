"""Settings: the profile every assessment reuses, export everything, delete everything."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from spasmcare import vocabulary as v
from spasmcare.diary import model
from spasmcare.errors import form_message
from spasmcare.services.assessments import unrecognised
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render

router = APIRouter(prefix="/settings")


@router.get("", response_class=HTMLResponse)
def settings_page(request: Request) -> HTMLResponse:
    profile = context.diary(request).profile() or model.Profile()
    return _page(request, profile)


def _page(request: Request, profile: model.Profile, error: str | None = None) -> HTMLResponse:
    services = context.services(request)
    settings = services.config.settings
    unknown = unrecognised(services.kb, profile.as_json())
    return render(request, "settings.html", {
        "p": profile, "sexes": v.SEXES, "error": error, "unrecognised": unknown,
        "idle_minutes": settings.session_idle_minutes, "session_hours": settings.session_hours,
    }, status=400 if error else 200)  # fmt: skip


@router.post("/profile")
async def save_profile(request: Request) -> Response:
    data = await context.form(request)
    store = context.diary(request)

    def text(name: str) -> str:
        value = data.get(name)
        return value.strip() if isinstance(value, str) else ""

    pregnant = {"yes": True, "no": False}.get(text("pregnant"))
    raw = {
        "age": text("age") or None,
        "sex": text("sex") or None,
        "pregnant": pregnant,
        "medications": [n.strip() for n in text("medications").split(",") if n.strip()],
        "conditions": [n.strip() for n in text("conditions").split(",") if n.strip()],
    }
    try:
        profile = model.profile(raw)
    except model.InvalidValue as error:
        message = f"{error.field}: {form_message(error)}"
        return _page(request, store.profile() or model.Profile(), message)
    store.save_profile(profile)
    flash(request, "Profile saved. New assessments will use it.", "success")
    return redirect("/settings")


@router.post("/forget")
async def forget(request: Request) -> Response:
    data = await context.form(request)
    if data.get("confirm") != "yes":
        flash(request, "Nothing was deleted: tick the box to confirm.", "warning")
        return redirect("/settings")
    store = context.diary(request)
    store.forget()
    s = context.session(request)
    s.data.clear()
    s.changed = True
    if context.multi_user(request) and s.person_id is not None:
        context.services(request).people.remove(s.person_id)
        await run_in_threadpool(context.replace_session, request, None)
        flash(request, "Your account and everything stored about you were deleted.", "success")
        return redirect("/")
    flash(request, "Everything stored about you was deleted.", "success")
    return redirect("/settings")

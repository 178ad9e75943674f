"""The diary: quick logging (the last episode carried forward), list, edit, delete with undo,
check-ins when due, and the diary rules' advice to see a doctor."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from spasmcare import clock
from spasmcare import vocabulary as v
from spasmcare.diary import model
from spasmcare.errors import form_message
from spasmcare.services import diary as actions
from spasmcare.services.diary import NotFound, Outcome
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services
from spasmcare.wording import reasons

router = APIRouter(prefix="/diary")
PAGE = 50


def _regions(request: Request) -> list[tuple[str, str]]:
    kb = services(request).kb
    return [(r, kb.label("region", r)) for r in v.REGIONS]


def _raw(data: FormData) -> dict[str, Any]:
    """The episode's plain values from the form (blank fields: not known)."""

    def text(name: str) -> str:
        value = data.get(name)
        return value.strip() if isinstance(value, str) else ""

    def listed(name: str) -> list[str]:
        return [t.strip() for t in text(name).split(",") if t.strip()]

    when = text("started_at")
    return {
        "started_at": when or clock.now(),
        "region": text("region") or None,
        "side": text("side") or None,
        "severity": text("severity") or None,
        "duration_minutes": text("duration_minutes") or None,
        "triggers": listed("triggers"),
        "helped": listed("helped"),
        "notes": text("notes"),
    }


def _advice(request: Request, outcome: Outcome) -> None:
    evaluation = outcome.evaluation
    if evaluation is None:
        return
    kb = services(request).kb
    about = f"About your episode of {_when_and_what(kb, evaluation.episode)}. "
    for flag in evaluation.reasons:
        cited = [kb.sources[s] for s in flag.sources if s in kb.sources]
        flash(
            request, f"{about}{flag.title}: {flag.action}", "warning", why=flag.explanation,
            because=reasons.sentences(kb, flag.because),
            sources=[{"title": s.title, "url": s.url} for s in cited],
        )  # fmt: skip
    if evaluation.result.failsafe:
        flash(request, "spasmcare could not check your diary: contact a clinician if worried.",
              "warning")  # fmt: skip


def _when_and_what(kb: Any, e: model.Episode) -> str:
    """An episode as the advice names it: "02 Mar 2026, 03:10 (calf, 15 min)"."""
    what = [kb.label("region", e.region)]
    if e.duration_minutes is not None:
        what.append(f"{e.duration_minutes:g} min")
    return f"{e.started_at:%d %b %Y, %H:%M} ({', '.join(what)})"


@router.get("", response_class=HTMLResponse)
def diary_page(request: Request) -> HTMLResponse:
    store = context.diary(request)
    episodes = store.episodes(limit=PAGE)
    due = actions.due_assessment(store, clock.now())
    last = store.last_logged()  # the form starts from the episode just logged
    return render(request, "diary.html", {
        "episodes": episodes, "last": last, "due": due, "regions": _regions(request),
        "sides": v.SIDES, "total": store.count(), "form": None, "errors": {},
    })  # fmt: skip


@router.post("/log")
async def log(request: Request) -> Response:
    data = await context.form(request)
    store = context.diary(request)
    now = clock.now()
    try:
        episode = model.episode(_raw(data), now)
    except model.InvalidValue as error:
        return _form_error(request, "diary.html", error, data, status=400)
    saved, outcome = actions.log_episode(store, episode, now)
    flash(request, f"Episode saved ({saved.started_at:%d %b %Y, %H:%M}).", "success")
    _advice(request, outcome)
    return redirect("/diary")


def _form_error(
    request: Request, template: str, error: model.InvalidValue, data: FormData, status: int,
    **extra: Any,
) -> Response:  # fmt: skip
    store = context.diary(request)
    episodes = store.episodes(limit=PAGE)
    return render(request, template, {
        "episodes": episodes, "last": store.last_logged(), "due": None,
        "regions": _regions(request), "sides": v.SIDES, "total": store.count(),
        "form": {k: str(x) for k, x in data.items()},
        "errors": {error.field: form_message(error)},
        **extra,
    }, status=status)  # fmt: skip


def _episode(request: Request, ident: int) -> model.Episode:
    try:
        return context.diary(request).episode(ident)
    except NotFound:
        raise HTTPException(404, "There is no such episode in your diary.") from None


@router.get("/{ident}/edit", response_class=HTMLResponse)
def edit_page(request: Request, ident: int) -> HTMLResponse:
    e = _episode(request, ident)
    return render(request, "episode_edit.html", {
        "e": e, "regions": _regions(request), "sides": v.SIDES, "errors": {}, "form": None,
    })  # fmt: skip


@router.post("/{ident}/edit")
async def edit(request: Request, ident: int) -> Response:
    data = await context.form(request)
    old = _episode(request, ident)
    try:
        raw = {**_raw(data), "id": ident, "associated": old.associated}
        # Unchanged fields keep what the form cannot show: the zone, and how much things helped.
        if data.get("started_at") == old.started_at.strftime("%Y-%m-%dT%H:%M"):
            raw["started_at"] = old.started_at
        if raw["helped"] == [h.what for h in old.helped]:
            raw["helped"] = [h.as_json() for h in old.helped]
        new = model.episode(raw, clock.now())
    except model.InvalidValue as error:
        return render(request, "episode_edit.html", {
            "e": old, "regions": _regions(request), "sides": v.SIDES,
            "form": {k: str(x) for k, x in data.items()},
            "errors": {error.field: form_message(error)},
        }, status=400)  # fmt: skip
    context.diary(request).replace_episode(new)
    flash(request, "Episode updated.", "success")
    return redirect("/diary")


@router.post("/{ident}/delete")
async def delete(request: Request, ident: int) -> Response:
    await context.form(request)
    _episode(request, ident)
    context.diary(request).delete_episode(ident)
    flash(request, "Episode deleted.", "undo")
    return redirect("/diary")


@router.post("/undo")
async def undo(request: Request) -> Response:
    await context.form(request)
    back = context.diary(request).undo_delete()
    flash(request, "Episode restored." if back else "Nothing to undo.", "success")
    return redirect("/diary")


@router.post("/checkin")
async def checkin(request: Request) -> Response:
    data = await context.form(request)
    store = context.diary(request)
    try:
        answer = model.checkin_answer(data.get("answer"))
    except model.InvalidValue:
        flash(request, "Choose better, the same or worse.", "warning")
        return redirect("/diary")
    note = data.get("note")
    _, outcome = actions.check_in(store, answer, note if isinstance(note, str) else "",
                                  clock.now())  # fmt: skip
    flash(request, "Thank you: your check-in is saved.", "success")
    _advice(request, outcome)
    return redirect("/diary")

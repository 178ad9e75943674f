"""The diary: quick logging (the last episode carried forward), list, edit, delete with undo,
check-ins when due, and the diary rules' advice to see a doctor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
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
HELPED_ROWS = 3
"""Rows for things tried on a new episode (an edit shows one more than the episode has)."""
HOW_MUCH = (("not_at_all", "Not at all"), ("a_little", "A little"), ("a_lot", "A lot"))
REMEDIES = ("stretching", "walking", "massage", "heat", "flexing the foot", "a warm bath",
            "drinking water", "rest")  # fmt: skip
"""Suggestions offered as the person types (any other text is kept as typed)."""


def _regions(request: Request) -> list[tuple[str, str]]:
    kb = services(request).kb
    return [(r, kb.label("region", r)) for r in v.REGIONS]


def _fields(request: Request, rows: list[tuple[str, str | None]]) -> dict[str, Any]:
    """What the episode form needs besides the values: the choices, and the rows of things
    tried (padded with empty ones)."""
    padded = rows + [("", None)] * max(1 if rows else 0, HELPED_ROWS - len(rows))
    return {"regions": _regions(request), "sides": v.SIDES, "how_much": HOW_MUCH,
            "remedies": REMEDIES, "helped_rows": padded}  # fmt: skip


def _sent_rows(data: FormData) -> list[tuple[str, str | None]]:
    """The rows of things tried as the form sent them (to show them again)."""
    rows = []
    for n in range(_row_count(data)):
        what, how = data.get(f"helped-what-{n}"), data.get(f"helped-how-{n}")
        rows.append((what if isinstance(what, str) else "", how if isinstance(how, str) else None))
    return [r for r in rows if r[0].strip() or r[1]]


def _row_count(data: FormData) -> int:
    return sum(1 for key in data if key.startswith("helped-what-"))


def _helped(data: FormData) -> list[Any]:
    """Things tried: each row's text with how much it helped (blank: not said), and any plain
    comma-separated "helped" field."""
    found: list[Any] = []
    for what, how in _sent_rows(data):
        if what.strip():
            found.append({"what": what.strip(), "how_much": how or None})
        elif how:
            found.append({"what": "", "how_much": how})  # rated but unnamed: explained
    plain = data.get("helped")
    if isinstance(plain, str):
        found += [t.strip() for t in plain.split(",") if t.strip()]
    return found


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
        "helped": _helped(data),
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
    return render(request, "diary.html", {
        "episodes": episodes, "last": store.last_logged(), "due": due,
        "total": store.count(), "form": None,
        "errors": {}, **_fields(request, []),
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
        "total": store.count(), **_fields(request, _sent_rows(data)),
        "form": {k: str(x) for k, x in data.items()},
        "errors": {error.field: form_message(error)},
        **extra,
    }, status=status)  # fmt: skip


Ident = Annotated[int, Path(ge=1, le=model.MAX_ID)]
"""An episode's id in a page's address (larger ones cannot exist)."""


def _episode(request: Request, ident: int) -> model.Episode:
    try:
        return context.diary(request).episode(ident)
    except NotFound:
        raise HTTPException(404, "There is no such episode in your diary.") from None


@router.get("/{ident}/edit", response_class=HTMLResponse)
def edit_page(request: Request, ident: Ident) -> HTMLResponse:
    e = _episode(request, ident)
    rows = [(h.what, h.how_much) for h in e.helped]
    return render(request, "episode_edit.html", {
        "e": e, "errors": {}, "form": None, **_fields(request, rows),
    })  # fmt: skip


@router.post("/{ident}/edit")
async def edit(request: Request, ident: Ident) -> Response:
    data = await context.form(request)
    old = _episode(request, ident)
    try:
        raw = {**_raw(data), "id": ident, "associated": old.associated}
        # An unchanged time keeps what the form cannot show: the zone it was recorded in.
        if data.get("started_at") == old.started_at.strftime("%Y-%m-%dT%H:%M"):
            raw["started_at"] = old.started_at
        new = model.episode(raw, clock.now())
    except model.InvalidValue as error:
        return render(request, "episode_edit.html", {
            "e": old, **_fields(request, _sent_rows(data)),
            "form": {k: str(x) for k, x in data.items()},
            "errors": {error.field: form_message(error)},
        }, status=400)  # fmt: skip
    context.diary(request).replace_episode(new)
    flash(request, "Episode updated.", "success")
    return redirect("/diary")


@router.post("/{ident}/delete")
async def delete(request: Request, ident: Ident) -> Response:
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
    raw = data.get("note")
    try:
        note = model.note("note", raw if isinstance(raw, str) else "")
    except model.InvalidValue as error:
        flash(request, f"Your check-in is not saved: the note must be {error.allowed}.", "warning")
        return redirect("/diary")
    _, outcome = actions.check_in(store, answer, note, clock.now())
    flash(request, "Thank you: your check-in is saved.", "success")
    _advice(request, outcome)
    return redirect("/diary")

"""The assessment: one question per page, Back and Change, then the result and saving it.

Answers live in the server-side session. Any internal error shows the fail-safe advice
(contact a clinician), never self-care.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.engine.assess import failsafe
from spasmcare.errors import form_message
from spasmcare.result import Result
from spasmcare.services import assessments as interview
from spasmcare.services import interview_length as length
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render, services, session
from spasmcare.web.results import result_view

router = APIRouter(prefix="/assess")
log = logging.getLogger(__name__)
KEY = "interview"

FRONT = ("head", "face", "jaw", "neck", "shoulder", "chest", "abdomen", "hip", "groin", "arm",
         "forearm", "hand", "thigh", "knee", "shin", "foot")  # fmt: skip
BACK = ("upper_back", "lower_back", "flank", "buttock", "calf")
GENERAL = ("legs", "whole_body")


def failsafe_page(request: Request) -> HTMLResponse:
    """The result page for an assessment that could not be completed."""
    result = failsafe(None, [])
    return render(request, "result.html", result_view(services(request).kb, result, []))


def failing_safe(page: Callable[..., Any]) -> Callable[..., Any]:
    """Turn any internal error in an assessment page into the fail-safe advice."""

    @wraps(page)
    async def guarded(request: Request) -> Response:
        try:
            response: Response = await page(request)
            return response
        except HTTPException:
            raise
        except Exception as error:
            log.error("assessment page failed: %s", type(error).__name__)
            return failsafe_page(request)

    return guarded


def _state(request: Request) -> interview.State:
    raw = session(request).data.get(KEY)
    if raw is None:
        return _new_state(request)
    state = interview.State.of(raw)  # None: kept by an older version, so start again
    return state if state is not None else _new_state(request)


def _new_state(request: Request) -> interview.State:
    profile = None
    if not context.multi_user(request) or session(request).person_id is not None:
        profile = context.diary(request).profile()
    return interview.State.start(profile)


def _keep(request: Request, state: interview.State, result: Result | None = None) -> None:
    s = session(request)
    s.data[KEY] = state.as_json()
    if result is None:
        s.data.pop("result", None)
        s.data.pop("saved", None)
    else:
        s.data["result"] = result.as_json()
    s.changed = True


@router.post("/start")
@failing_safe
async def start(request: Request) -> Response:
    await context.form(request)
    _keep(request, _new_state(request))
    return redirect("/assess")


@router.get("", response_class=HTMLResponse)
@failing_safe
async def question_page(request: Request) -> Response:
    state = _state(request)  # a fresh interview is kept from its first answer, not before
    question = state.current(services(request).kb)
    if question is None:
        return redirect("/assess/result")
    return _question(request, state, question)


def _question(
    request: Request, state: interview.State, q: Any, error: str | None = None, status: int = 200,
    typed: list[str] | None = None,
) -> HTMLResponse:  # fmt: skip
    """The question's page; after a bad answer, ``typed`` is what was sent, shown again."""
    kb = services(request).kb
    blocks = list(interview.BLOCKS)
    answers, counted = state.answers(kb), state.counted(kb)
    first = q.type == "region" and answers.get("region") is None
    estimate = length.estimate(kb, state.base) if first else None
    values: dict[str, Any] = {
        "estimate": estimate.words if estimate else None,
        "answered": len(counted),
        "total": (
            f"{estimate.fewest} to {estimate.most}"
            if estimate
            else len(counted) + length.left(kb, answers, {g.question for g in counted})
        ),
        "total_max": estimate.most if estimate else None,
        "q": q,
        "error": error,
        "number": state.number(kb, q),
        "part": blocks.index(q.block) + 1,
        "parts": len(blocks),
        "part_name": interview.BLOCKS[q.block],
        "can_go_back": state.can_go_back(kb),
        "filled": state.filled(q) if typed is None else typed,
        "help": _help(kb, q),
        "allowed": interview.allowed(q) if q.type == "number" else "",
        "on_scale": interview.on_scale(q),
        "checklist": interview.checklist(q) if q.type == "multi_choice" else [],
        "regions": {
            "Front of the body": [(r, kb.label("region", r)) for r in FRONT],
            "Back of the body": [(r, kb.label("region", r)) for r in BACK],
            "More than one place": [(r, kb.label("region", r)) for r in GENERAL],
        },
    }
    return render(request, "question.html", values, status=status)


def _help(kb: Any, q: Any) -> str | None:
    """The question's help, naming a region as its choice reads ("legs": "Both legs
    generally"), so the words to look for are the ones on the page."""
    text: str | None = q.help
    if text and q.type == "region":
        for region in (*FRONT, *BACK, *GENERAL):
            text = text.replace(f'"{region}"', f'"{kb.label("region", region)}"')
    return text


@router.post("/answer")
@failing_safe
async def answer_page(request: Request) -> Response:
    data = await context.form(request)
    kb = services(request).kb
    state = _state(request)
    question = state.current(kb)
    if question is None:
        return redirect("/assess/result")
    if data.get("question") != question.id:  # a stale page (e.g. after Back in the browser)
        return redirect("/assess")
    if data.get("action") == "back":
        state.back(kb)
        _keep(request, state)
        return redirect("/assess")
    try:
        value, shown = interview.parse(kb, question, [str(v) for v in data.getlist("value")])
    except interview.AnswerError as error:
        sent = [str(v) for v in data.getlist("value")]
        return _question(request, state, question, form_message(error), 400, sent)
    state.apply(kb, question, value, shown, [str(v) for v in data.getlist("value")])
    _keep(request, state)
    return redirect("/assess" if state.current(kb) else "/assess/result")


@router.post("/back")
@failing_safe
async def back(request: Request) -> Response:
    data = await context.form(request)
    state = _state(request)
    to = data.get("question")
    state.back(services(request).kb, to if isinstance(to, str) else None)
    _keep(request, state)
    return redirect("/assess")


@router.get("/result", response_class=HTMLResponse)
@failing_safe
async def result_page(request: Request) -> Response:
    kb = services(request).kb
    s = session(request)
    if KEY not in s.data:
        return redirect("/assess")
    state = _state(request)
    if state.current(kb) is not None:
        return redirect("/assess")
    if "result" in s.data:
        result = Result.model_validate(s.data["result"])
    else:
        result = interview.result_of(kb, state.answers(kb))
        _keep(request, state, result)
    unknown = interview.unrecognised(kb, state.answers(kb))
    view = result_view(kb, result, state.history(kb), bool(s.data.get("saved")), unknown)
    return render(request, "result.html", view)


@router.post("/save")
@failing_safe
async def save(request: Request) -> Response:
    await context.form(request)
    s = session(request)
    if "result" not in s.data:
        return redirect("/assess")
    answers = _state(request).answers(services(request).kb)
    interview.save(context.diary(request), answers, s.data["result"], clock.now())
    s.data["saved"] = True
    s.changed = True
    flash(request, "Saved to your diary: the episode and this assessment.", "success")
    return redirect("/assess/result")

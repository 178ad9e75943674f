"""The person-scoped part of /api/v1: the diary of whoever holds the access token.

Every route needs ``Authorization: Bearer spc_...`` (a personal access token, also in
single-person mode): read tokens may GET, write tokens may also POST and PATCH. Each token is
rate-limited on its own, in the shared counter, so every server process counts the same hits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from spasmcare import clock
from spasmcare import vocabulary as v
from spasmcare.accounts.tokens import Token
from spasmcare.api.deps import (
    CURSOR,
    EPOCH,
    EXPORTS,
    MAX_PAGE,
    PREFIX,
    EpisodePage,
    PersonServices,
    bearer,
    episode_page,
)
from spasmcare.api.problems import (
    RESPONSES,
    ApiJSON,
    ProblemRoute,
    problem_of,
)
from spasmcare.diary import model
from spasmcare.kb.load import load_default
from spasmcare.services import diary as actions
from spasmcare.services import exports
from spasmcare.services import insights as diary_insights
from spasmcare.services.diary import Outcome, Store
from spasmcare.wording.reasons import sentences

_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid access token (problem details)"},
    403: {"description": "The token's scope does not allow this (problem details)"},
    429: {"description": "Too many requests for this token (problem details)"},
    **RESPONSES,
}


Word = Annotated[str, Field(min_length=1, max_length=100, pattern=r"\S")]
"""A short non-blank text: a trigger, a remedy, a medicine."""


def _iso_text(raw: object) -> object:
    """Only ISO 8601 text is a time here: numbers, true and "5" are refused, not converted."""
    if raw is None or isinstance(raw, datetime):
        return raw
    if not isinstance(raw, str):
        raise ValueError("must be a date and time in ISO 8601 text, e.g. 2024-05-01T22:30Z")
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError("must be a date and time in ISO 8601, e.g. 2024-05-01T22:30Z") from None


class EpisodeIn(BaseModel):
    """An episode to log; blank fields are not known."""

    model_config = ConfigDict(extra="forbid", strict=True)

    started_at: Annotated[datetime | None, BeforeValidator(_iso_text)] = Field(
        None,
        strict=False,
        description="ISO 8601 with a zone, from 1970 on and not in the future; now when left out.",
    )
    region: str = Field(max_length=32, json_schema_extra={"enum": list(v.REGIONS)})
    side: str | None = Field(None, json_schema_extra={"enum": [*v.SIDES, None]})
    severity: int | None = Field(None, ge=0, le=10)
    duration_minutes: float | None = Field(None, ge=0, le=100_000)
    triggers: list[Word] = Field(default_factory=list, max_length=50)
    helped: list[Word] = Field(default_factory=list, max_length=50)
    notes: str = Field("", max_length=model.NOTE_MAX)


class Advice(BaseModel):
    """A diary rule that says to see a doctor, with its reason and sources."""

    id: str
    title: str
    disposition: str
    action: str
    explanation: str
    sources: list[str]
    episode_id: int | None = Field(None, description="The episode the advice is about.")
    because: str = Field("", description="What in the diary led to it, in sentences.")


class Saved(BaseModel):
    record: dict[str, Any]
    advice: list[Advice]


class ProfileIn(BaseModel):
    """Fields to change; fields left out keep their value."""

    model_config = ConfigDict(extra="forbid", strict=True)

    age: int | None = Field(None, ge=0, le=120)
    sex: str | None = Field(None, json_schema_extra={"enum": [*v.SEXES, None]})
    pregnant: bool | None = None
    medications: list[Word] | None = Field(None, max_length=50)
    conditions: list[Word] | None = Field(None, max_length=50)


class CheckInIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    answer: Literal["better", "same", "worse"]
    note: str = Field("", max_length=model.NOTE_MAX)


def _advice(outcome: Outcome) -> list[Advice]:
    if outcome.evaluation is None:
        return []
    kb = load_default()
    return [
        Advice(
            id=f.id,
            title=f.title,
            disposition=f.disposition,
            action=f.action,
            explanation=f.explanation,
            sources=list(f.sources),
            episode_id=outcome.evaluation.episode.id,
            because=sentences(kb, f.because),
        )
        for f in outcome.evaluation.reasons
    ]


def router(services: PersonServices) -> APIRouter:
    """The person routes of /api/v1."""
    api = APIRouter(prefix=PREFIX, tags=["Your diary"], route_class=ProblemRoute)
    # A default, not an Annotated alias: annotations are strings resolved in module globals.
    authorised = Depends(bearer(services))

    def diary(token: Token) -> Store:
        return services.store.as_owner(token.owner)

    @api.get("/episodes", response_model=EpisodePage, responses=_AUTH, summary="Your episodes")
    def list_episodes(
        token: Token = authorised,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
        cursor: Annotated[str | None, Query(pattern=CURSOR)] = None,
    ) -> EpisodePage:
        """Episodes newest first, ``limit`` at a time; follow ``next_cursor`` for more."""
        return episode_page(diary(token), limit, cursor)

    @api.post("/episodes", response_model=Saved, status_code=201, responses=_AUTH,
              summary="Log an episode")  # fmt: skip
    def log_episode(body: EpisodeIn, token: Token = authorised) -> Saved:
        """Save an episode, then run the diary rules; ``advice`` says when to see a doctor."""
        now = clock.now()
        raw = body.model_dump()
        raw["started_at"] = raw["started_at"] or now
        if raw["started_at"].tzinfo is None or raw["started_at"] < EPOCH:
            # before 1970 is refused: the insights read the diary week by week since the first
            raise problem_of(
                model.InvalidValue(
                    "started_at", str(body.started_at), "a time with its zone, from 1970 on"
                )
            )
        try:
            episode = model.episode(raw, now)
        except model.InvalidValue as error:
            raise problem_of(error) from None
        saved, outcome = actions.log_episode(diary(token), episode, now)
        return Saved(record=saved.as_json(), advice=_advice(outcome))

    @api.get("/profile", responses=_AUTH, summary="Your profile")
    def get_profile(token: Token = authorised) -> dict[str, Any]:
        """The profile every assessment reuses (empty fields when none is saved)."""
        return (diary(token).profile() or model.Profile()).as_json()

    @api.patch("/profile", responses=_AUTH, summary="Change your profile")
    def patch_profile(body: ProfileIn, token: Token = authorised) -> dict[str, Any]:
        """Change the fields sent; the others keep their value."""
        store = diary(token)
        try:
            changed = model.profile(body.model_dump(exclude_unset=True), store.profile())
        except model.InvalidValue as error:
            raise problem_of(error) from None
        store.save_profile(changed)
        return changed.as_json()

    @api.post("/check-ins", response_model=Saved, status_code=201, responses=_AUTH,
              summary="Answer the follow-up")  # fmt: skip
    def check_in(body: CheckInIn, token: Token = authorised) -> Saved:
        """Better, the same or worse since the latest assessment; the rules run again."""
        saved, outcome = actions.check_in(diary(token), body.answer, body.note, clock.now())
        record = {"id": saved.id, "at": saved.at.isoformat(), "answer": saved.answer,
                  "assessment_id": saved.assessment_id, "note": saved.note}  # fmt: skip
        return Saved(record=record, advice=_advice(outcome))

    @api.get("/insights", responses=_AUTH, summary="Your insights")
    def insights(token: Token = authorised) -> ApiJSON:
        """Every number and sentence of the insights (as ``spasmcare insights --json``)."""
        return ApiJSON(diary_insights.as_json(diary_insights.of(diary(token))))

    exported: dict[int | str, dict[str, Any]] = {
        200: {"description": "The export", "content": {m: {} for m in EXPORTS.values()}}
    }

    @api.get(
        "/exports/{kind}", responses={**_AUTH, **exported}, summary="Everything stored about you"
    )
    def export(kind: Literal["json", "csv", "fhir"], token: Token = authorised) -> Response:
        """JSON lines, CSV, or a FHIR R4 bundle."""
        made = exports.export(diary(token), kind)
        return Response(made.body, media_type=made.media_type)

    return api

"""The stateless part of /api/v1: assess a case, step through the interview, read the knowledge.

Nothing here is stored. Cases are checked by ``spasmcare.case.parse_case`` (not by a request
model), so the API names each bad key with the same words as ``spasmcare assess``, and the
result is exactly the JSON that ``spasmcare assess --json`` prints.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from spasmcare.api.case_schema import case_schema
from spasmcare.api.problems import (
    READ_RESPONSES,
    RESPONSES,
    ApiJSON,
    FieldProblem,
    ProblemError,
    ProblemRoute,
    case_problems,
    field_problem,
)
from spasmcare.case import CaseError, parse_case
from spasmcare.engine.assess import assess, names_of
from spasmcare.engine.interview import next_question
from spasmcare.kb import schema
from spasmcare.kb.load import KnowledgeBase, load_default
from spasmcare.result import Result

PREFIX = "/api/v1"
_FAILED: dict[int | str, dict[str, Any]] = dict(READ_RESPONSES)


class QuestionOut(BaseModel):
    """A question of the adaptive questionnaire, as a client shows it."""

    id: str
    ref: str = Field(description="Question number in the clinical reference (A1, B3...).")
    block: Literal["A", "B", "C", "D"] = Field(
        description="A: emergency screen; B: the episode; C: associated features; D: medicines."
    )
    text: str
    help: str | None = None
    type: Literal["yes_no", "single_choice", "multi_choice", "number", "region", "names"]
    field: str = Field(description="The case field the answer fills.")
    term: str | None = Field(
        None, description="For a yes/no question on a list field: the term a yes adds."
    )
    choices: list[schema.Choice] = Field(description="Choices, each with the value it gives.")
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None
    sources: list[str]

    @classmethod
    def of(cls, question: schema.Question) -> QuestionOut:
        return cls.model_validate(question.model_dump(exclude={"asks_when"}))


class NextQuestion(BaseModel):
    """The interview goes on: ask this next."""

    question: QuestionOut


class Finished(BaseModel):
    """The interview is over: the result of the answers."""

    result: Result


class QuestionList(BaseModel):
    knowledge_version: str
    questions: list[QuestionOut]


class Knowledge(BaseModel):
    """Which knowledge base answers, and how much it holds."""

    name: str
    version: str = Field(description="As in every result's knowledge_version.")
    manifest_version: str = Field(description="The reviewed release.")
    reviewed_by: list[str]
    disclaimer: str
    counts: dict[str, int]


def router() -> APIRouter:
    """The stateless /api/v1 routes."""
    api = APIRouter(prefix=PREFIX, tags=["assessment"], route_class=ProblemRoute)
    question_ids = _question_ids()

    @api.post(
        "/assessments",
        response_model=Result,
        responses=RESPONSES,
        summary="Assess a case",
        openapi_extra=_body(case_schema()),
    )
    async def post_assessment(request: Request) -> Response:
        """A case in the case format in, its result out (as `spasmcare assess --json`)."""
        raw = _json(await request.body())
        # An assessment takes a fraction of a millisecond once the knowledge base is loaded:
        # handing it to a worker thread would cost more than the work.
        return result_response(_assess(raw))

    interview_body = {
        "type": "object",
        "properties": {
            "answers": {"anyOf": [case_schema(partial=True), {"type": "null"}]},
            "asked": {
                "anyOf": [
                    {"type": "array", "items": {"type": "string", "enum": question_ids}},
                    {"type": "null"},
                ]
            },
        },
        "additionalProperties": False,
    }

    @api.post(
        "/interview",
        response_model=NextQuestion | Finished,
        responses=RESPONSES,
        summary="The next interview question, or the result",
        openapi_extra=_body(interview_body),
    )
    async def post_interview(request: Request) -> Response:
        """The answers so far and the questions already asked in; the next question out, or
        the result once nothing more could change the advice."""
        raw = _json(await request.body())
        return ApiJSON(await run_in_threadpool(_interview, raw))

    @api.get("/questions", response_model=QuestionList, responses=_FAILED, summary="Every question")
    async def get_questions() -> Response:
        """Every question of the questionnaire, in the order the interview considers them."""
        kb = load_default()
        questions = [QuestionOut.of(q).model_dump(mode="json") for q in kb.questions]
        return ApiJSON({"knowledge_version": kb.version, "questions": questions})

    @api.get(
        "/knowledge", response_model=Knowledge, responses=_FAILED, summary="The knowledge base"
    )
    async def get_knowledge() -> Knowledge:
        """The knowledge base's version and the number of entries of each kind."""
        return knowledge(load_default())

    return api


def knowledge(kb: KnowledgeBase) -> Knowledge:
    counts = {
        "red_flags": len(kb.red_flags),
        "causes": len(kb.causes),
        "care_steps": len(kb.steps),
        "myths": len(kb.myths),
        "safety_net": len(kb.safety_net),
        "sources": len(kb.sources),
        "questions": len(kb.questions),
        "medicines": len(kb.medicines),
        "conditions": len(kb.conditions),
        "codes": len(kb.codes),
    }
    manifest = kb.manifest
    return Knowledge(
        name=manifest.name,
        version=kb.version,
        manifest_version=manifest.version,
        reviewed_by=list(manifest.reviewed_by),
        disclaimer=manifest.disclaimer,
        counts=counts,
    )


def _body(body_schema: dict[str, Any]) -> dict[str, Any]:
    content = {"application/json": {"schema": body_schema}}
    return {"requestBody": {"required": True, "content": content}}


def _question_ids() -> list[str]:
    try:
        return [q.id for q in load_default().questions]
    except Exception:  # the knowledge base is reported by the routes that need it
        return []


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def result_response(result: Result) -> Response:
    """The result as JSON, serialised by pydantic's compiled core."""
    try:
        return Response(result.model_dump_json(by_alias=True), media_type="application/json")
    except ValueError:  # text the client sent may hold lone surrogates
        return ApiJSON(result.as_json())


def _json(body: bytes) -> Any:
    """The request body as JSON, or a 400 problem naming the body."""
    if not body.strip():
        raise ProblemError(
            400, "invalid-json", "The request body is empty.", [field_problem([], "is required")]
        )
    try:
        return json.loads(body, parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        message = f"not valid JSON: {error}"
        raise ProblemError(400, "invalid-json", message, [field_problem([], message)]) from None


def _invalid(detail: str, errors: list[FieldProblem]) -> ProblemError:
    detail += " " + "; ".join(f"{e.field}: {e.message}" for e in errors)
    return ProblemError(422, "invalid-case", detail, errors)


def _assess(raw: Any) -> Result:
    try:
        return assess(raw if isinstance(raw, Mapping) else json.dumps(raw))
    except CaseError as error:
        raise _invalid("The case does not follow the case format.", case_problems(error)) from None


def _interview(raw: Any) -> dict[str, Any]:
    kb = load_default()
    if not isinstance(raw, Mapping):
        message = 'a JSON object: {"answers": {...}, "asked": [...]}'
        raise _invalid("The request is not valid.", [field_problem([], message)])
    errors = [
        field_problem([key], "unknown key; allowed keys: answers, asked", value)
        for key, value in raw.items()
        if key not in ("answers", "asked")
    ]
    answers = {} if raw.get("answers") is None else raw["answers"]
    asked = [] if raw.get("asked") is None else raw["asked"]
    known = {q.id for q in kb.questions}
    if not isinstance(asked, list):
        errors.append(field_problem(["asked"], "must be a list of question ids", asked))
        asked = []
    for index, item in enumerate(asked):
        if not isinstance(item, str) or item not in known:
            message = "not a question id; GET /api/v1/questions lists them"
            errors.append(field_problem(["asked", index], message, item))
    try:
        parse_case(answers, names_of(kb), partial=True)
    except CaseError as error:
        errors += case_problems(error, ["answers"])
    if errors:
        raise _invalid("The interview request is not valid.", errors)
    question = next_question(kb, answers, set(asked))
    if question is not None:
        return {"question": QuestionOut.of(question).model_dump(mode="json")}
    try:
        return {"result": assess(answers, kb).as_json()}
    except CaseError as error:
        problems = case_problems(error, ["answers"])
        raise _invalid("The answers are not a complete case.", problems) from None

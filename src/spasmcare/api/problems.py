"""Errors as RFC 9457 problem details, each naming the field at fault.

Every route of the API uses ``ProblemRoute``: it caps the request body before anything reads
it, and turns each error raised inside the route (a bad case, a request that fails validation,
an HTTP error, a bug) into one ``application/problem+json`` shape. The routers carry this with
them, so an app that includes them gets the same errors without installing anything; ``install``
adds the same shape for what happens outside any route (an unknown path, a wrong method).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Coroutine, Sequence
from http import HTTPStatus
from typing import Any, ClassVar, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.types import Message

from spasmcare import safe_log
from spasmcare.case import CaseError
from spasmcare.errors import Problem as DomainProblem

log = logging.getLogger(__name__)
safe_log.install(__name__)

MEDIA_TYPE: Final = "application/problem+json"
TYPES: Final = "https://spasmcare.org/problems/"
MAX_BODY: Final = 64 * 1024
"""Largest request body accepted, in bytes: a case is well under 4 KB."""

_ECHO_CHARS: Final = 200
_ECHO_ITEMS: Final = 20


class FieldProblem(BaseModel):
    """One thing wrong with one field of the request."""

    field: str = Field(description="The field at fault, as a dotted path (answers.age).")
    pointer: str | None = Field(
        None, description="JSON Pointer to the field in the request body (/answers/age)."
    )
    message: str = Field(description="What is wrong and what is allowed.")
    value: Any = Field(None, description="The value received, when it is short enough to echo.")


class Problem(BaseModel):
    """RFC 9457 problem details, with the fields at fault under ``errors``."""

    type: str = Field(description="URI naming the kind of problem.")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong with this request.")
    instance: str | None = Field(None, description="The path of the request.")
    errors: list[FieldProblem] = Field(default_factory=list, description="Each field at fault.")


class ApiJSON(JSONResponse):
    """JSON that always encodes: text the client sent may hold lone surrogates."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, allow_nan=False, separators=(",", ":")).encode("ascii")


class ProblemError(Exception):
    """An error to answer with a problem document."""

    def __init__(
        self, status: int, kind: str, detail: str, errors: Sequence[FieldProblem] = ()
    ) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail, self.errors = status, kind, detail, list(errors)


def problem(
    status: int,
    kind: str,
    detail: str,
    errors: Sequence[FieldProblem] = (),
    instance: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem+json response."""
    body = Problem(
        type=TYPES + kind,
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=instance,
        errors=list(errors),
    )
    content = body.model_dump(mode="json", exclude_none=True)
    for item in content["errors"]:
        item.setdefault("value", None)
    return ApiJSON(content, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def problem_of(
    error: DomainProblem, status: int = 422, kind: str = "invalid-request"
) -> ProblemError:
    """The problem document for a domain ``Problem``: its place is the field at fault."""
    where = [error.where] if error.where else []
    return ProblemError(
        status, kind, str(error), [field_problem(where, error.message, error.value)]
    )


def field_problem(path: Sequence[str | int], message: str, value: Any = None) -> FieldProblem:
    """A problem with the field at ``path`` in the request body."""
    parts = [_short(str(p)) for p in path]
    return FieldProblem(
        field=".".join(parts) or "body",
        pointer="".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts),
        message=message,
        value=echo(value),
    )


def case_problems(error: CaseError, prefix: Sequence[str] = ()) -> list[FieldProblem]:
    """CaseError's per-field errors, as field problems under ``prefix``."""
    return [
        field_problem([*prefix] if e.key == "case" else [*prefix, e.key], e.message, e.value)
        for e in error.errors
    ]


def echo(value: Any) -> Any:
    """The value to echo back: short scalars and short lists of them, else nothing."""
    if isinstance(value, str):
        return value if len(value) <= _ECHO_CHARS else value[:_ECHO_CHARS] + "…"
    if value is None or isinstance(value, bool | int | float):
        return value if not isinstance(value, float) or value == value else None
    if isinstance(value, list) and len(value) <= _ECHO_ITEMS:
        items = [echo(item) for item in value]
        if all(item is not None or raw is None for item, raw in zip(items, value, strict=True)):
            return items
    return None


def _short(text: str) -> str:
    return text if len(text) <= _ECHO_CHARS else text[:_ECHO_CHARS] + "…"


def validation_problems(error: RequestValidationError) -> list[FieldProblem]:
    """Pydantic's errors as field problems: body fields get a pointer, parameters do not."""
    found = []
    for item in error.errors():
        where, *path = item.get("loc") or ("body",)
        message = str(item.get("msg", "is not valid"))
        if item.get("type") == "json_invalid":
            found.append(field_problem([], "not valid JSON: " + message))
        elif where == "body":
            found.append(field_problem(path, message, item.get("input")))
        else:
            name = ".".join(_short(str(p)) for p in path) or str(where)
            found.append(FieldProblem(field=name, message=f"{where} parameter: {message}"))
    return found


def too_large(limit: int) -> ProblemError:
    return ProblemError(
        413, "body-too-large", f"The request body is larger than {limit} bytes.", []
    )


async def limited(request: Request, limit: int) -> Request:
    """The request with its body read, or ProblemError 413 once it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            problem_ = FieldProblem(field="Content-Length", message="header: not a number")
            raise ProblemError(400, "invalid-request", "Bad Content-Length header.", [problem_])
        if int(declared) > limit:
            raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    body = b"".join(chunks)

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, replay)


Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class ProblemRoute(APIRoute):
    """A route whose body is capped and whose every error is a problem document."""

    max_body: ClassVar[int] = MAX_BODY
    validation_status: ClassVar[int] = 422

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        limit, status = self.max_body, self.validation_status

        async def guarded(request: Request) -> Response:
            path = request.url.path
            try:
                return await handler(await limited(request, limit))
            except ProblemError as error:
                return problem(error.status, error.kind, error.detail, error.errors, path)
            except RequestValidationError as error:
                found = validation_problems(error)
                detail = "; ".join(f"{p.field}: {p.message}" for p in found)
                return problem(status, "invalid-request", detail, found, path)
            except HTTPException as error:
                return http_problem(error, path)
            except Exception as error:
                return internal_error(request, error)

        return guarded


def internal_error(request: Request, error: Exception) -> Response:
    """A 500 problem, logged by the error's kind and a request id (in the answer too), never
    by its message: a message can carry what was typed (``spasmcare.safe_log``)."""
    ident = safe_log.request_id()
    log.error("request %s failed: %s %s: %s", ident, request.method, request.url.path,
              type(error).__name__, exc_info=error)  # fmt: skip
    return problem(500, "internal-error", f"Something went wrong inside spasmcare (request "
                   f"{ident}).", headers={safe_log.REQUEST_ID: ident})  # fmt: skip


class CdsRoute(ProblemRoute):
    """CDS Hooks answers a malformed request with 400 Bad Request."""

    validation_status = 400


def http_problem(error: HTTPException, instance: str | None = None) -> Response:
    kinds = {404: "not-found", 405: "method-not-allowed"}
    detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
    return problem(
        error.status_code,
        kinds.get(error.status_code, "http-error"),
        detail,
        instance=instance,
        headers=dict(error.headers or {}),
    )


def install(app: FastAPI) -> None:
    """Answer errors outside the API's routes (unknown paths, wrong methods) as problems too."""

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return http_problem(error, request.url.path)

    async def on_validation(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        found = validation_problems(error)
        return problem(422, "invalid-request", "The request is not valid.", found, request.url.path)

    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)


def _inline(schema: Any, defs: dict[str, Any]) -> Any:
    """A JSON Schema with its local ``$defs`` references written out in place."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inline(item, defs) for item in schema]
    return schema


_SCHEMA = Problem.model_json_schema()
PROBLEM_SCHEMA: Final = _inline(_SCHEMA, _SCHEMA.get("$defs", {}))

RESPONSES: Final[dict[int | str, dict[str, Any]]] = {
    status: {
        "description": HTTPStatus(status).phrase + " (problem details)",
        "content": {MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}},
    }
    for status in (400, 413, 422, 500)
}
"""The problem responses every API operation may give, for the OpenAPI document."""
READ_RESPONSES: Final[dict[int | str, dict[str, Any]]] = {
    status: RESPONSES[status] for status in (400, 413, 500)
}
"""The problem responses of an operation without parameters: a bad Content-Length header, a
body over the cap, or a failure inside."""

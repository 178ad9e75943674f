"""What every request's body and query must be before any route sees them: one size limit,
counted on the bytes received (so a chunked body with no Content-Length is held to it too),
and no NUL character in any value (PostgreSQL cannot store one, and no field needs one).

Pure ASGI: the body is read once, up to the limit, and handed on unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Final
from urllib.parse import parse_qsl

from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spasmcare.api import problems
from spasmcare.diary.model import first_text

MAX_BODY: Final = problems.MAX_BODY
"""The one body limit of every route, pages and API alike."""
_NUL_MARKS: Final = (b"\x00", b"%00", b"\\u0000")
"""How a NUL can arrive: raw, percent-encoded (forms, queries) or escaped (JSON)."""
_NO_NUL: Final = "text must not contain the NUL character (U+0000)"


class Intake:
    """Refuse a body over ``MAX_BODY`` (413) and, with ``refuse_nul``, a NUL character in a
    value (400); an app that stores nothing (the stateless API) takes any text."""

    def __init__(
        self, app: ASGIApp, api_paths: tuple[str, ...], limit: int = MAX_BODY,
        page: Callable[[Scope, int, str], Response] | None = None, refuse_nul: bool = True,
    ) -> None:  # fmt: skip
        self.app = app
        self.refuse_nul = refuse_nul
        self.api_paths = api_paths
        self.limit = limit
        self.page = page or _plain_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = bytes(scope.get("query_string", b""))
        field = _nul_in_form(query) if self.refuse_nul and _marked(query) else None
        if field is not None:
            await self._refuse(scope, receive, send, 400, field)
            return
        declared = _declared(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send, 413)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send, 413)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if self.refuse_nul and _marked(body) and (field := _nul_in_body(scope, body)) is not None:
            await self._refuse(scope, receive, send, 400, field)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, field: str = ""
    ) -> None:
        path = str(scope["path"])
        errors: list[problems.FieldProblem] = []
        if status == 413:
            kind, detail = "body-too-large", f"The request body is larger than {self.limit} bytes."
        else:
            kind, detail = "invalid-request", f"{field}: {_NO_NUL}."
            errors.append(problems.FieldProblem(field=field, message=_NO_NUL))
        if path.startswith(self.api_paths):
            response = problems.problem(status, kind, detail, errors, path)
        else:
            response = self.page(scope, status, detail)
        await response(scope, receive, send)


def _plain_page(_: Scope, status: int, detail: str) -> Response:
    return HTMLResponse(f"<!doctype html><title>Not accepted</title><p>{detail}",
                        status_code=status)  # fmt: skip


def _declared(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # what follows: the client disconnecting

    return replayed


def _marked(data: bytes) -> bool:
    return any(mark in data for mark in _NUL_MARKS)


def _nul_in_body(scope: Scope, body: bytes) -> str | None:
    """The field whose value holds a NUL, if any ("body" when the body is no form or JSON)."""
    kind = next((v for k, v in scope.get("headers", ()) if k == b"content-type"), b"")
    if kind.startswith(b"application/x-www-form-urlencoded"):
        return _nul_in_form(body)
    if b"json" in kind:
        try:
            value = json.loads(body)
        except (ValueError, RecursionError):
            return None  # not JSON: the route says what is wrong
        found = first_text(value, _has_nul)
        if found is None:
            return None
        return "body" if found == "json" else found.replace("\x00", "")
    return "body" if b"\x00" in body else None


def _nul_in_form(data: bytes) -> str | None:
    pairs = parse_qsl(data.decode("latin-1"), keep_blank_values=True)
    return next((name.strip("\x00") or "field" for name, value in pairs
                 if "\x00" in name or "\x00" in value), None)  # fmt: skip


def _has_nul(text: str) -> bool:
    return "\x00" in text

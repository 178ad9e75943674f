"""The pages' part of the app: static files, security headers, sessions, limits and error pages.

``spasmcare.app.create_app`` builds the app and mounts the page routes; ``install`` adds the rest.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.routing import Match
from starlette.types import Scope

from spasmcare import safe_log
from spasmcare.api import problems
from spasmcare.api.intake import Intake
from spasmcare.web import context
from spasmcare.web.config import WebConfig
from spasmcare.web.gate import Gate
from spasmcare.web.routes import assess

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
API_PATHS = ("/api/", "/cds-services", "/openapi.json")
"""Paths answered as JSON (problem details on error) with no session cookie."""


def install(app: FastAPI, services: context.Services, config: WebConfig) -> None:
    """The pages' part of ``app``: static files, security headers, sessions, the body cap and
    the rate limit, and error pages (problem details on the API's paths)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    async def security_headers(request: Request, call_next: context.CallNext) -> Response:
        start = time.perf_counter()
        response: Response
        response = await context.with_session(request, call_next)
        response.headers.update(HEADERS)
        elapsed = (time.perf_counter() - start) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed:.2f}"
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    def refused(scope: Scope, status: int, detail: str) -> Response:
        return context.render(Request(scope), "error.html", {"status": status, "detail": detail},
                              status=status)  # fmt: skip

    # Inside the gate, so a refused body still gets a session, the headers and its rate limit.
    app.add_middleware(Intake, api_paths=API_PATHS, page=refused)
    app.add_middleware(
        Gate,
        pages=lambda inner: BaseHTTPMiddleware(inner, dispatch=security_headers),
        api_paths=API_PATHS,
        headers=HEADERS,
        limiter=services.limiter,
        per_address=config.settings.limits.api_address,
    )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith(API_PATHS):
            if error.status_code == 405:  # Allow: every method of the path, not the first route's
                error.headers = {"Allow": _allowed(app, request.url.path)}
            return problems.http_problem(error, request.url.path)
        if error.status_code in (301, 302, 303, 307) and error.headers:
            return Response(status_code=error.status_code, headers=error.headers)
        page = context.render(
            request, "error.html", {"status": error.status_code, "detail": error.detail},
            status=error.status_code,
        )  # fmt: skip
        page.headers.update(error.headers or {})  # Retry-After on 429
        return page

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        found = problems.validation_problems(error)
        if request.url.path.startswith(API_PATHS):
            return problems.problem(422, "invalid-request", "The request is not valid.", found,
                                    request.url.path)  # fmt: skip
        detail = "; ".join(f"{p.field}: {p.message}" for p in found)
        return context.render(request, "error.html", {"status": 400, "detail": detail}, 400)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        # Never log the request body, the answers or the error's message: they are health data.
        if request.url.path.startswith(API_PATHS):
            return problems.internal_error(request, error)
        ident = safe_log.request_id()
        log.error("request %s failed: %s %s: %s", ident, request.method, request.url.path,
                  type(error).__name__)  # fmt: skip
        if request.url.path.startswith("/assess"):
            page = assess.failsafe_page(request)
        else:
            page = HTMLResponse(
                "<!doctype html><title>Error</title><p>Something went wrong. If you are worried "
                "about your health, contact a doctor, nurse or pharmacist.",
                status_code=500,
            )
        page.headers[safe_log.REQUEST_ID] = ident
        return page


def _allowed(app: FastAPI, path: str) -> str:
    """Every method some route answers on this path, asked of the routes themselves (an
    included router keeps its own routes)."""
    allowed = []
    for method in ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"):
        scope = {"type": "http", "path": path, "root_path": "", "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in app.routes):
            allowed.append(method)
    return ", ".join(allowed)

"""Building the ASGI app: settings, security headers, sessions and the page routes."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Match

from spasmcare import __version__, api, safe_log
from spasmcare.api import cds_auth, problems
from spasmcare.api import person as person_api
from spasmcare.clinic.link import lookup
from spasmcare.config import Settings
from spasmcare.diary.tables import LOCAL_OWNER
from spasmcare.web import context
from spasmcare.web.gate import Gate
from spasmcare.web.routes import (
    accounts,
    assess,
    clinic,
    diary,
    home,
    insights,
    settings,
    sharing,
    tokens,
)

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
LOOPBACK = frozenset(("127.0.0.1", "localhost", "::1"))
API_PATHS = ("/api/", "/cds-services", "/openapi.json")
"""Paths answered as JSON (problem details on error) with no session cookie."""
MAX_PAGE_BODY = 256 * 1024
"""Largest form a page accepts, in bytes (the API's own limit is 64 KB)."""


@dataclass(frozen=True)
class WebConfig:
    """How the app runs: where the data is, and whether people sign in."""

    settings: Settings
    multi_user: bool = False
    secure_cookies: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    hosts: tuple[str, ...] = ()
    """Host names answered besides this machine's, when the settings name none (the address
    ``spasmcare serve --host`` listens on)."""

    def allowed_hosts(self) -> tuple[str, ...]:
        """The Host headers the app answers; any other gets 400 (no DNS rebinding)."""
        return self.settings.allowed_hosts or (*sorted(LOOPBACK), *self.hosts)

    @classmethod
    def for_host(cls, settings: Settings, host: str, multi_user: bool = False) -> WebConfig:
        """Single-person mode only on a loopback address; Secure cookies off loopback."""
        local = host in LOOPBACK
        named = () if local or host in ("0.0.0.0", "::", "") else (host,)
        return cls(settings, multi_user=multi_user or not local, secure_cookies=not local,
                   hosts=named)  # fmt: skip


def app_from_environment() -> FastAPI:
    """The clinic app (sign-in required) configured from the environment, for
    ``uvicorn spasmcare.web.app:app_from_environment --factory --workers N``."""
    from spasmcare.config import settings

    return create_app(WebConfig(settings(), multi_user=True))


def create_app(config: WebConfig) -> FastAPI:
    """The spasmcare web app for ``config``."""
    try:
        cds_trust = cds_auth.trust_of(config.settings)
    except cds_auth.ClientsError as error:
        raise SystemExit(f"error: {error}") from None
    services = context.Services.open(config)
    # The server logs what escapes the app (Starlette re-raises after the 500 page): by kind.
    safe_log.install("uvicorn.error", "spasmcare.engine.assess", "spasmcare.api.cds")

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        title="spasmcare API", version=__version__, docs_url=None, redoc_url=None,
        lifespan=lifespan,
        description="Assessment, interview, CDS Hooks and your diary (with an access token). "
        "Information and triage support, not a diagnosis.",
    )  # fmt: skip
    app.state.web = services
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (home, assess, diary, insights, settings, accounts, sharing, tokens, clinic):
        app.include_router(module.router, include_in_schema=False)
    single = not config.multi_user
    store = services.store

    def fhir_id(owner: int) -> str | None:
        if owner == LOCAL_OWNER and store.settings.is_sqlite:
            from spasmcare.fhir import stored_id

            return stored_id(store.settings.home)
        return services.people.fhir_id(owner)

    # A diary reaches an EHR only when the deployment trusts its CDS client; token ids are
    # counted where every process sees them, so a replayed token is refused by all.
    if cds_trust is not None:
        cds_trust = replace(cds_trust, replays=services.limiter.counter)
    link = lookup(store, services.people, services.audit, single) if cds_trust else None
    for router in api.routers(link, cds_trust):
        app.include_router(router)
    per_token = config.settings.limits.api_token
    app.include_router(person_api.router(person_api.PersonServices(
        store, services.tokens, services.limiter, per_token, fhir_id)))  # fmt: skip

    async def security_headers(request: Request, call_next: context.CallNext) -> Response:
        start = time.perf_counter()
        response: Response
        if _declared(request) > MAX_PAGE_BODY:
            response = HTMLResponse("<!doctype html><title>Too large</title><p>That form is "
                                    "too large.", status_code=413)  # fmt: skip
        else:
            response = await context.with_session(request, call_next)
        response.headers.update(HEADERS)
        elapsed = (time.perf_counter() - start) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed:.2f}"
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    app.add_middleware(
        Gate,
        pages=lambda inner: BaseHTTPMiddleware(inner, dispatch=security_headers),
        api_paths=API_PATHS,
        headers=HEADERS,
        limiter=services.limiter,
        per_address=config.settings.limits.api_address,
    )

    # Outermost: a request naming another host is refused before anything reads the diary.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts()))

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

    return app


def _declared(request: Request) -> int:
    size = request.headers.get("content-length", "")
    return int(size) if size.isdigit() else 0


def _allowed(app: FastAPI, path: str) -> str:
    """Every method some route answers on this path, asked of the routes themselves (an
    included router keeps its own routes)."""
    allowed = []
    for method in ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"):
        scope = {"type": "http", "path": path, "root_path": "", "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in app.routes):
            allowed.append(method)
    return ", ".join(allowed)

"""Building the ASGI app: settings, security headers, sessions and the page routes."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from spasmcare.config import Settings
from spasmcare.web import context
from spasmcare.web.routes import accounts, assess, diary, home, insights, settings

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


@dataclass(frozen=True)
class WebConfig:
    """How the app runs: where the data is, and whether people sign in."""

    settings: Settings
    multi_user: bool = False
    secure_cookies: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_host(cls, settings: Settings, host: str, multi_user: bool = False) -> WebConfig:
        """Single-person mode only on a loopback address; Secure cookies off loopback."""
        local = host in LOOPBACK
        return cls(settings, multi_user=multi_user or not local, secure_cookies=not local)


def create_app(config: WebConfig) -> FastAPI:
    """The spasmcare web app for ``config``."""
    services = context.Services.open(config)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        title="spasmcare", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.web = services
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (home, assess, diary, insights, settings, accounts):
        app.include_router(module.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: context.CallNext) -> Response:
        start = time.perf_counter()
        response = await context.with_session(request, call_next)
        response.headers.update(HEADERS)
        elapsed = (time.perf_counter() - start) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed:.2f}"
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code in (301, 302, 303, 307) and error.headers:
            return Response(status_code=error.status_code, headers=error.headers)
        return context.render(
            request, "error.html", {"status": error.status_code, "detail": error.detail},
            status=error.status_code,
        )  # fmt: skip

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        # Never log the request body or the answers: they are health data.
        log.error("internal error on %s: %s", request.url.path, type(error).__name__)
        if request.url.path.startswith("/assess"):
            return assess.failsafe_page(request)
        return HTMLResponse(
            "<!doctype html><title>Error</title><p>Something went wrong. If you are worried "
            "about your health, contact a doctor, nurse or pharmacist.",
            status_code=500,
        )

    return app

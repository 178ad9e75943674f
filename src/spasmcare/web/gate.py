"""The front door of every request: API paths take a light, pure ASGI path (a rate limit per
address, security headers, no session); pages go through the page middleware (sessions)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spasmcare.api import problems
from spasmcare.clinic.limits import RateLimiter


class Gate:
    """Pure ASGI, so API calls pay for no BaseHTTPMiddleware."""

    def __init__(
        self,
        app: ASGIApp,
        pages: Callable[[ASGIApp], ASGIApp],
        api_paths: tuple[str, ...],
        headers: Mapping[str, str],
        limiter: RateLimiter,
        per_address: int,
    ) -> None:
        self.app = app
        self.pages = pages(app)
        self.api_paths = api_paths
        self.headers = dict(headers)
        self.limiter = limiter
        self.per_address = per_address

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope["path"]).startswith(self.api_paths):
            await self.pages(scope, receive, send)
            return
        start = time.perf_counter()
        client = scope.get("client")
        address = str(client[0]) if client else "unknown"
        verdict = await run_in_threadpool(
            self.limiter.hit, "api", address, self.per_address, time.time()
        )

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.update(self.headers)
                headers["Cache-Control"] = "no-store"
                headers["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.2f}"
            await send(message)

        if not verdict.allowed:
            refused = problems.problem(
                429, "too-many-requests", "Too many requests from this address: wait a minute.",
                instance=str(scope["path"]), headers={"Retry-After": str(verdict.retry_after)},
            )  # fmt: skip
            await refused(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)

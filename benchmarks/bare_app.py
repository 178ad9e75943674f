"""The baseline server for the HTTP benchmark: the same framework, one endpoint, the same JSON.

``SPASMCARE_BARE_BODY`` names a file holding the response body, so the baseline sends exactly
as many bytes as a real assessment does.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request, Response


def create_bare_app() -> FastAPI:
    body = Path(os.environ["SPASMCARE_BARE_BODY"]).read_bytes()
    app = FastAPI()

    @app.post("/api/v1/assessments")
    async def reply(request: Request) -> Response:
        await request.body()
        return Response(body, media_type="application/json")

    return app

"""An app serving only the API: for tests, and for
``uvicorn spasmcare.api.app:create_api_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from spasmcare import __version__
from spasmcare.api import problems, routers
from spasmcare.services.sharing import Lookup


def create_api_app(lookup: Lookup | None = None) -> FastAPI:
    """The spasmcare JSON API with its OpenAPI document at /openapi.json."""
    app = FastAPI(
        title="spasmcare API",
        version=__version__,
        description="Assessment, interview and CDS Hooks for muscle spasms and cramps. "
        "Information and triage support, not a diagnosis.",
    )
    for router in routers(lookup):
        app.include_router(router)
    problems.install(app)
    return app

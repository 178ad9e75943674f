"""An app serving only the API: for tests, and for
``uvicorn spasmcare.api.app:create_api_app --factory``."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI

from spasmcare import __version__
from spasmcare.api import problems, routers
from spasmcare.api.cds import Cors, Lookup


def create_api_app(lookup: Lookup | None = None, cds_origins: Sequence[str] = ()) -> FastAPI:
    """The spasmcare JSON API with its OpenAPI document at /openapi.json; ``cds_origins``
    are the browser-based EHRs' origins allowed to call /cds-services (CORS)."""
    app = FastAPI(
        title="spasmcare API",
        version=__version__,
        description="Assessment, interview and CDS Hooks for muscle spasms and cramps. "
        "Information and triage support, not a diagnosis.",
    )
    for router in routers(lookup):
        app.include_router(router)
    problems.install(app)
    if cds_origins:
        app.add_middleware(Cors, origins=cds_origins)
    return app

"""The one composition root: ``create_app`` builds the whole ASGI app from the settings and
mounts the pages, the API and CDS Hooks, each router in this one place.

Importing any package builds nothing; only these functions do. ``create_api_app`` is the
stateless part alone (the assessment API and CDS Hooks, no diary), for
``uvicorn spasmcare.app:create_api_app --factory``; ``app_from_environment`` is the clinic app
(sign-in required) for ``uvicorn spasmcare.app:app_from_environment --factory --workers N``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace

from fastapi import APIRouter, FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from spasmcare import safe_log
from spasmcare.api import assessment, cds, cds_auth, clinician, openapi, person, problems
from spasmcare.api.cds_auth import Trust
from spasmcare.api.deps import PersonServices
from spasmcare.api.intake import Intake
from spasmcare.services.sharing import Lookup, lookup
from spasmcare.version import __version__
from spasmcare.web import context, pages
from spasmcare.web.config import WebConfig
from spasmcare.web.routes import (
    accounts,
    admin,
    assess,
    clinic,
    diary,
    home,
    imports,
    insights,
    invitations,
    reminders,
    settings,
    sharing,
    tokens,
)

__all__ = ["WebConfig", "api_routers", "app_from_environment", "create_api_app", "create_app"]

PAGES = (home, assess, diary, insights, settings, accounts, sharing, tokens, clinic, reminders,
         invitations, admin, imports)  # fmt: skip
"""The page routes, one module per kind of page."""
DESCRIPTION = "Information and triage support, not a diagnosis."


def api_routers(lookup: Lookup | None = None, cds_trust: Trust | None = None) -> list[APIRouter]:
    """The stateless API's routers; ``lookup`` finds the latest assessment for a FHIR Patient
    id, and ``cds_trust``, when given, says which CDS calls may use it."""
    return [assessment.router(), cds.router(lookup, cds_trust)]


def create_app(config: WebConfig) -> FastAPI:
    """The spasmcare app for ``config``: the pages, the API and CDS Hooks."""
    try:
        cds_trust = cds_auth.trust_of(config.settings)
        cds_origins = cds.check_origins(config.settings.cds_origins)
    except (cds_auth.ClientsError, ValueError) as error:
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
        + DESCRIPTION,
    )  # fmt: skip
    app.state.web = services
    for module in PAGES:
        app.include_router(module.router, include_in_schema=False)
    # A diary reaches an EHR only when the deployment trusts its CDS client; token ids are
    # counted where every process sees them, so a replayed token is refused by all.
    if cds_trust is not None:
        cds_trust = replace(cds_trust, replays=services.limiter.counter)
    single = not config.multi_user
    link = lookup(services.store, services.people, services.audit, single) if cds_trust else None
    for router in api_routers(link, cds_trust):
        app.include_router(router)
    per_token = config.settings.limits.api_token
    shared = PersonServices(services.store, services.tokens, services.limiter, per_token)
    app.include_router(person.router(shared))
    app.include_router(clinician.router(shared))
    pages.install(app, services, config)
    openapi.install(app, cds_jwt_required=cds_trust is not None)
    if cds_origins:  # so that refusals (401, 429) carry the CORS headers too
        app.add_middleware(cds.Cors, origins=cds_origins)
    # Outermost: a request naming another host is refused before anything reads the diary.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts()))
    return app


def create_api_app(lookup: Lookup | None = None, cds_origins: Sequence[str] = ()) -> FastAPI:
    """The spasmcare JSON API alone, with its OpenAPI document at /openapi.json;
    ``cds_origins`` are the browser-based EHRs' origins allowed to call /cds-services (CORS)."""
    app = FastAPI(
        title="spasmcare API",
        version=__version__,
        description="Assessment, interview and CDS Hooks for muscle spasms and cramps. "
        + DESCRIPTION,
    )
    for router in api_routers(lookup):
        app.include_router(router)
    problems.install(app)
    openapi.install(app)
    app.add_middleware(Intake, api_paths=("/",), refuse_nul=False)  # it stores nothing
    if cds_origins:
        app.add_middleware(cds.Cors, origins=cds_origins)
    return app


def app_from_environment() -> FastAPI:
    """The clinic app (sign-in required) configured from the environment."""
    from spasmcare.config import settings

    return create_app(WebConfig(settings(), multi_user=True))

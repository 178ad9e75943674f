"""The OpenAPI document as generated clients need it.

FastAPI writes the paths and schemas; ``install`` completes the document once, on first use:
every 4xx and 5xx response carries its problem+json body (what the server sends), a 429 says
``Retry-After``, the document names its server and licence, and each operation says how it
is authenticated — a personal access token, the CDS client's JWT, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fastapi import FastAPI

from spasmcare.api.problems import MEDIA_TYPE, PROBLEM_SCHEMA

CDS_JWT: Final = "CdsClientJwt"
LICENSE: Final = {"name": "Apache 2.0", "identifier": "Apache-2.0"}
SERVERS: Final = [{"url": "/", "description": "The spasmcare server that serves this document"}]
RETRY_AFTER: Final = {
    "description": "Seconds to wait before the next request with this token.",
    "schema": {"type": "integer", "minimum": 0},
}
_JWT_SCHEME: Final = {
    "type": "http",
    "scheme": "bearer",
    "bearerFormat": "JWT",
    "description": "The EHR's signed JWT (CDS Hooks 2.0: iss, aud, exp, iat, jti; ES384 or "
    "RS384), or the shared token a deployment configures. Required when the deployment "
    "trusts CDS clients; otherwise the service answers without reading any diary.",
}
_METHODS: Final = ("get", "put", "post", "delete", "patch", "head", "options")


def install(app: FastAPI, *, cds_jwt_required: bool = False) -> None:
    """Serve the completed document at ``app``'s /openapi.json."""
    generate: Callable[[], dict[str, Any]] = app.openapi
    done: dict[str, Any] = {}

    def document() -> dict[str, Any]:
        if not done:
            done.update(complete(generate(), cds_jwt_required=cds_jwt_required))
        return done

    app.openapi = document  # type: ignore[method-assign]


def complete(doc: dict[str, Any], *, cds_jwt_required: bool = False) -> dict[str, Any]:
    """``doc`` with problem bodies, Retry-After, servers, licence and security everywhere."""
    doc["info"].setdefault("license", LICENSE)
    doc.setdefault("servers", SERVERS)
    schemes = doc.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes[CDS_JWT] = _JWT_SCHEME
    for path, item in doc.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            _problem_bodies(operation)
            if "security" not in operation:
                operation["security"] = _security(path, method, cds_jwt_required)
    return doc


def _problem_bodies(operation: dict[str, Any]) -> None:
    for status, response in operation.get("responses", {}).items():
        if str(status)[:1] not in ("4", "5"):
            continue
        response.setdefault("content", {MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}})
        if str(status) == "429":
            response.setdefault("headers", {})["Retry-After"] = RETRY_AFTER


def _security(path: str, method: str, cds_jwt_required: bool) -> list[dict[str, list[str]]]:
    """Who may call an operation that FastAPI did not mark with a bearer token."""
    calls_service = method == "post" and path.startswith("/cds-services/")
    if calls_service and not path.endswith("/feedback"):
        # An empty requirement means "no credential": a JWT is then optional (it is ignored).
        return [{CDS_JWT: []}] if cds_jwt_required else [{}, {CDS_JWT: []}]
    return [{}]

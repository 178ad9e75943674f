"""The OpenAPI document is complete enough for a generated client: every error response has
its problem+json body, a 429 says Retry-After, the document names its server, licence and how
each operation is authenticated, and Redocly's recommended rules find nothing to fault."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from spasmcare.app import create_api_app
from tests.web_helpers import make_client

ROOT = Path(__file__).resolve().parents[1]
REDOCLY = ROOT / "node_modules" / ".bin" / "redocly"
METHODS = ("get", "put", "post", "delete", "patch")


def web_document(home: Path, environ: dict[str, str] | None = None) -> dict[str, Any]:
    document: dict[str, Any] = make_client(home, environ=environ).client.get("/openapi.json").json()
    return document


def api_document() -> dict[str, Any]:
    document: dict[str, Any] = TestClient(create_api_app()).get("/openapi.json").json()
    return document


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, item[method])
        for path, item in document["paths"].items()
        for method in METHODS
        if method in item
    ]


def test_every_error_response_declares_its_problem_body(tmp_path: Path) -> None:
    for document in (web_document(tmp_path), api_document()):
        errors = [
            (method, path, status, response)
            for method, path, operation in operations(document)
            for status, response in operation["responses"].items()
            if status[0] in "45"
        ]
        assert len(errors) > 20
        for method, path, status, response in errors:
            media = response.get("content", {})
            assert "application/problem+json" in media, (method, path, status)
            schema = media["application/problem+json"]["schema"]
            assert {"type", "title", "status", "detail"} <= set(schema["required"])


def test_a_refused_token_gets_the_declared_problem_body(tmp_path: Path) -> None:
    client = make_client(tmp_path).client
    declared = web_document(tmp_path)["paths"]["/api/v1/episodes"]["get"]["responses"]["401"]
    refused = client.get("/api/v1/episodes", headers={"Authorization": "Bearer spc_wrong"})
    assert refused.status_code == 401
    assert refused.headers["content-type"] in declared["content"]
    assert set(declared["content"]["application/problem+json"]["schema"]["required"]) <= set(
        refused.json()
    )


def test_too_many_requests_says_when_to_try_again(tmp_path: Path) -> None:
    limited = [
        (method, path, operation["responses"]["429"])
        for method, path, operation in operations(web_document(tmp_path))
        if "429" in operation["responses"]
    ]
    assert len(limited) == 12
    for _, _, response in limited:
        assert response["headers"]["Retry-After"]["schema"]["type"] == "integer"


def test_the_document_names_its_server_licence_and_security(tmp_path: Path) -> None:
    document = web_document(tmp_path)
    assert [server["url"] for server in document["servers"]] == ["/"]
    assert document["info"]["license"]["identifier"] == "Apache-2.0"
    schemes = document["components"]["securitySchemes"]
    assert schemes["CdsClientJwt"]["bearerFormat"] == "JWT"
    by_operation = {(m, p): op["security"] for m, p, op in operations(document)}
    assert by_operation[("GET", "/api/v1/episodes")] == [{"HTTPBearer": []}]
    assert by_operation[("GET", "/api/v1/patients")] == [{"HTTPBearer": []}]
    assert by_operation[("POST", "/api/v1/assessments")] == [{}]
    # Without trusted CDS clients the JWT is optional; a deployment that trusts one needs it.
    view = ("POST", "/cds-services/spasmcare-patient-view")
    assert by_operation[view] == [{}, {"CdsClientJwt": []}]
    trusting = web_document(tmp_path / "trusting", {"SPASMCARE_CDS_TOKEN": "a-shared-secret"})
    required = {(m, p): op["security"] for m, p, op in operations(trusting)}
    assert required[view] == [{"CdsClientJwt": []}]


def test_redocly_recommended_rules_find_nothing(tmp_path: Path) -> None:
    if not REDOCLY.exists() or shutil.which("node") is None:
        pytest.skip("@redocly/cli is not installed: run `npm ci` to lint the OpenAPI document")
    # No telemetry or update check: the lint must not reach out of this machine.
    env = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
    for name, document in (("web", web_document(tmp_path)), ("api", api_document())):
        path = tmp_path / f"{name}-openapi.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        ran = subprocess.run(
            [str(REDOCLY), "lint", "--extends", "recommended", "--format", "json", str(path)],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
        )  # fmt: skip
        report = json.loads(ran.stdout[ran.stdout.index("{") :])
        found = [f"{p['severity']} {p['ruleId']}: {p['message']}" for p in report["problems"]]
        assert report["totals"]["errors"] == report["totals"]["warnings"] == 0, (name, found)
        assert ran.returncode == 0, ran.stderr

"""The person-scoped API inside the web app: access tokens (hashed, scoped, revocable), the
diary endpoints with pagination, problem details on every error, and single-person mode still
asking for a token while the stateless assessment stays open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from spasmcare.diary import tables
from spasmcare.diary.model import Episode
from tests.clinic_helpers import bearer
from tests.web_helpers import make_client


def _local(tmp_path: Path, scope: str = "write") -> tuple[Any, str]:
    web = make_client(tmp_path)
    services = web.client.app.state.web  # type: ignore[attr-defined]
    _, token = services.tokens.create(0, scope, "test", datetime.now(UTC).replace(tzinfo=None))
    return web, token


def test_single_person_mode_still_needs_a_token_for_the_diary(tmp_path: Path) -> None:
    web, token = _local(tmp_path)
    client = web.client
    refused = client.get("/api/v1/episodes")
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["status"] == 401
    assert client.get("/api/v1/episodes", headers=bearer(token + "x")).status_code == 401
    assert client.get("/api/v1/episodes", headers=bearer(token)).status_code == 200
    open_ = client.post("/api/v1/assessments", json={"region": "calf", "age": 40})
    assert open_.status_code == 200 and "disposition" in open_.json()
    assert client.get("/api/v1/questions").status_code == 200


def test_tokens_are_stored_as_hashes_and_revoking_stops_them(tmp_path: Path) -> None:
    web, token = _local(tmp_path)
    services = web.client.app.state.web  # type: ignore[attr-defined]
    with services.store.engine.connect() as c:
        (stored,) = c.execute(select(tables.api_token)).all()
    assert token not in str(tuple(stored)) and stored.secret_hash != token
    assert token.startswith(f"spc_{stored.id}_")
    page = web.get("/settings/tokens")
    assert stored.id in page.text and token not in page.text
    web.post(f"/settings/tokens/{stored.id}/revoke")
    assert web.client.get("/api/v1/profile", headers=bearer(token)).status_code == 401


def test_a_token_made_on_the_settings_page_is_shown_once(tmp_path: Path) -> None:
    web = make_client(tmp_path)
    made = web.post("/settings/tokens", {"name": "phone", "scope": "read"})
    assert made.status_code == 200
    token = made.text.split('<code class="token">')[1].split("<")[0]
    assert web.client.get("/api/v1/profile", headers=bearer(token)).status_code == 200
    assert token not in web.get("/settings/tokens").text


def test_a_read_token_cannot_write(tmp_path: Path) -> None:
    web, token = _local(tmp_path, "read")
    refused = web.client.post("/api/v1/episodes", json={"region": "calf"}, headers=bearer(token))
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"


def test_episodes_page_with_a_cursor(tmp_path: Path) -> None:
    web, token = _local(tmp_path)
    store = web.client.app.state.web.store  # type: ignore[attr-defined]
    start = datetime(2025, 3, 1, 8, tzinfo=UTC)
    for i in range(7):  # two share a start time: the id breaks the tie
        store.add_episode(Episode(start + timedelta(hours=i // 2 * 2 + i % 2 * 0), "calf"))
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = web.client.get("/api/v1/episodes", params=params, headers=bearer(token)).json()
        seen += [e["id"] for e in page["episodes"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted({*seen}) and len(seen) == 7
    bad = web.client.get("/api/v1/episodes", params={"cursor": "nope"}, headers=bearer(token))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"
    too_many = web.client.get("/api/v1/episodes", params={"limit": 1000}, headers=bearer(token))
    assert too_many.status_code == 422


def test_log_patch_check_in_insights_and_exports(tmp_path: Path) -> None:
    web, token = _local(tmp_path)
    client, auth = web.client, bearer(token)
    logged = client.post(
        "/api/v1/episodes",
        json={"region": "calf", "severity": 4, "duration_minutes": 15, "notes": "api"},
        headers=auth,
    )
    assert logged.status_code == 201, logged.text
    assert logged.json()["record"]["notes"] == "api"
    assert any(a["sources"] for a in logged.json()["advice"])  # a cramp over 10 minutes
    assert {a["episode_id"] for a in logged.json()["advice"]} == {logged.json()["record"]["id"]}
    assert any("It lasts about 15 minutes." in a["because"] for a in logged.json()["advice"])
    bad = client.post("/api/v1/episodes", json={"region": "nose"}, headers=auth)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "region"
    patched = client.patch("/api/v1/profile", json={"age": 70}, headers=auth).json()
    assert patched["age"] == 70
    patched = client.patch("/api/v1/profile", json={"medications": ["ramipril"]}, headers=auth)
    assert patched.json()["age"] == 70 and patched.json()["medications"] == ["ramipril"]
    assert client.get("/api/v1/profile", headers=auth).json()["age"] == 70
    checked = client.post("/api/v1/check-ins", json={"answer": "worse"}, headers=auth)
    assert checked.status_code == 201 and checked.json()["record"]["answer"] == "worse"
    assert client.get("/api/v1/insights", headers=auth).json()["episodes"] == 1
    fhir = client.get("/api/v1/exports/fhir", headers=auth)
    assert fhir.json()["resourceType"] == "Bundle"
    assert "api" in client.get("/api/v1/exports/csv", headers=auth).text
    assert client.get("/api/v1/exports/pdf", headers=auth).status_code == 422


def test_api_errors_are_problems_and_pages_stay_html(tmp_path: Path) -> None:
    web = make_client(tmp_path)
    missing = web.client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    page = web.client.get("/nothing-here")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "set-cookie" not in missing.headers  # no session for API calls
    big = web.client.post(
        "/api/v1/assessments",
        content=b"{" + b" " * 70_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert big.status_code == 413
    form = web.client.post(
        "/diary/log",
        content=b"x" * 300_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 413


def test_the_openapi_document_lists_the_api_and_bearer_auth(tmp_path: Path) -> None:
    document = make_client(tmp_path).client.get("/openapi.json").json()
    paths = document["paths"]
    assert {
        "/api/v1/episodes",
        "/api/v1/profile",
        "/api/v1/check-ins",
        "/api/v1/insights",
        "/api/v1/exports/{kind}",
        "/api/v1/assessments",
        "/cds-services",
    } <= set(paths)
    assert not any(p.startswith(("/diary", "/settings", "/clinic")) for p in paths)
    assert "HTTPBearer" in document["components"]["securitySchemes"]


def test_a_wrong_method_is_told_every_method_the_path_answers(tmp_path: Path) -> None:
    client = make_client(tmp_path).client
    refused = client.delete("/api/v1/episodes")
    assert refused.status_code == 405
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["allow"] == "GET, POST"
    assert client.put("/api/v1/assessments").headers["allow"] == "POST"

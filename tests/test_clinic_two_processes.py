"""Two app processes (uvicorn) on one PostgreSQL database share everything another process
needs: sessions, lock-outs, rate limits and revocations. Skips, saying why, when PostgreSQL
cannot be reached, unless SPASMCARE_REQUIRE_POSTGRES=1."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from benchmarks.servers import app_servers

from spasmcare.accounts.tokens import Tokens
from spasmcare.diary import database
from tests.test_diary_fixtures import fresh_postgres_database

PASSWORD = "correct horse battery"
CDS_TOKEN = "cds-client-secret-for-tests"


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    with fresh_postgres_database("spasmcare_two") as name:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"


@pytest.fixture(scope="module")
def servers(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    env = {
        **os.environ,
        "SPASMCARE_DATABASE_URL": database_url,
        "SPASMCARE_HOME": str(tmp_path_factory.mktemp("home")),
        "SPASMCARE_RATE_SIGN_IN": "8",
        "SPASMCARE_RATE_API_TOKEN": "4",
        "SPASMCARE_CDS_TOKEN": CDS_TOKEN,
    }
    env.pop("SPASMCARE_REDIS_URL", None)
    engine = database.connect(database_url)
    database.migrate(engine)  # once, before both start
    engine.dispose()
    factory = "spasmcare.app:app_from_environment"
    with app_servers(factory, env, count=2, ready="/") as running:
        yield [server.url for server in running]


def _csrf(client: httpx.Client, url: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(url + "/").text)
    assert found
    return found.group(1)


def _post(client: httpx.Client, url: str, path: str, data: dict[str, str]) -> httpx.Response:
    return client.post(url + path, data={"csrf": _csrf(client, url), **data}, follow_redirects=True)


def test_sessions_lock_outs_rate_limits_and_revocations_are_shared(
    servers: list[str], database_url: str
) -> None:
    a, b = servers
    # Sign-in limits count in fixed one-minute windows: start well inside one, so the nine
    # attempts below cannot straddle a boundary and be split between two counters.
    if (second := time.time() % 60) > 40:
        time.sleep(61 - second)
    with httpx.Client() as dora:
        signed = _post(
            dora, a, "/signup", {"username": "dora@example.org", "password": PASSWORD}
        )  # 1
        assert "Signed in as dora@example.org" in signed.text
        logged = _post(dora, a, "/diary/log", {"region": "calf", "notes": "dora-note"})
        assert logged.status_code == 200
        assert "dora-note" in dora.get(b + "/diary").text  # the session made on A works on B

    with httpx.Client() as signs_up:
        _post(signs_up, b, "/signup", {"username": "erin@example.org", "password": PASSWORD})  # 2
    with httpx.Client() as erin:  # a browser that never signed in as erin
        for i in range(5):  # 3..7, alternating between the processes
            wrong = _post(
                erin,
                (a, b)[i % 2],
                "/signin",
                {"username": "erin@example.org", "password": "wrong password!"},
            )
            assert wrong.status_code == 400
        held = _post(erin, a, "/signin", {"username": "erin@example.org", "password": PASSWORD})
        assert held.status_code == 429 and "wait" in held.text  # 8: the back-off is shared
        limited = _post(erin, b, "/signin", {"username": "erin", "password": PASSWORD})  # 9
        assert limited.status_code == 429  # 8 a minute from this address, counted by both

    engine = database.connect(database_url)
    try:
        now = datetime.now(UTC).replace(tzinfo=None)
        _, token = Tokens(engine).create(0, "read", "shared", now)
        auth = {"Authorization": f"Bearer {token}"}
        codes = [
            httpx.get((a, b)[i % 2] + "/api/v1/profile", headers=auth).status_code for i in range(5)
        ]
        assert codes == [200, 200, 200, 200, 429]
        made2, token2 = Tokens(engine).create(0, "read", "other", now)
        auth2 = {"Authorization": f"Bearer {token2}"}
        assert httpx.get(a + "/api/v1/profile", headers=auth2).status_code == 200
        Tokens(engine).revoke(0, made2.id, now)
        assert httpx.get(b + "/api/v1/profile", headers=auth2).status_code == 401
    finally:
        engine.dispose()


def test_cds_hooks_over_real_http_find_the_linked_patient(
    servers: list[str], database_url: str
) -> None:
    from spasmcare import assess
    from spasmcare.accounts.people import People
    from spasmcare.config import Settings
    from spasmcare.diary.model import Assessment
    from spasmcare.diary.store import Store
    from tests.test_api_cds_hooks import check_cards, hook_call
    from tests.web_helpers import EMERGENCY_CASE

    with Store(Settings(home=Path("/nonexistent"), database_url=database_url)) as store:
        now = datetime.now(UTC)
        who = People(store.engine).sign_up("linked@example.org", PASSWORD, now.replace(tzinfo=None))
        result = assess(EMERGENCY_CASE).as_json()
        store.as_owner(who.id).add_assessment(Assessment(now, EMERGENCY_CASE, result, "test"))
        fhir_id = People(store.engine).fhir_id(who.id)
    assert fhir_id is not None
    service = "/cds-services/spasmcare-patient-view"
    for url in servers:
        anonymous = httpx.post(url + service, json=hook_call(fhir_id))
        assert anonymous.status_code == 401
        response = httpx.post(
            url + service,
            json=hook_call(fhir_id),
            headers={"Authorization": f"Bearer {CDS_TOKEN}"},
        )
        assert response.status_code == 200
        assert check_cards(response.json())[0]["indicator"] == "critical"

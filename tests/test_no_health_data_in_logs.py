"""No health data in logs: when a request fails inside spasmcare, the server's log names the
error and a request id (also sent to the client), never a value a person typed: no SQL
parameters, no exception messages that repeat them. Tested on a real server process whose
database has lost a table, so every write fails with the typed values in its parameters."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from benchmarks.servers import _wait_for, free_port

from spasmcare.accounts.tokens import Tokens
from spasmcare.config import Settings
from spasmcare.diary.store import Store
from spasmcare.diary.tables import LOCAL_OWNER

NOTE = "NOTE-7731-my-knee-hurts"
TRIGGER = "TRIGGER-5512-wine"
CHECK_IN = "CHECKIN-9042-worse-at-night"


def test_failed_requests_log_the_error_and_a_request_id_but_nothing_typed(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}")
    with Store(settings) as store:
        token = Tokens(store.engine).create(LOCAL_OWNER, "write", "test", datetime.now())[1]
    with sqlite3.connect(home / "diary.sqlite3") as db:  # every episode write now fails
        db.execute("ALTER TABLE episode RENAME TO episode_gone")
        db.execute("ALTER TABLE checkin RENAME TO checkin_gone")
    env = {**os.environ, "SPASMCARE_HOME": str(home)}
    for name in ("SPASMCARE_DATABASE_URL", "SPASMCARE_REDIS_URL", "SPASMCARE_REQUIRE_POSTGRES"):
        env.pop(name, None)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "spasmcare", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    ids = []
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(url + "/api/v1/questions")
        with httpx.Client(base_url=url, timeout=30) as client:
            auth = {"authorization": f"Bearer {token}"}
            episode = {"region": "calf", "notes": NOTE, "triggers": [TRIGGER]}
            api = client.post("/api/v1/episodes", headers=auth, json=episode)
            checked = client.post("/api/v1/check-ins", headers=auth,
                                  json={"answer": "worse", "note": CHECK_IN})  # fmt: skip
            page = client.get("/")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert csrf
            form = {"csrf": csrf.group(1), "region": "calf", "notes": NOTE,
                    "triggers": TRIGGER}  # fmt: skip
            web = client.post("/diary/log", data=form)
        for response in (api, checked, web):
            assert response.status_code == 500
            ids.append(response.headers["x-request-id"])
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=30)
    for typed in (NOTE, TRIGGER, CHECK_IN, token):
        assert typed not in log, typed
    assert "parameters" not in log.lower()
    for ident in ids:  # each failure is named in the log with its request id
        line = next(x for x in log.splitlines() if ident in x)
        assert "OperationalError" in line, line


BAD_INPUT = [
    ("POST", "/api/v1/episodes", {"region": "calf", "notes": "BAD-1-a\u0000b"}),
    ("POST", "/api/v1/episodes", {"region": "BAD-2-elbowish", "notes": "x"}),
    ("POST", "/api/v1/episodes", {"region": "calf", "severity": "BAD-3-high"}),
    ("POST", "/api/v1/episodes", {"region": "calf", "triggers": ["BAD-4-$\\frac$"]}),
    ("POST", "/api/v1/episodes", {"region": "calf", "started_at": "BAD-5-yesterday"}),
    ("PATCH", "/api/v1/profile", {"medications": ["BAD-6-" + "m" * 200]}),
    ("POST", "/api/v1/check-ins", {"answer": "BAD-7-meh", "note": "BAD-8-note"}),
    ("POST", "/api/v1/assessments", {"region": "calf", "notes": "BAD-9-free text"}),
]


def test_bad_input_leaves_nothing_typed_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.web_helpers import make_client

    web = make_client(tmp_path, raise_errors=False)
    services = web.client.app.state.web  # type: ignore[attr-defined]
    token = services.tokens.create(LOCAL_OWNER, "write", "test", datetime.now())[1]
    auth = {"authorization": f"Bearer {token}"}
    with caplog.at_level(logging.DEBUG):
        for method, path, body in BAD_INPUT:
            answer = web.client.request(method, path, json=body, headers=auth)
            assert answer.status_code < 500 or "x-request-id" in answer.headers, path
        for form in ({"notes": "BAD-10-form\u0000", "region": "calf"}, {"region": "BAD-11"}):
            web.client.post("/diary/log", data=form)  # no CSRF token: refused
    assert "BAD-" not in caplog.text

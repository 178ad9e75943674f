"""DNS rebinding: the app answers only the hosts it is meant to (127.0.0.1 and localhost by
default, the names in SPASMCARE_ALLOWED_HOSTS otherwise); any other Host gets 400, so a web
page that rebinds its own name to 127.0.0.1 cannot read the diary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web_helpers import make_client

PATHS = ("/export/json", "/report.pdf", "/export/fhir", "/diary", "/api/v1/questions")


@pytest.mark.parametrize("path", PATHS)
def test_a_foreign_host_gets_400_in_single_person_mode(tmp_path: Path, path: str) -> None:
    web = make_client(tmp_path)
    refused = web.client.get(path, headers={"host": "attacker.example:8000"})
    assert refused.status_code == 400
    assert b'"kind"' not in refused.content and b"episode" not in refused.content
    for host in ("127.0.0.1:8000", "localhost:8000", "localhost"):
        assert web.client.get(path, headers={"host": host}).status_code == 200, host


def test_configured_names_replace_the_loopback_ones(tmp_path: Path) -> None:
    environ = {"SPASMCARE_ALLOWED_HOSTS": "care.clinic.example, spasmcare.internal"}
    web = make_client(tmp_path, multi_user=True, environ=environ)
    for host in ("care.clinic.example", "spasmcare.internal:8443"):
        assert web.client.get("/signin", headers={"host": host}).status_code == 200, host
    for host in ("127.0.0.1", "attacker.example", "care.clinic.example.attacker.example"):
        assert web.client.get("/signin", headers={"host": host}).status_code == 400, host

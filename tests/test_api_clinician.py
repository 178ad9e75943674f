"""The clinician's read-only API: their consenting patients, most urgent first and a page at a
time, each patient's episodes, assessments, report and FHIR bundle; a revocation refuses the
very next read (also from another app process on PostgreSQL), and the patient's access log shows
every read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from spasmcare.diary.model import Assessment, Episode
from tests.clinic_helpers import PASSWORD, bearer, sign_in
from tests.test_diary_fixtures import fresh_postgres_database
from tests.web_helpers import Browser, make_client

NOW = datetime.now(UTC)
NOT_SHARED = "There is no such patient among those sharing with you."


@dataclass
class Clinic:
    web: Browser
    services: Any
    clinician: int
    token: str
    patients: dict[str, int]

    def get(self, path: str, **params: Any) -> Any:
        return self.web.client.get(path, params=params, headers=bearer(self.token))


def _flagged(disposition: str) -> dict[str, Any]:
    return {"disposition": disposition, "red_flags": [{"id": "f", "title": f"{disposition} flag"}],
            "plan": {"follow_up_days": 30}}  # fmt: skip


def _open(home: Path, names: list[str], environ: dict[str, str] | None = None) -> Clinic:
    """A clinic app with a clinician (holding a read token) and patients sharing with them."""
    web = make_client(home, multi_user=True, environ=environ)
    services = web.client.app.state.web  # type: ignore[attr-defined]
    now = NOW.replace(tzinfo=None)
    doctor = services.people.sign_up("dr@example.org", PASSWORD, now, "clinician")
    _, token = services.tokens.create(doctor.id, "read", "integration", now)
    patients = {}
    for name in names:
        person = services.people.sign_up(f"{name}@example.org", PASSWORD, now)
        services.consents.grant(person.id, doctor, now)
        patients[name] = person.id
    return Clinic(web, services, doctor.id, token, patients)


def test_patients_come_most_urgent_first_a_page_at_a_time(tmp_path: Path) -> None:
    clinic = _open(tmp_path, ["calm", "urgent", "emergency", "later"])
    for name in ("urgent", "emergency"):
        diary = clinic.services.store.as_owner(clinic.patients[name])
        diary.add_assessment(Assessment(NOW - timedelta(days=1), {}, _flagged(name), "test"))

    whole = clinic.get("/api/v1/patients")
    assert whole.status_code == 200
    rows = whole.json()["patients"]
    assert [r["username"] for r in rows[:2]] == ["emergency@example.org", "urgent@example.org"]
    assert rows[0]["disposition"] == "emergency" and rows[0]["red_flags"] == ["emergency flag"]
    assert {r["username"] for r in rows[2:]} == {"calm@example.org", "later@example.org"}
    assert whole.json()["next_cursor"] is None

    first = clinic.get("/api/v1/patients", limit=3).json()
    assert first["patients"][0]["username"] == "emergency@example.org"
    second = clinic.get("/api/v1/patients", limit=3, cursor=first["next_cursor"]).json()
    assert [r["username"] for r in second["patients"]] == ["later@example.org"]
    assert second["next_cursor"] is None


def test_a_patients_episodes_and_assessments_page_like_their_own(tmp_path: Path) -> None:
    clinic = _open(tmp_path, ["pat"])
    ident = clinic.patients["pat"]
    diary = clinic.services.store.as_owner(ident)
    for day in range(5):
        diary.add_episode(Episode(NOW - timedelta(days=day), "calf", severity=day))
        diary.add_assessment(Assessment(NOW - timedelta(days=day), {"n": day}, {}, "test"))

    def walk(path: str, key: str) -> list[Any]:
        found, cursor = [], None
        while True:
            page = clinic.get(path, limit=2, **({"cursor": cursor} if cursor else {})).json()
            found += page[key]
            if (cursor := page["next_cursor"]) is None:
                return found

    episodes = walk(f"/api/v1/patients/{ident}/episodes", "episodes")
    assert [e["severity"] for e in episodes] == [0, 1, 2, 3, 4]  # newest first
    assessments = walk(f"/api/v1/patients/{ident}/assessments", "assessments")
    assert [a["case"]["n"] for a in assessments] == [0, 1, 2, 3, 4]  # latest first


def test_the_report_and_the_fhir_bundle_are_the_patients(tmp_path: Path) -> None:
    clinic = _open(tmp_path, ["pat"])
    ident = clinic.patients["pat"]
    clinic.services.store.as_owner(ident).add_episode(
        Episode(NOW - timedelta(hours=2), "foot", notes="woke at 3am")
    )
    report = clinic.get(f"/api/v1/patients/{ident}/report.pdf")
    assert report.status_code == 200 and report.headers["content-type"] == "application/pdf"
    assert report.content.startswith(b"%PDF")
    bundle = clinic.get(f"/api/v1/patients/{ident}/fhir")
    assert bundle.headers["content-type"] == "application/fhir+json"
    found = json.loads(bundle.text)
    assert found["resourceType"] == "Bundle"
    patients = [e["resource"] for e in found["entry"] if e["resource"]["resourceType"] == "Patient"]
    assert [p["id"] for p in patients] == [clinic.services.people.fhir_id(ident)]
    assert "woke at 3am" in bundle.text


def _revoke_then_read(reader: Clinic, owner: Browser, ident: int, clinician: int) -> None:
    episodes = f"/api/v1/patients/{ident}/episodes"
    assert reader.get(episodes).status_code == 200
    assert "Stopped sharing" in owner.post(f"/settings/sharing/{clinician}/revoke").text
    refused = reader.get(episodes)
    assert refused.status_code == 404 and refused.json()["detail"] == NOT_SHARED
    for what in ("assessments", "report.pdf", "fhir"):
        assert reader.get(f"/api/v1/patients/{ident}/{what}").status_code == 404
    assert reader.get("/api/v1/patients").json()["patients"] == []
    log = owner.get("/settings/access-log").text
    assert log.count("read the episodes (API)") == 1  # the read before, not the refused ones
    assert "dr@example.org (clinician)" in log


def test_revoking_refuses_the_next_read(tmp_path: Path) -> None:
    clinic = _open(tmp_path, ["pat"])
    owner = make_client(tmp_path, multi_user=True)
    sign_in(owner, "pat@example.org")
    _revoke_then_read(clinic, owner, clinic.patients["pat"], clinic.clinician)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database("spasmcare_clinician") as name:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"


def test_revoking_in_one_process_refuses_the_next_read_in_another(
    tmp_path: Path, postgres_url: str
) -> None:
    environ = {"SPASMCARE_DATABASE_URL": postgres_url}
    clinic = _open(tmp_path, ["pat"], environ)
    owner = make_client(tmp_path, multi_user=True, environ=environ)  # a second app
    sign_in(owner, "pat@example.org")
    _revoke_then_read(clinic, owner, clinic.patients["pat"], clinic.clinician)


def test_only_a_clinicians_read_token_may_call(tmp_path: Path) -> None:
    clinic = _open(tmp_path, ["pat"])
    services, now = clinic.services, NOW.replace(tzinfo=None)
    _, write = services.tokens.create(clinic.clinician, "write", "w", now)
    _, patient = services.tokens.create(clinic.patients["pat"], "read", "p", now)
    path = f"/api/v1/patients/{clinic.patients['pat']}/episodes"
    for token, detail in ((write, "read token"), (patient, "clinician's access token")):
        refused = clinic.web.client.get(path, headers=bearer(token))
        assert refused.status_code == 403 and detail in refused.json()["detail"]
    assert clinic.web.client.get(path).status_code == 401

    local = make_client(tmp_path / "single")  # single-person mode: nobody is a clinician
    _, mine = local.client.app.state.web.tokens.create(0, "read", "t", now)  # type: ignore[attr-defined]
    assert local.client.get("/api/v1/patients", headers=bearer(mine)).status_code == 403

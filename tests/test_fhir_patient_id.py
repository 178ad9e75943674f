"""One diary is one FHIR Patient, whichever door its FHIR export leaves by."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spasmcare import clock
from spasmcare.diary.tables import LOCAL_OWNER
from tests.clinic_helpers import bearer, build
from tests.web_helpers import make_client


def _patient(bundle: dict[str, Any]) -> str:
    found = [e["resource"]["id"] for e in bundle["entry"]
             if e["resource"]["resourceType"] == "Patient"]  # fmt: skip
    assert len(found) == 1
    return str(found[0])


def test_the_owners_download_and_the_api_export_name_the_same_patient_in_clinic_mode(
    tmp_path: Path,
) -> None:
    world = build(tmp_path)
    owner = world.web["owner"]
    page = owner.get("/export/fhir")
    assert page.status_code == 200
    api = owner.client.get("/api/v1/exports/fhir", headers=bearer(world.tokens["owner"]))
    assert api.status_code == 200
    stored = world.services.people.fhir_id(world.ids["owner"])
    assert _patient(page.json()) == _patient(api.json()) == stored


def test_the_download_and_the_api_export_name_the_same_patient_for_a_local_diary(
    tmp_path: Path,
) -> None:
    web = make_client(tmp_path)
    services = web.client.app.state.web  # type: ignore[attr-defined]
    _, token = services.tokens.create(LOCAL_OWNER, "read", "test", clock.stored_now())
    page = web.get("/export/fhir")
    api = web.client.get("/api/v1/exports/fhir", headers=bearer(token))
    assert page.status_code == api.status_code == 200
    assert _patient(page.json()) == _patient(api.json())

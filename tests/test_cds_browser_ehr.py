"""CDS Hooks from a browser-based EHR, over plain HTTP: CORS preflights for the configured EHR
origins (and none for others), a token without ``sub`` accepted unless the EHR's entry names
one, a card saying what was not screened when a prefetch is missing, and the EHR's Patient
filling the age and sex the diary's case lacks. ``test_cds_sandbox`` runs the real sandbox."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from spasmcare import assess
from spasmcare.api import problems
from spasmcare.api.cds import check_origins
from spasmcare.api.cds_auth import trust_of
from spasmcare.app import api_routers, create_api_app
from spasmcare.config import settings
from spasmcare.services.sharing import LatestSummary
from tests.test_api_cds_hooks import AT, check_cards, hook_call, medicines, text
from tests.test_cds_jwt import EHR, OTHER_EHR, SERVICE, Signer, one, write
from tests.web_helpers import make_client

EHR_ORIGIN = "https://ehr.hospital.example"
PREFLIGHT = {
    "Origin": EHR_ORIGIN,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization,content-type",
}
PATIENT = {"resourceType": "Patient", "id": "pat-1", "birthDate": "1950-04-01", "gender": "male"}
TODAY = datetime.now(UTC).date()
AGE = TODAY.year - 1950 - ((TODAY.month, TODAY.day) < (4, 1))
FULL_PREFETCH = {
    "patient": PATIENT,
    "medicationRequests": medicines(text("simvastatin")),
    "medicationStatements": {"resourceType": "Bundle", "type": "searchset"},
}


@pytest.fixture(scope="module")
def api() -> TestClient:
    return TestClient(create_api_app(cds_origins=(EHR_ORIGIN, "http://localhost:8080")))


@pytest.mark.parametrize("path", ["/cds-services", SERVICE, SERVICE + "/feedback"])
def test_a_preflight_from_a_configured_origin_is_answered(api: TestClient, path: str) -> None:
    response = api.options(path, headers=PREFLIGHT)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == EHR_ORIGIN
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    assert "access-control-allow-credentials" not in response.headers


def test_calls_from_a_configured_origin_carry_the_cors_header(api: TestClient) -> None:
    discovery = api.get("/cds-services", headers={"Origin": EHR_ORIGIN})
    assert discovery.headers["access-control-allow-origin"] == EHR_ORIGIN
    cards = api.post(SERVICE, json=hook_call(), headers={"Origin": EHR_ORIGIN})
    assert cards.status_code == 200
    assert cards.headers["access-control-allow-origin"] == EHR_ORIGIN


def test_another_origin_gets_no_cors(api: TestClient) -> None:
    stranger = {**PREFLIGHT, "Origin": "https://attacker.example"}
    response = api.options(SERVICE, headers=stranger)
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    posted = api.post(SERVICE, json=hook_call(), headers={"Origin": "https://attacker.example"})
    assert "access-control-allow-origin" not in posted.headers


def test_cors_is_only_for_cds_services(api: TestClient) -> None:
    response = api.options("/api/v1/assessments", headers=PREFLIGHT)
    assert "access-control-allow-origin" not in response.headers


def test_without_configured_origins_there_is_no_cors() -> None:
    with TestClient(create_api_app()) as plain:
        response = plain.options(SERVICE, headers=PREFLIGHT)
    assert response.status_code == 405
    assert "access-control-allow-origin" not in response.headers


def test_the_web_app_takes_its_origins_from_the_settings(tmp_path: Path) -> None:
    environ = {"SPASMCARE_CDS_ORIGINS": f"{EHR_ORIGIN}/, http://127.0.0.1:8780"}
    assert settings(tmp_path, environ).cds_origins == (EHR_ORIGIN, "http://127.0.0.1:8780")
    web = make_client(tmp_path, environ=environ)
    response = web.client.options(SERVICE, headers={**PREFLIGHT, "Origin": "http://127.0.0.1:8780"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://127.0.0.1:8780"
    # the security headers of API paths stay on the CDS answers
    posted = web.client.post(SERVICE, json=hook_call(), headers={"Origin": EHR_ORIGIN})
    assert posted.headers["access-control-allow-origin"] == EHR_ORIGIN
    assert posted.headers["x-content-type-options"] == "nosniff"


def test_a_refusal_carries_the_cors_header_so_the_ehr_can_read_it(
    tmp_path: Path, ehr_ec: Signer
) -> None:
    path = write(
        tmp_path / "clients.json", one({"iss": OTHER_EHR, "jwks": {"keys": [ehr_ec.jwk()]}})
    )
    environ = {"SPASMCARE_CDS_CLIENTS": str(path), "SPASMCARE_CDS_ORIGINS": EHR_ORIGIN}
    web = make_client(tmp_path, environ=environ)
    refused = web.client.post(SERVICE, json=hook_call(), headers={"Origin": EHR_ORIGIN})
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == EHR_ORIGIN


@pytest.mark.parametrize(
    "origin", ["https://ehr.example/path", "ehr.example", "ftp://ehr.example", "https://"]
)
def test_a_malformed_origin_is_refused_at_start(tmp_path: Path, origin: str) -> None:
    with pytest.raises(ValueError, match="SPASMCARE_CDS_ORIGINS"):
        check_origins([origin])
    with pytest.raises(SystemExit, match="is not an origin"):
        make_client(tmp_path, environ={"SPASMCARE_CDS_ORIGINS": origin})


# --- the sub claim: required only where the trusted-clients file names one -------------------


@pytest.fixture(scope="module")
def ehr_ec() -> Signer:
    return Signer.ec()


def service(tmp_path: Path, entry: dict[str, Any]) -> TestClient:
    path = write(tmp_path / "clients.json", one(entry))
    trust = trust_of(settings(tmp_path, {"SPASMCARE_CDS_CLIENTS": str(path)}))
    app = FastAPI()
    latest = LatestSummary.of(AT, assess({"region": "calf", "age": 30}).as_json())
    for router in api_routers(lambda _: latest, trust):
        app.include_router(router)
    problems.install(app)
    return TestClient(app)


def test_a_token_without_sub_is_accepted_when_no_sub_is_configured(
    tmp_path: Path, ehr_ec: Signer
) -> None:
    client = service(tmp_path, {"iss": EHR, "jwks": {"keys": [ehr_ec.jwk()]}})
    token = ehr_ec.token(sub=None)  # as the CDS Hooks 2.0 specification writes it
    response = client.post(SERVICE, json=hook_call(), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert check_cards(response.json())[0]["summary"].startswith("spasmcare 2026-11-20")


def test_a_token_without_sub_is_refused_when_a_sub_is_configured(
    tmp_path: Path, ehr_ec: Signer
) -> None:
    client = service(tmp_path, {"iss": EHR, "sub": "ehr-client", "jwks": {"keys": [ehr_ec.jwk()]}})
    bare = {"Authorization": f"Bearer {ehr_ec.token(sub=None)}"}
    refused = client.post(SERVICE, json=hook_call(), headers=bare)
    assert refused.status_code == 401
    assert "lacks the sub claim" in refused.json()["detail"]
    wrong = {"Authorization": f"Bearer {ehr_ec.token(sub='someone-else')}"}
    assert client.post(SERVICE, json=hook_call(), headers=wrong).status_code == 401
    right = {"Authorization": f"Bearer {ehr_ec.token(sub='ehr-client')}"}
    assert client.post(SERVICE, json=hook_call(), headers=right).status_code == 200


# --- a missing prefetch is said in a card, never an implicit all clear ------------------------


def test_no_prefetch_says_the_medicines_were_not_screened(api: TestClient) -> None:
    cards = check_cards(api.post(SERVICE, json=hook_call()).json())
    missing = [c for c in cards if "not screened" in c["summary"]]
    assert len(missing) == 1
    assert "MedicationRequest" in missing[0]["summary"]
    assert "MedicationStatement" in missing[0]["summary"]
    assert "not an all-clear" in missing[0]["detail"]


def test_a_null_prefetch_entry_is_named(api: TestClient) -> None:
    prefetch = {**FULL_PREFETCH, "medicationRequests": None}
    cards = check_cards(api.post(SERVICE, json=hook_call(prefetch=prefetch)).json())
    summaries = [c["summary"] for c in cards]
    assert "Medicines not screened: the EHR sent no MedicationRequest list" in summaries


def test_a_missing_patient_is_named(api: TestClient) -> None:
    prefetch = {k: v for k, v in FULL_PREFETCH.items() if k != "patient"}
    cards = check_cards(api.post(SERVICE, json=hook_call(prefetch=prefetch)).json())
    assert (
        cards[-1]["summary"] == "Screened without age or sex: the EHR sent no Patient (age and sex)"
    )


def test_a_full_prefetch_gets_no_such_card(api: TestClient) -> None:
    cards = check_cards(api.post(SERVICE, json=hook_call(prefetch=FULL_PREFETCH)).json())
    assert cards and not [c for c in cards if "not screened" in c["summary"].lower()]
    assert not [c for c in cards if "without age or sex" in c["summary"]]


# --- the EHR's Patient fills the age and sex the diary does not know --------------------------


def test_the_ehrs_birth_date_replaces_an_unknown_age_in_the_pain_relief_screen() -> None:
    case = {"region": "calf", "time_of_day": "night", "associated": []}  # no age, no sex
    result = assess(case)
    under_16 = [a for a in result.plan.avoid if "age: not known" in a.because]
    assert under_16, "with no age the screen keeps aspirin's under-16 rule"
    latest = LatestSummary.of(AT, result.as_json(), case=case)
    with TestClient(create_api_app(lookup=lambda _: latest)) as client:
        prefetch = {**FULL_PREFETCH, "medicationRequests": medicines()}
        card = check_cards(client.post(SERVICE, json=hook_call(prefetch=prefetch)).json())[0]
    assert card["summary"].startswith("spasmcare 2026-11-20")
    assert "age: not known" not in card["detail"]
    assert f"Pain relief screened with the EHR's age {AGE} and sex male" in card["detail"]
    without = LatestSummary.of(AT, result.as_json(), case=case)
    with TestClient(create_api_app(lookup=lambda _: without)) as client:
        bare = check_cards(client.post(SERVICE, json=hook_call()).json())[0]
    assert "age: not known" in bare["detail"]


def test_the_diarys_own_age_is_kept() -> None:
    case = {"region": "calf", "age": 12, "associated": []}
    result = assess(case)
    latest = LatestSummary.of(AT, result.as_json(), case=case)
    with TestClient(create_api_app(lookup=lambda _: latest)) as client:
        card = check_cards(client.post(SERVICE, json=hook_call(prefetch=FULL_PREFETCH)).json())[0]
    assert f"age {AGE}" not in card["detail"]
    assert "EHR's" in card["detail"]  # the sex, which the case lacks, came from the EHR
    assert "sex male" in card["detail"]

"""CDS Hooks 2.0: discovery, patient-view cards that keep the specification's card rules, and
feedback; once in process and once over real HTTP against a running server."""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from spasmcare.api.cards import shorten
from spasmcare.app import create_api_app
from spasmcare.engine.assess import assess
from spasmcare.kb.load import KnowledgeBase
from spasmcare.services.sharing import LatestSummary
from tests.server_helpers import free_port, serving

SERVICE = "/cds-services/spasmcare-patient-view"
AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
EMERGENCY = {"region": "jaw", "associated": ["trismus"], "recent": ["wound_soil"]}
SELF_CARE = {"region": "calf", "age": 30, "time_of_day": "after_exercise", "associated": []}


def check_cards(body: Any) -> list[dict[str, Any]]:
    """The card rules of CDS Hooks 2.0 (section "Card Attributes")."""
    assert isinstance(body, dict) and isinstance(body["cards"], list)
    seen: set[str] = set()
    for card in body["cards"]:
        assert isinstance(card["summary"], str) and 0 < len(card["summary"]) < 140
        assert card["indicator"] in ("info", "warning", "critical")
        source = card["source"]
        assert isinstance(source["label"], str) and source["label"]
        if "url" in source:
            assert source["url"].startswith(("https://", "http://"))
        if "topic" in source:
            assert source["topic"]["code"]
        assert str(uuid.UUID(card["uuid"])) == card["uuid"] and card["uuid"] not in seen
        seen.add(card["uuid"])
        assert isinstance(card.get("detail", ""), str)
        assert None not in card.values() and None not in source.values()
    return list(body["cards"])


def hook_call(patient_id: str = "pat-123", prefetch: Any = None) -> dict[str, Any]:
    call: dict[str, Any] = {
        "hook": "patient-view",
        "hookInstance": str(uuid.uuid4()),
        "fhirServer": "https://ehr.example.org/fhir",
        "context": {"userId": "Practitioner/7", "patientId": patient_id},
    }
    if prefetch is not None:
        call["prefetch"] = prefetch
    return call


def medicines(*concepts: dict[str, Any], status: str = "active") -> dict[str, Any]:
    entries = [
        {"resource": {"resourceType": "MedicationRequest", "status": status, **c}} for c in concepts
    ]
    return {"resourceType": "Bundle", "type": "searchset", "entry": entries}


def text(name: str) -> dict[str, Any]:
    return {"medicationCodeableConcept": {"text": name}}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_api_app()) as found:
        yield found


def with_lookup(found: dict[str, LatestSummary]) -> TestClient:
    return TestClient(create_api_app(lookup=found.get))


def test_discovery_lists_the_patient_view_service(client: TestClient) -> None:
    services = client.get("/cds-services").json()["services"]
    assert [s["id"] for s in services] == ["spasmcare-patient-view"]
    service = services[0]
    assert service["hook"] == "patient-view" and service["title"] and service["description"]
    assert service["prefetch"]["patient"] == "Patient/{{context.patientId}}"
    assert (
        "MedicationRequest?patient={{context.patientId}}"
        in service["prefetch"]["medicationRequests"]
    )
    assert "MedicationStatement" in service["prefetch"]["medicationStatements"]


def test_nothing_known_invites_a_check(client: TestClient) -> None:
    cards = check_cards(client.post(SERVICE, json=hook_call()).json())
    # the invitation, then what was not screened for want of a prefetch (never "all clear")
    assert len(cards) == 2 and cards[0]["indicator"] == "info"
    assert "spasmcare" in cards[0]["summary"] and cards[0]["source"]["label"] == "spasmcare"
    assert cards[1]["summary"].startswith("Medicines not screened")


@pytest.mark.parametrize(
    ("case", "indicator"), [(EMERGENCY, "critical"), (SELF_CARE, "info")], ids=["em", "self"]
)
def test_the_latest_assessment_sets_the_indicator(
    kb: KnowledgeBase, case: dict[str, Any], indicator: str
) -> None:
    result = assess(case)
    latest = LatestSummary.of(AT, result.as_json())
    with with_lookup({"pat-1": latest}) as client:
        cards = check_cards(client.post(SERVICE, json=hook_call("pat-1")).json())
    card = cards[0]
    assert card["indicator"] == indicator
    assert card["summary"].startswith("spasmcare 2026-11-20: ")
    assert result.headline in card["detail"]
    expected = result.red_flags[0].sources[0] if result.red_flags else None
    if expected is not None:
        assert card["source"]["topic"]["code"] == expected
        assert card["source"]["url"] == kb.sources[expected].url
        assert result.red_flags[0].title in card["detail"]
    assert card["source"]["topic"]["code"] in kb.sources


def test_diary_rules_raise_the_indicator(kb: KnowledgeBase) -> None:
    flagged = assess({"region": "calf", "duration_minutes": 30, "frequency": "daily"})
    reasons = [f for f in flagged.red_flags if f.disposition in ("soon", "urgent")]
    assert reasons, "the knowledge base should escalate long, daily cramps"
    latest = LatestSummary.of(AT, assess(SELF_CARE), reasons)
    with with_lookup({"pat-2": latest}) as client:
        card = check_cards(client.post(SERVICE, json=hook_call("pat-2")).json())[0]
    assert card["indicator"] == "warning"
    assert reasons[0].title in card["detail"]


def test_a_failing_lookup_still_answers(kb: KnowledgeBase) -> None:
    def broken(_: str) -> LatestSummary | None:
        raise RuntimeError("the diary is locked")

    with TestClient(create_api_app(lookup=broken)) as client:
        assert check_cards(client.post(SERVICE, json=hook_call()).json())


def test_prefetched_medicines_go_through_the_pain_relief_screen(client: TestClient) -> None:
    prefetch = {
        "patient": {"resourceType": "Patient", "id": "pat-123", "birthDate": "1948-03-02"},
        "medicationRequests": medicines(
            text("Atorvastatin 20 mg oral tablet"), text("Warfarin sodium 5 mg"), text("Zorblax")
        ),
        "medicationStatements": None,
    }
    cards = check_cards(client.post(SERVICE, json=hook_call(prefetch=prefetch)).json())
    assert len(cards) == 2  # and the MedicationStatement list the EHR could not send
    card = cards[0]
    assert card["indicator"] == "warning"  # an over-the-counter drug to avoid
    assert "MedicationStatement list" in cards[1]["summary"]
    assert "atorvastatin" in card["summary"].lower() and "Ibuprofen" in card["summary"]
    assert "Zorblax" in card["detail"] and "invite" in card["detail"]


def test_rxnorm_codes_and_inactive_medicines(kb: KnowledgeBase, client: TestClient) -> None:
    rxnorm = next(c for c in kb.codes if c.system == "rxnorm" and c.status != "unverified")
    coding = {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": rxnorm.code}
    coded = {"medicationCodeableConcept": {"coding": [coding]}}
    stopped = medicines(text("Atorvastatin"), status="stopped")
    prefetch = {"medicationStatements": medicines(coded), "medicationRequests": stopped}
    card = check_cards(client.post(SERVICE, json=hook_call(prefetch=prefetch)).json())[0]
    assert "atorvastatin" not in card["detail"].lower()
    assert "not screened" not in card["detail"]


def test_the_assessment_and_the_medicines_each_get_a_card() -> None:
    latest = LatestSummary.of(AT, assess(SELF_CARE))
    prefetch = {"medicationRequests": medicines(text("simvastatin"))}
    with with_lookup({"pat-3": latest}) as client:
        cards = check_cards(client.post(SERVICE, json=hook_call("pat-3", prefetch)).json())
    assert len(cards) == 3 and "simvastatin" in cards[1]["summary"]
    assert "not screened" in cards[2]["summary"]  # no MedicationStatement list, no Patient


@pytest.mark.parametrize(
    ("call", "field"),
    [
        ({**hook_call(), "hook": "order-select"}, "hook"),
        ({**hook_call(), "context": {"userId": "Practitioner/7"}}, "context.patientId"),
        (hook_call(patient_id="../etc/passwd"), "context.patientId"),
        ({**hook_call(), "prefetch": {"patient": "Patient/1"}}, "prefetch.patient"),
    ],
    ids=["hook", "no-patient", "bad-patient", "prefetch"],
)
def test_a_malformed_call_is_a_400_naming_the_field(
    client: TestClient, call: dict[str, Any], field: str
) -> None:
    response = client.post(SERVICE, json=call)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert field in {e["field"] for e in response.json()["errors"]}


def test_feedback_is_accepted(client: TestClient) -> None:
    feedback = {
        "feedback": [
            {"card": str(uuid.uuid4()), "outcome": "accepted", "outcomeTimestamp": AT.isoformat()},
            {
                "card": str(uuid.uuid4()),
                "outcome": "overridden",
                "overrideReason": {"userComment": "seen already"},
                "outcomeTimestamp": AT.isoformat(),
            },
        ]
    }
    response = client.post(SERVICE + "/feedback", json=feedback)
    assert response.status_code == 200 and response.json() == {"received": 2}
    bad = client.post(SERVICE + "/feedback", json={"feedback": [{"card": "x", "outcome": "meh"}]})
    assert bad.status_code == 400
    assert "feedback.0.outcome" in {e["field"] for e in bad.json()["errors"]}


def test_summaries_are_cut_at_a_word() -> None:
    cut = shorten("word " * 60)
    assert len(cut) <= 139 and cut.endswith("word…")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """uvicorn serving create_api_app in a subprocess, as a clinic would run it."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable, "-m", "uvicorn", "spasmcare.app:create_api_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    with serving(command, env, url + "/cds-services"):
        yield url


def test_cards_over_real_http_keep_the_card_rules(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as http:
        discovery = http.get("/cds-services")
        assert discovery.status_code == 200
        service = discovery.json()["services"][0]
        prefetch = {"medicationRequests": medicines(text("furosemide 40 mg"))}
        response = http.post(f"/cds-services/{service['id']}", json=hook_call(prefetch=prefetch))
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        cards = check_cards(json.loads(response.content))
        assert cards and cards[0]["indicator"] in ("info", "warning")
        feedback = {"feedback": [{"card": cards[0]["uuid"], "outcome": "accepted",
                                  "outcomeTimestamp": AT.isoformat()}]}  # fmt: skip
        assert http.post(f"/cds-services/{service['id']}/feedback", json=feedback).is_success
        too_big = http.post(f"/cds-services/{service['id']}", content=b" " * (65 * 1024))
        assert too_big.status_code == 413
        assert too_big.headers["content-type"] == "application/problem+json"


def test_with_a_client_token_no_diary_is_read_without_it() -> None:
    from fastapi import FastAPI

    from spasmcare.api import problems
    from spasmcare.api.cds_auth import Trust
    from spasmcare.app import api_routers as routers

    looked_up: list[str] = []

    def lookup(patient: str) -> LatestSummary | None:
        looked_up.append(patient)
        return LatestSummary.of(AT, assess(EMERGENCY).as_json())

    app = FastAPI()
    for router in routers(lookup, Trust(token="s3cret")):
        app.include_router(router)
    problems.install(app)
    with TestClient(app) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}):
            refused = client.post(SERVICE, json=hook_call("pat-1"), headers=headers)
            assert refused.status_code == 401
            assert refused.headers["content-type"].startswith("application/problem+json")
        assert looked_up == []
        allowed = client.post(
            SERVICE, json=hook_call("pat-1"), headers={"Authorization": "Bearer s3cret"}
        )
    assert check_cards(allowed.json())[0]["indicator"] == "critical"
    assert looked_up == ["pat-1"]

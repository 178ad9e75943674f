"""Sharing and its records: consent that can be revoked at once, the patient's access log, the
clinician dashboard (most urgent first), CDS Hooks cards for a patient linked by their FHIR
Patient id, and the `users` and `tokens` commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from spasmcare import assess
from spasmcare.cli import app as cli
from spasmcare.diary.model import Assessment, Episode
from tests.clinic_helpers import PASSWORD, build, invitation_link, sign_in
from tests.test_api_cds_hooks import check_cards, hook_call
from tests.web_helpers import EMERGENCY_CASE, make_client


def _save(store: object, case: dict[str, object], days_ago: float = 1) -> None:
    at = datetime.now(UTC) - timedelta(days=days_ago)
    result = assess(case).as_json()
    store.add_assessment(Assessment(at, case, result, "test"))  # type: ignore[attr-defined]


def test_revoking_consent_applies_to_the_very_next_request(tmp_path: Path) -> None:
    world = build(tmp_path)
    page = f"/clinic/patients/{world.ids['owner']}"
    doctor = world.web["clinician"]
    assert doctor.client.get(page).status_code == 200
    world.web["owner"].post(f"/settings/sharing/{world.ids['clinician']}/revoke")
    assert doctor.client.get(page).status_code == 404
    assert doctor.client.get(page + "/report.pdf").status_code == 404


def test_only_a_clinician_signed_in_with_the_invited_email_can_accept(tmp_path: Path) -> None:
    world = build(tmp_path)
    owner = world.web["owner"]
    for who in ("other", "admin"):  # accounts that are not clinicians
        link = invitation_link(owner, f"{who}@example.org")
        refused = world.web[who].post(link + "/accept")
        assert refused.status_code == 400 and "Only a clinician account can accept" in refused.text
    link = invitation_link(owner, "ghost@example.org")
    wrong = world.web["no_consent"].post(link + "/accept")  # a clinician, another email
    assert wrong.status_code == 400 and "This invitation is for ghost@example.org" in wrong.text
    mine = owner.get("/settings/sharing").text.split('id="shares"')[1]
    for who in ("other", "admin", "no_consent", "ghost"):
        assert f"{who}@example.org" not in mine


def test_the_dashboard_puts_the_most_urgent_first(tmp_path: Path) -> None:
    world = build(tmp_path)
    services = world.services
    now = datetime.now(UTC).replace(tzinfo=None)
    names = ("calm", "urgent", "overdue")
    for name in names:
        who = services.people.sign_up(f"{name}@example.org", PASSWORD, now)
        services.consents.grant(who.id, services.people.get(world.ids["clinician"]), now)
        diary = services.store.as_owner(who.id)
        diary.add_episode(Episode(datetime.now(UTC) - timedelta(days=2), "calf"))
        if name == "urgent":
            _save(diary, EMERGENCY_CASE)
        if name == "overdue":
            _save(diary, {"region": "calf", "age": 40}, days_ago=30)
    page = world.web["clinician"].get("/clinic").text.split("<main")[1]
    order = [page.index(f"{n}@example.org") for n in ("urgent", "overdue", "calm")]
    assert order == sorted(order)
    assert "Check-in overdue" in page and "emergency" in page


CDS = {"SPASMCARE_CDS_TOKEN": "cds-secret"}
CDS_CLIENT = {"Authorization": "Bearer cds-secret"}


def test_cds_hooks_cards_for_a_patient_linked_by_fhir_id(tmp_path: Path) -> None:
    world = build(tmp_path, environ=CDS)
    services = world.services
    owner = world.ids["owner"]
    _save(services.store.as_owner(owner), EMERGENCY_CASE)
    fhir_id = services.people.fhir_id(owner)
    assert fhir_id and fhir_id in world.web["owner"].get("/settings/sharing").text
    client = world.web["anonymous"].client
    service = "/cds-services/spasmcare-patient-view"
    assert client.post(service, json=hook_call(fhir_id)).status_code == 401
    response = client.post(service, json=hook_call(fhir_id), headers=CDS_CLIENT)
    cards = check_cards(response.json())
    assert cards[0]["indicator"] == "critical"
    unknown = client.post(service, json=hook_call("nobody-1"), headers=CDS_CLIENT)
    assert check_cards(unknown.json())[0]["indicator"] == "info"
    log = world.web["owner"].get("/settings/access-log").text
    assert "electronic health record" in log


def test_cds_hooks_in_single_person_mode_use_the_stored_patient_id(tmp_path: Path) -> None:
    web = make_client(tmp_path, environ=CDS)
    services = web.client.app.state.web  # type: ignore[attr-defined]
    _save(services.store, EMERGENCY_CASE)
    bundle = web.client.get("/export/fhir").json()
    patient = next(
        e["resource"]["id"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    response = web.client.post(
        "/cds-services/spasmcare-patient-view", json=hook_call(patient), headers=CDS_CLIENT
    )
    assert check_cards(response.json())[0]["indicator"] == "critical"


def test_users_and_tokens_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    home = ["--home", str(tmp_path)]
    added = runner.invoke(
        cli,
        ["users", "add", "doc@example.org", "--role", "clinician", "--password-stdin", *home],
        input=PASSWORD + "\n",
    )
    assert added.exit_code == 0, added.output
    bad = runner.invoke(
        cli,
        ["users", "add", "x@example.org", "--role", "king", "--password-stdin", *home],
        input=PASSWORD + "\n",
    )
    assert bad.exit_code == 2
    listed = runner.invoke(cli, ["users", "list", *home])
    assert "clinician\tdoc@example.org" in listed.output
    made = runner.invoke(cli, ["tokens", "create", "--scope", "read", *home])
    assert made.exit_code == 0
    token = made.stdout.strip().splitlines()[0]
    ident = token.split("_")[1]
    assert ident in runner.invoke(cli, ["tokens", "list", *home]).output
    web = make_client(tmp_path)
    auth = {"Authorization": f"Bearer {token}"}
    assert web.client.get("/api/v1/profile", headers=auth).status_code == 200
    assert runner.invoke(cli, ["tokens", "revoke", ident, *home]).exit_code == 0
    assert web.client.get("/api/v1/profile", headers=auth).status_code == 401
    assert runner.invoke(cli, ["tokens", "create", "--scope", "admin", *home]).exit_code == 2
    doc = make_client(tmp_path, multi_user=True)
    sign_in(doc, "doc@example.org")
    assert doc.get("/clinic").status_code == 200

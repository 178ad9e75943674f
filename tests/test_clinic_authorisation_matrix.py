"""Who may see a patient's data: every person-data endpoint (pages and API, the clinician's API
with read and write tokens included) for anonymous, the owner, another patient, a clinician with
consent, one without, one after revocation, and an admin. Only the owner and the consented
clinician ever see it: zero leaks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.clinic_helpers import SECRET, SECRET_MEDICINE, World, bearer, build

ACTORS = ("anonymous", "owner", "other", "clinician", "no_consent", "revoked", "admin")
SEES_OWNERS_DIARY = {"owner"}
"""Pages and API calls about 'my diary': only the owner's own session or token reads it."""
SEES_SHARED = {"owner", "clinician"}
"""The clinic pages of the owner's diary: the owner, and the clinician with consent."""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build(tmp_path_factory.mktemp("matrix"))


def _marked(body: bytes) -> bool:
    # the owner's note and medicine; on insights, their region (everyone else logs a foot)
    markers = (SECRET.encode(), SECRET_MEDICINE.encode(), b"mostly in the calf")
    return any(m in body for m in markers)


OWN_PAGES = ("/diary", "/insights", "/settings", "/export/json", "/export/csv", "/export/fhir")


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("path", OWN_PAGES)
def test_own_diary_pages(world: World, actor: str, path: str) -> None:
    response = world.web[actor].client.get(path, follow_redirects=False)
    if actor == "anonymous":
        assert response.status_code == 303 and response.headers["location"] == "/signin"
    else:
        assert response.status_code == 200
    assert _marked(response.content) == (actor in SEES_OWNERS_DIARY)


@pytest.mark.parametrize("actor", ACTORS)
def test_the_owners_episode_by_id(world: World, actor: str) -> None:
    web = world.web[actor]
    edit = web.client.get(f"/diary/{world.episode_id}/edit", follow_redirects=False)
    expected = {"anonymous": 303, "owner": 200}.get(actor, 404)
    assert edit.status_code == expected
    assert _marked(edit.content) == (actor == "owner")
    if actor not in ("owner", "anonymous"):
        assert web.post(f"/diary/{world.episode_id}/delete").status_code == 404


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("suffix", ("", "/report.pdf"))
def test_clinic_pages_of_the_owner(world: World, actor: str, suffix: str) -> None:
    path = f"/clinic/patients/{world.ids['owner']}{suffix}"
    response = world.web[actor].client.get(path, follow_redirects=False)
    expected = 200 if actor in SEES_SHARED else 303 if actor == "anonymous" else 404
    assert response.status_code == expected
    if suffix == "":
        assert (SECRET.encode() in response.content) == (actor in SEES_SHARED)


@pytest.mark.parametrize("actor", ACTORS)
def test_the_dashboard_lists_only_consented_patients(world: World, actor: str) -> None:
    response = world.web[actor].client.get("/clinic", follow_redirects=False)
    if actor == "anonymous":
        assert response.status_code == 303
        return
    is_clinician = actor in ("clinician", "no_consent", "revoked")
    assert response.status_code == (200 if is_clinician else 404)
    main = response.text.split('<main id="main"', 1)[1]  # the header names who is signed in
    assert ("owner@example.org" in main) == (actor == "clinician")


API_READS = (
    "/api/v1/episodes",
    "/api/v1/profile",
    "/api/v1/insights",
    "/api/v1/exports/json",
    "/api/v1/exports/csv",
    "/api/v1/exports/fhir",
)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("path", API_READS)
def test_api_reads(world: World, actor: str, path: str) -> None:
    client = world.web["anonymous"].client
    headers = bearer(world.tokens[actor]) if actor != "anonymous" else {}
    response = client.get(path, headers=headers)
    if actor == "anonymous":
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.headers["www-authenticate"].startswith("Bearer")
    else:
        assert response.status_code == 200
    assert _marked(response.content) == (actor in SEES_OWNERS_DIARY)


@pytest.mark.parametrize("actor", ACTORS)
def test_api_writes_only_reach_the_callers_own_diary(world: World, actor: str) -> None:
    client = world.web["anonymous"].client
    headers = bearer(world.tokens[actor]) if actor != "anonymous" else {}
    owner = world.services.store.as_owner(world.ids["owner"])
    before = (owner.count(), owner.profile(), len(owner.checkins()))
    calls = [
        client.post("/api/v1/episodes", json={"region": "foot"}, headers=headers),
        client.patch("/api/v1/profile", json={"age": 33}, headers=headers),
        client.post("/api/v1/check-ins", json={"answer": "same"}, headers=headers),
    ]
    for response in calls:
        if actor == "anonymous":
            assert response.status_code == 401
        else:
            assert response.status_code in (200, 201), response.text
            assert not _marked(response.content) or actor == "owner"
    if actor != "owner":
        assert (owner.count(), owner.profile(), len(owner.checkins())) == before
    else:  # put the owner's diary back as it was for the other cases
        new = owner.episodes()[0]
        assert new.region == "foot" and new.id is not None
        owner.delete_episode(new.id)
        assert before[1] is not None
        owner.save_profile(before[1])


def test_the_access_log_names_only_the_consented_clinician(world: World) -> None:
    world.web["clinician"].get(f"/clinic/patients/{world.ids['owner']}")
    page = world.web["owner"].get("/settings/access-log").text
    assert "clinician@example.org (clinician)" in page
    assert "viewed the diary and assessments" in page
    assert "revoked@example.org" in page  # it looked once, before the revocation
    for nobody in ("no_consent@", "other@", "admin@"):
        assert nobody not in page
    other = world.web["other"].get("/settings/access-log").text
    assert "clinician@example.org" not in other


# The clinician's API: every endpoint about a patient, for every actor's read and write token.
PATIENT_READS = ("episodes", "assessments", "report.pdf", "fhir")
NOBODY = 2**31 - 1
"""An id no person has."""


@pytest.fixture(scope="module")
def read_tokens(world: World) -> dict[str, str]:
    now = datetime.now(UTC).replace(tzinfo=None)
    made = {a: world.services.tokens.create(world.ids[a], "read", "api", now) for a in world.ids}
    return {actor: text for actor, (_, text) in made.items()}


def _token(world: World, read_tokens: dict[str, str], actor: str, scope: str) -> dict[str, str]:
    if actor == "anonymous":
        return {}
    return bearer((read_tokens if scope == "read" else world.tokens)[actor])


def _shows_the_owner(body: bytes) -> bool:
    return _marked(body) or body.startswith(b"%PDF") or b'"knowledge_version":"test"' in body


@pytest.mark.parametrize("scope", ("read", "write"))
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("what", PATIENT_READS)
def test_clinician_api_reads_of_the_owner(
    world: World, read_tokens: dict[str, str], actor: str, scope: str, what: str
) -> None:
    client = world.web["anonymous"].client
    headers = _token(world, read_tokens, actor, scope)
    response = client.get(f"/api/v1/patients/{world.ids['owner']}/{what}", headers=headers)
    allowed = actor == "clinician" and scope == "read"
    is_clinician = actor in ("clinician", "no_consent", "revoked")
    expected = (
        401 if actor == "anonymous"
        else 200 if allowed
        else 404 if is_clinician and scope == "read"
        else 403
    )  # fmt: skip
    assert response.status_code == expected, response.text
    assert _shows_the_owner(response.content) == allowed
    if not allowed:
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("actor", ("clinician", "no_consent", "revoked"))
@pytest.mark.parametrize("what", PATIENT_READS)
def test_a_patient_not_sharing_looks_the_same_as_nobody(
    world: World, read_tokens: dict[str, str], actor: str, what: str
) -> None:
    client = world.web["anonymous"].client
    headers = bearer(read_tokens[actor])
    answers = [
        client.get(f"/api/v1/patients/{ident}/{what}", headers=headers)
        for ident in (world.ids["other"], world.ids["admin"], NOBODY)
    ]
    if actor != "clinician":
        answers.append(client.get(f"/api/v1/patients/{world.ids['owner']}/{what}", headers=headers))
    shapes = {(r.status_code, r.json()["detail"]) for r in answers}
    assert shapes == {(404, "There is no such patient among those sharing with you.")}


@pytest.mark.parametrize("scope", ("read", "write"))
@pytest.mark.parametrize("actor", ACTORS)
def test_clinician_api_patient_list(
    world: World, read_tokens: dict[str, str], actor: str, scope: str
) -> None:
    client = world.web["anonymous"].client
    response = client.get("/api/v1/patients", headers=_token(world, read_tokens, actor, scope))
    if actor == "anonymous":
        assert response.status_code == 401
    elif actor in ("clinician", "no_consent", "revoked") and scope == "read":
        assert response.status_code == 200
        listed = [p["username"] for p in response.json()["patients"]]
        assert listed == (["owner@example.org"] if actor == "clinician" else [])
    else:
        assert response.status_code == 403
        assert b"owner@example.org" not in response.content


def test_the_access_log_shows_only_the_consented_clinicians_api_reads(
    world: World, read_tokens: dict[str, str]
) -> None:
    client = world.web["anonymous"].client
    for actor in ACTORS[1:]:
        for what in PATIENT_READS:
            client.get(f"/api/v1/patients/{world.ids['owner']}/{what}",
                       headers=bearer(read_tokens[actor]))  # fmt: skip
        client.get("/api/v1/patients", headers=bearer(read_tokens[actor]))
    entries = world.services.audit.page(world.ids["owner"])
    api_reads = {(e.actor, e.action) for e in entries if e.action.endswith("(API)")}
    assert api_reads == {
        ("clinician@example.org (clinician)", action)
        for action in (
            "read the episodes (API)",
            "read the assessments (API)",
            "downloaded the clinician report (API)",
            "downloaded the diary as FHIR (API)",
            "saw the diary's summary in the patient list (API)",
        )
    }
    page = world.web["owner"].get("/settings/access-log").text
    assert "read the episodes (API)" in page
    for actor in ("other", "admin", "no_consent"):
        assert not world.services.audit.page(world.ids[actor])

"""Who may see a patient's data: every person-data endpoint (pages and API) for anonymous, the
owner, another patient, a clinician with consent, one without, one after revocation, and an
admin. Only the owner and the consented clinician ever see it: zero leaks."""

from __future__ import annotations

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

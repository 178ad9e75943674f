"""Bad input gets the same clear refusal everywhere, on SQLite and on PostgreSQL: NUL characters
and ids no database holds give 400 or 404 (never 500), one body limit holds for chunked bodies
too, one note length for the API, the pages and imports, no coercion of true or "5", and a
crafted import says "line N: field: what is wrong" and changes nothing (security review
findings 11, 12, 14 and 15)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spasmcare.api.intake import MAX_BODY
from spasmcare.cli import app as cli
from spasmcare.diary.model import MAX_ID, NOTE_MAX
from tests.clinic_helpers import World, bearer, build
from tests.test_diary_fixtures import BACKENDS, _empty_postgres, cli_env, diary_settings
from tests.test_diary_fixtures import postgres_server as postgres_server

__all__ = ["cli_env", "diary_settings", "postgres_server"]

TOO_BIG = MAX_ID + 1


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> World:
    """Patients, clinicians and tokens in one multi-user app, on each backend in turn."""
    environ: dict[str, str] = {}
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_server")
        _empty_postgres(url)
        environ["SPASMCARE_DATABASE_URL"] = url
    return build(tmp_path_factory.mktemp(request.param), raise_errors=False, environ=environ)


def _notes(world: World) -> list[str]:
    mine = world.services.store.as_owner(world.ids["owner"])
    return [e.notes for e in mine.episodes()]


def _refused(response: Any, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:300])


def test_nul_characters_are_refused_with_the_field_never_a_500(world: World) -> None:
    before = _notes(world)
    api = world.web["owner"].client
    token = bearer(world.tokens["owner"])
    posted = api.post("/api/v1/episodes", json={"region": "calf", "notes": "a\u0000b"},
                      headers=token)  # fmt: skip
    _refused(posted, 400)
    assert posted.json()["errors"][0]["field"] == "notes"
    _refused(api.post("/api/v1/check-ins", json={"answer": "same", "note": "\u0000"},
                      headers=token), 400)  # fmt: skip
    page = world.web["owner"].post("/diary/log", {"region": "calf", "notes": "x\x00y"})
    _refused(page, 400)
    assert "notes" in page.text and "NUL" in page.text
    _refused(world.web["owner"].post("/settings/sharing", {"email": "a\x00@example.org"}), 400)
    _refused(world.web["owner"].post("/settings/tokens", {"name": "p\x00", "scope": "read"}), 400)
    _refused(world.web["anonymous"].post("/signin", {"username": "x\x00", "password": "y"}), 400)
    _refused(api.get("/api/v1/episodes?cursor=1.1%00", headers=token), 400)
    assert _notes(world) == before


def test_ids_beyond_the_database_integer_are_400_or_404(world: World) -> None:
    owner, clinician = world.web["owner"], world.web["clinician"]
    _refused(owner.get(f"/diary/{TOO_BIG}/edit"), 400, 404)
    _refused(owner.post(f"/diary/{TOO_BIG}/edit", {"region": "calf"}), 400, 404)
    _refused(owner.post(f"/diary/{TOO_BIG}/delete"), 400, 404)
    _refused(owner.post(f"/settings/sharing/{TOO_BIG}/revoke"), 400, 404)
    _refused(owner.get(f"/settings/access-log?before={TOO_BIG}"), 400)
    _refused(clinician.get(f"/clinic?after={TOO_BIG}"), 400)
    _refused(clinician.get(f"/clinic/patients/{TOO_BIG}"), 400, 404)
    api = owner.client
    mine = bearer(world.tokens["owner"])
    # A cursor past the largest id is past the end: an empty page, as the schema allows.
    old = api.get(f"/api/v1/episodes?cursor=1.{TOO_BIG}", headers=mine)
    assert old.status_code == 200 and old.json()["episodes"] == []
    reader = world.services.tokens.create(world.ids["clinician"], "read", "r", _now())[1]
    after = api.get(f"/api/v1/patients?cursor={TOO_BIG}", headers=bearer(reader))
    assert after.status_code == 200 and after.json()["patients"] == []
    assert api.get("/api/v1/patients", headers=bearer(reader)).json()["patients"]
    assert owner.get(f"/diary/{world.episode_id}/edit").status_code == 200


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _chunks(size: int) -> Iterator[bytes]:
    for _ in range(size // 1024):
        yield b"notes=" + b"x" * 1018


def test_one_body_limit_holds_for_chunked_bodies_on_every_route(world: World) -> None:
    before = _notes(world)
    owner = world.web["owner"]
    owner.get("/diary")
    form = owner.client.post(
        "/diary/log", content=_chunks(4 * MAX_BODY),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    _refused(form, 413)
    assert "content-length" not in {k.lower() for k in form.request.headers}  # chunked
    api = owner.client.post(
        "/api/v1/episodes", content=_chunks(4 * MAX_BODY),
        headers={**bearer(world.tokens["owner"]), "Content-Type": "application/json"},
    )  # fmt: skip
    _refused(api, 413)
    assert api.json()["status"] == 413
    assert _notes(world) == before


def test_one_note_length_for_the_api_and_the_pages(world: World) -> None:
    owner = world.web["owner"]
    token = bearer(world.tokens["owner"])
    longest, too_long = "n" * NOTE_MAX, "m" * (NOTE_MAX + 1)
    over = owner.client.post("/api/v1/episodes", json={"region": "calf", "notes": too_long},
                             headers=token)  # fmt: skip
    _refused(over, 422)
    page = owner.post("/diary/log", {"region": "calf", "notes": too_long})
    _refused(page, 400)
    assert f"at most {NOTE_MAX} characters" in page.text
    assert too_long not in _notes(world)
    ok = owner.client.post("/api/v1/episodes", json={"region": "calf", "notes": longest},
                           headers=token)  # fmt: skip
    assert ok.status_code == 201
    assert owner.post("/diary/log", {"region": "foot", "notes": longest}).status_code == 200
    assert _notes(world).count(longest) == 2


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/episodes", {"region": "calf", "severity": True}),
        ("/api/v1/episodes", {"region": "calf", "severity": "5"}),
        ("/api/v1/episodes", {"region": "calf", "started_at": 1_700_000_000}),
        ("/api/v1/episodes", {"region": "calf", "started_at": "1700000000"}),
        ("/api/v1/episodes", {"region": "calf", "duration_minutes": "3"}),
        ("/api/v1/check-ins", {"answer": "same", "note": 5}),
    ],
)  # fmt: skip
def test_the_api_refuses_values_it_would_have_to_convert(
    world: World, path: str, body: dict[str, Any]
) -> None:
    owner = world.web["owner"]
    before = _notes(world)
    refused = owner.client.post(path, json=body, headers=bearer(world.tokens["owner"]))
    _refused(refused, 422)
    field = next(iter(set(body) - {"region", "answer"}))
    assert refused.json()["errors"][0]["field"] == field
    assert _notes(world) == before


def test_the_profile_refuses_text_for_a_yes_or_no(world: World) -> None:
    token = bearer(world.tokens["owner"])
    client = world.web["owner"].client
    before = client.get("/api/v1/profile", headers=token).json()
    for body in ({"pregnant": "yes"}, {"pregnant": 1}, {"age": "61"}, {"age": True}):
        _refused(client.patch("/api/v1/profile", json=body, headers=token), 422)
    assert client.get("/api/v1/profile", headers=token).json() == before


# Crafted imports --------------------------------------------------------------------------

HEADER = '{"format": "spasmcare-diary", "version": 1}\n'
GOOD = '{"kind": "episode", "started_at": "2024-05-01T10:00:00+00:00", "region": "calf"}\n'


def _episode(**fields: Any) -> str:
    return json.dumps({"kind": "episode", "started_at": "2024-05-01T10:00:00+00:00",
                       "region": "calf", **fields}) + "\n"  # fmt: skip


def _fhir_two_people() -> str:
    def observation(ident: str, who: str) -> dict[str, Any]:
        return {
            "resourceType": "Observation", "id": ident, "status": "final",
            "code": {"text": "Muscle spasm"}, "subject": {"reference": f"Patient/{who}"},
            "effectiveDateTime": "2024-05-01T10:00:00+00:00",
        }  # fmt: skip

    entries = [{"resource": observation("a", "me")}, {"resource": observation("b", "someone")}]
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries})


def _deep_fhir_extension() -> str:
    ext: dict[str, Any] = {"url": "http://example.org/x", "valueString": "v"}
    for _ in range(300):
        ext = {"url": "http://example.org/x", "extension": [ext]}
    patient = {"resourceType": "Patient", "id": "p", "extension": [ext]}
    return json.dumps({"resourceType": "Bundle", "type": "collection",
                       "entry": [{"resource": patient}]})  # fmt: skip


CRAFTED: list[tuple[str, bytes, str]] = [
    ("year 1", (HEADER + _episode(started_at="0001-01-01T00:00")).encode(), "line 2: started_at"),
    ("year 1 zoned", (HEADER + _episode(started_at="0001-01-01T00:30+01:00")).encode(),
     "line 2: started_at"),
    ("deep json", (HEADER + "[" * 100_000 + "]" * 100_000 + "\n").encode(), "line 2: json"),
    ("lone surrogate", (HEADER + GOOD + _episode(notes="\ud800")).encode("utf-8", "surrogatepass")
     .replace(b"\xed\xa0\x80", b"\\ud800"), "line 3: notes"),
    ("surrogate in a check-in", (HEADER + '{"kind": "checkin", "at": "2024-05-01T10:00:00+00:00",'
     ' "answer": "same", "note": "\\udfff"}\n').encode(), "line 2: note"),
    ("invalid utf-8", HEADER.encode() + GOOD.encode() + b'{"kind": "\xff\xfe"}\n',
     "line 3: file: not UTF-8"),
    ("nul", (HEADER + _episode(notes="a\u0000b")).encode(), "line 2: notes"),
    ("nul in a trigger", (HEADER + _episode(triggers=["a\u0000"])).encode(), "line 2: triggers"),
    ("id too big", (HEADER + _episode(id=2**40)).encode(), "line 2: id"),
    ("long note", (HEADER + GOOD + _episode(notes="x" * (NOTE_MAX + 1))).encode(),
     "line 3: notes"),
    ("long version", (HEADER + '{"kind": "assessment", "at": "2024-05-01T10:00:00+00:00", '
     '"case": {}, "result": {}, "knowledge_version": "' + "v" * 65 + '"}\n').encode(),
     "line 2: knowledge_version"),
    ("csv nul", (b"kind,id,started_at,region,side,severity,duration_minutes,triggers,helped,"
     b"associated,notes,deleted_at,data\r\nepisode,,2024-05-01T10:00:00+00:00,calf,,,,[],[],,"
     b"a\x00b,,\r\n"), "line 2: notes"),
    ("another patient", _fhir_two_people().encode(), "Bundle.entry[1] Observation/b.subject"),
]  # fmt: skip


def test_a_deeply_nested_extension_is_read_without_a_traceback_and_changes_nothing(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """Valid R4, 300 levels deep: read in full, reported as holding nothing to import."""
    runner = CliRunner()
    assert runner.invoke(cli, ["log", "--region", "foot"], env=cli_env).exit_code == 0
    crafted = tmp_path / "deep.json"
    crafted.write_text(_deep_fhir_extension())
    result = runner.invoke(cli, ["import", str(crafted), "--yes"], env=cli_env)
    assert result.exit_code == 1, result.output
    assert "Patient/p" in result.output and "Traceback" not in result.output, result.output
    listed = runner.invoke(cli, ["diary", "list", "--json"], env=cli_env)
    assert [e["region"] for e in json.loads(listed.output)] == ["foot"]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CRAFTED],
                         ids=[c[0] for c in CRAFTED])  # fmt: skip
def test_a_crafted_import_names_the_line_and_field_and_changes_nothing(
    cli_env: dict[str, str], tmp_path: Path, content: bytes, expected: str
) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["log", "--region", "foot"], env=cli_env).exit_code == 0
    crafted = tmp_path / "crafted"
    crafted.write_bytes(content)
    result = runner.invoke(cli, ["import", str(crafted)], env=cli_env)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert expected in result.output and "Traceback" not in result.output, result.output
    listed = runner.invoke(cli, ["diary", "list", "--json"], env=cli_env)
    assert [e["region"] for e in json.loads(listed.output)] == ["foot"]

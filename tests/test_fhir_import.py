"""FHIR import: a Bundle or NDJSON export comes back exactly for the profile, the episodes and
the saved assessments, all or nothing, and a bad resource is named with its field."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.diary.model import Diary, Episode, Profile
from spasmcare.errors import TransferError
from spasmcare.fhir.export import write as write_fhir
from spasmcare.fhir.patient import stored_id
from spasmcare.formats import files
from tests.test_diary_transfer import episodes

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
PATIENT = "3f1c7a52-0d7e-4c7e-9a51-0b8e8d3c2a11"
runner = CliRunner()


def run(home: Path, *args: str, code: int = 0) -> str:
    env = {"SPASMCARE_HOME": str(home), "SPASMCARE_DATABASE_URL": ""}
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, result.output
    return result.output


def lines_of(path: Path, kind: str) -> list[dict[str, Any]]:
    found = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [r for r in found if r.get("kind") == kind]


@pytest.mark.parametrize("form", files.FHIR_FORMATS)
@settings(max_examples=40, deadline=None)
@given(found=st.lists(episodes, max_size=6))
def test_any_episode_survives_a_fhir_export_and_import(form: str, found: list[Episode]) -> None:
    diary = Diary(profile=Profile(age=50, sex="other", medications=("a, b", 'q"uote')),
                  episodes=tuple(found))  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"diary.{form}"
        with path.open("w", encoding="utf-8", newline="") as out:
            files.write(diary, out, form, PATIENT)
        back = list(files.read(path, NOW))
    assert back == [diary.profile, *found]
    offsets = [e.started_at.utcoffset() for e in back[1:] if isinstance(e, Episode)]
    assert offsets == [e.started_at.utcoffset() for e in found]


@pytest.mark.parametrize("form", files.FHIR_FORMATS)
def test_cli_round_trip_into_an_empty_home_gives_the_same_json(tmp_path: Path, form: str) -> None:
    home = tmp_path / "home"
    run(home, "demo", "--episodes", "25", "--seed", "3")
    run(home, "profile", "--age", "64", "--sex", "male", "--medication", "atorvastatin")
    run(home, "log", "--region", "calf", "--severity", "8", "--duration-minutes", "12",
        "--side", "left", "--trigger", "long run", "--helped", "stretching=a_little",
        "--associated", "swelling", "--note", "line one\nline two")  # fmt: skip
    run(home, "diary", "delete", "2")
    original, exported, back = tmp_path / "a.jsonl", tmp_path / f"b.{form}", tmp_path / "c.jsonl"
    run(home, "export", "--format", "json", "--out", str(original))
    assert "Exported 26 episodes" in run(home, "export", "--format", form, "--out", str(exported))
    out = run(tmp_path / "empty", "import", str(exported))
    assert "Imported 26 episodes" in out
    run(tmp_path / "empty", "export", "--format", "json", "--out", str(back))
    assert lines_of(back, "episode") == lines_of(original, "episode")
    assert lines_of(back, "profile") == lines_of(original, "profile")


def _resources(text: str, form: str) -> list[dict[str, Any]]:
    if form == "fhir":
        return [entry["resource"] for entry in json.loads(text)["entry"]]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _text(resources: list[dict[str, Any]], form: str) -> str:
    if form == "fhir":
        entries = [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources]
        return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries})
    return "".join(json.dumps(r) + "\n" for r in resources)


@pytest.mark.parametrize("form", files.FHIR_FORMATS)
def test_saved_assessments_survive_a_fhir_export_and_import(tmp_path: Path, form: str) -> None:
    home, original = tmp_path / "home", tmp_path / "a.jsonl"
    run(home, "demo", "--episodes", "12", "--seed", "5")  # saves an assessment of the newest
    run(home, "export", "--format", "json", "--out", str(original))
    (linked,) = lines_of(original, "assessment")
    unlinked = {**linked, "id": linked["id"] + 1, "episode_id": None,
                "at": "2025-01-05T08:30:00.250000+01:00"}  # fmt: skip
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"format": "spasmcare-diary", "version": 1}\n' + json.dumps(unlinked) + "\n")
    run(home, "import", str(extra))
    run(home, "export", "--format", "json", "--out", str(original))
    exported, back = tmp_path / f"b.{form}", tmp_path / "c.jsonl"
    run(home, "export", "--format", form, "--out", str(exported))
    run(tmp_path / "empty", "import", str(exported))
    run(tmp_path / "empty", "export", "--format", "json", "--out", str(back))
    assessments = lines_of(back, "assessment")
    assert assessments == lines_of(original, "assessment")
    assert [a["episode_id"] for a in assessments] == [None, linked["episode_id"]]
    assert linked["episode_id"] in [e["id"] for e in lines_of(back, "episode")]
    assert lines_of(back, "episode") == lines_of(original, "episode")


@pytest.mark.parametrize("form", files.FHIR_FORMATS)
def test_a_damaged_saved_assessment_is_refused_and_nothing_stored(
    tmp_path: Path, form: str
) -> None:
    home, path = tmp_path / "home", tmp_path / f"x.{form}"
    run(home, "demo", "--episodes", "5", "--seed", "1")
    run(home, "export", "--format", form, "--out", str(path))
    found = _resources(path.read_text(encoding="utf-8"), form)
    number, risk = next(
        (n, r) for n, r in enumerate(found) if r["resourceType"] == "RiskAssessment"
    )
    (stored,) = risk["extension"]
    stored["extension"][1]["valueString"] = stored["extension"][1]["valueString"][:-1]  # cut off
    path.write_text(_text(found, form), encoding="utf-8")
    out = run(tmp_path / "empty", "import", str(path), code=2)
    where = f"line {number + 1}: " if form == "ndjson" else f"Bundle.entry[{number}] "
    assert f"{where}RiskAssessment/{risk['id']}.extension[assessment].extension[result]" in out
    assert "a JSON object as text" in out
    back = tmp_path / "back.jsonl"
    run(tmp_path / "empty", "export", "--format", "json", "--out", str(back))
    assert lines_of(back, "episode") == lines_of(back, "assessment") == []


def test_an_assessment_must_refer_to_resources_earlier_in_the_file(tmp_path: Path) -> None:
    home, path = tmp_path / "home", tmp_path / "x.ndjson"
    run(home, "demo", "--episodes", "3", "--seed", "1")
    run(home, "export", "--format", "ndjson", "--out", str(path))
    found = _resources(path.read_text(encoding="utf-8"), "ndjson")
    (risk,) = [r for r in found if r["resourceType"] == "RiskAssessment"]
    risk["basis"][-1]["reference"] = "Observation/elsewhere"
    out = run(tmp_path / "empty", "import", str(write_lines(path, found)), code=2)
    assert f"RiskAssessment/{risk['id']}.basis: 'Observation/elsewhere' is not allowed" in out


def test_a_risk_assessment_from_another_system_imports_only_the_episodes(tmp_path: Path) -> None:
    home, path = tmp_path / "home", tmp_path / "x.ndjson"
    run(home, "demo", "--episodes", "3", "--seed", "1")
    run(home, "export", "--format", "ndjson", "--out", str(path))
    found = _resources(path.read_text(encoding="utf-8"), "ndjson")
    (risk,) = [r for r in found if r["resourceType"] == "RiskAssessment"]
    del risk["extension"], risk["identifier"]
    write_lines(path, found)
    assert "Imported 3 episodes" in run(tmp_path / "empty", "import", str(path))
    back = tmp_path / "back.jsonl"
    run(tmp_path / "empty", "export", "--format", "json", "--out", str(back))
    assert len(lines_of(back, "episode")) == 3 and lines_of(back, "assessment") == []


def test_the_patient_id_is_kept_with_the_diary(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run(home, "log", "--region", "foot")
    ids = []
    for n in range(2):
        path = tmp_path / f"{n}.ndjson"
        run(home, "export", "--format", "ndjson", "--out", str(path))
        ids.append(json.loads(path.read_text(encoding="utf-8").splitlines()[0])["id"])
    assert ids[0] == ids[1] == stored_id(home)


def ndjson(tmp_path: Path) -> list[dict[str, Any]]:
    diary = Diary(episodes=(Episode(NOW, "calf", severity=4, id=7), Episode(NOW, "foot", id=8)))
    path = tmp_path / "x.ndjson"
    with path.open("w", encoding="utf-8") as out:
        write_fhir(diary, out, "ndjson", PATIENT)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_lines(path: Path, resources: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in resources), encoding="utf-8")
    return path


def error_of(path: Path) -> TransferError:
    with pytest.raises(TransferError) as caught:
        list(files.read(path, NOW))
    return caught.value


def test_a_bad_value_names_the_line_resource_and_field(tmp_path: Path) -> None:
    found = ndjson(tmp_path)
    found[2]["valueInteger"] = 11
    error = error_of(write_lines(tmp_path / "bad.ndjson", found))
    assert error.line == 3
    assert error.field == f"Observation/{found[2]['id']}.valueInteger"
    assert "0 to 10" in str(error)


def test_an_invalid_fhir_shape_is_named_by_the_r4b_models(tmp_path: Path) -> None:
    found = ndjson(tmp_path)
    found[1]["effectiveDateTime"] = "yesterday"
    error = error_of(write_lines(tmp_path / "bad.ndjson", found))
    assert (error.line, error.field) == (2, f"Observation/{found[1]['id']}.effectiveDateTime")


def test_a_bad_bundle_entry_is_named_with_its_position(tmp_path: Path) -> None:
    found = ndjson(tmp_path)
    found[2]["extension"][0]["valueCode"] = "tail"
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in found],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bundle, indent=2), encoding="utf-8")
    error = error_of(path)
    assert error.field == f"Bundle.entry[2] Observation/{found[2]['id']}.extension[region]"
    assert "'tail' is not allowed" in str(error)


def test_an_unknown_resource_type_is_refused(tmp_path: Path) -> None:
    found = [*ndjson(tmp_path), {"resourceType": "Spasm", "id": "x"}]
    error = error_of(write_lines(tmp_path / "bad.ndjson", found))
    assert error.line == 4 and error.field == "Spasm/x.resourceType"


@pytest.mark.parametrize("form", files.FHIR_FORMATS)
def test_a_bad_last_resource_leaves_the_diary_untouched(tmp_path: Path, form: str) -> None:
    home = tmp_path / "home"
    run(home, "demo", "--episodes", "5", "--seed", "1")
    path = tmp_path / f"x.{form}"
    run(home, "export", "--format", form, "--out", str(path))
    path.write_text(_last_severity_out_of_range(path.read_text(encoding="utf-8"), form), "utf-8")
    out = run(tmp_path / "empty", "import", str(path), code=2)
    assert "valueInteger" in out and "Observation/" in out
    assert run(tmp_path / "empty", "diary", "list").strip() == "No episodes."


def _last_severity_out_of_range(text: str, form: str) -> str:
    """The export with its last episode's severity (an Observation's valueInteger) set to 99."""
    if form == "fhir":  # one Bundle
        bundle = json.loads(text)
        resources = [entry["resource"] for entry in bundle["entry"]]
    else:  # one resource a line
        resources = [json.loads(line) for line in text.splitlines() if line.strip()]
    [r for r in resources if r["resourceType"] == "Observation"][-1]["valueInteger"] = 99
    if form == "fhir":
        return json.dumps(bundle)
    return "".join(json.dumps(r) + "\n" for r in resources)


def test_export_refuses_an_unknown_format(tmp_path: Path) -> None:
    out = run(tmp_path, "export", "--format", "hl7v2", "--out", str(tmp_path / "x"), code=2)
    assert "allowed: json, csv, fhir, ndjson" in out

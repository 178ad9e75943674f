"""Importing another system's FHIR record (Synthea-like): the import says what it read, used
and left out and why, asks first, brings in the birth date, sex, current medicines and
conditions and pain scores, refuses a file that names another patient, and validates against
FHIR R4 itself (R4-only resources are R4; a bad required code is not)."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from spasmcare.cli import app
from tests import synthea_like as s
from tests.web_helpers import make_client

runner = CliRunner()


def age(year: int, month: int, day: int) -> int:
    """Whole years since that birthday, today (the import counts from today)."""
    today = date.today()
    return today.year - year - ((today.month, today.day) < (month, day))


def run(home: Path, *args: str, code: int = 0, answer: str | None = None) -> str:
    env = {"SPASMCARE_HOME": str(home), "SPASMCARE_DATABASE_URL": ""}
    result = runner.invoke(app, list(args), env=env, input=answer)
    assert result.exit_code == code, result.output
    return result.output


def write(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def ndjson(path: Path, resources: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in resources), encoding="utf-8")
    return path


def stored(home: Path, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "stored.jsonl"
    run(home, "export", "--format", "json", "--out", str(out))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()[1:]]


def test_a_synthea_record_is_reported_confirmed_and_brought_in(tmp_path: Path) -> None:
    home, bundle = tmp_path / "home", write(tmp_path / "synthea.json", s.transaction())
    out = run(home, "import", str(bundle), answer="y\n")
    assert "Read 11 resources (3 Condition, 1 Encounter, 3 MedicationRequest, " in out
    assert "Encounter/" + s.ENCOUNTER + ": spasmcare keeps nothing from Encounter" in out
    assert "clinicalStatus resolved: not a current condition" in out
    assert "status stopped: not a medicine taken now" in out
    assert "only pain severity (LOINC 72514-3) becomes an episode" in out
    assert "names no body site" in out  # the first pain score, without --region
    assert "Bring these into your diary (1 episode and the profile changes)? [y/N]" in out
    assert "Imported 1 episodes" in out
    profile, episode = stored(home, tmp_path)
    assert profile["age"] == age(1950, 3, 2) and profile["sex"] == "female"
    assert profile["medications"] == [
        "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet",
        "lisinopril 10 MG Oral Tablet",
    ]
    assert profile["conditions"] == ["Diabetes", "Hypertension"]
    assert (episode["region"], episode["side"], episode["severity"]) == ("calf", "right", 7)
    assert episode["started_at"] == "2025-12-01T18:30:00-05:00"
    assert "Observation/f0c1a2b3-0000-4000-8000-000000000002" in episode["notes"]


def test_saying_no_stores_nothing(tmp_path: Path) -> None:
    home, bundle = tmp_path / "home", write(tmp_path / "synthea.json", s.transaction())
    out = run(home, "import", str(bundle), "--region", "thigh", answer="n\n", code=1)
    assert "(2 episodes and the profile changes)?" in out and "Nothing imported." in out
    assert stored(home, tmp_path) == []


def test_yes_imports_without_asking_and_region_places_scores_without_a_site(
    tmp_path: Path,
) -> None:
    home, bundle = tmp_path / "home", write(tmp_path / "synthea.json", s.transaction())
    out = run(home, "import", str(bundle), "--yes", "--region", "lower_back")
    assert "[y/N]" not in out
    regions = [r["region"] for r in stored(home, tmp_path) if r["kind"] == "episode"]
    assert regions == ["lower_back", "calf"]


def test_the_profile_keeps_what_the_person_said_and_gains_new_medicines(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run(home, "profile", "--age", "70", "--sex", "female", "--medication", "Lisinopril 10 mg "
        "oral tablet")  # fmt: skip
    bundle = write(tmp_path / "synthea.json", s.transaction())
    out = run(home, "import", str(bundle), "--yes")
    assert "profile: age kept as 70 (the record says born 1950-03-02)" in out
    profile = stored(home, tmp_path)[0]
    assert profile["age"] == 70
    assert profile["medications"] == [
        "Lisinopril 10 mg oral tablet",
        "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet",
    ]  # the same medicine in other letters is not added twice


def test_a_bare_patient_gives_its_age_and_sex(tmp_path: Path) -> None:
    home = tmp_path / "home"
    patient = write(tmp_path / "patient.json", s.patient(gender="male", birthDate="1980"))
    out = run(home, "import", str(patient), "--yes")
    assert "Read 1 resource (1 Patient)." in out
    # A year alone counts from its last day, so the age is never overstated.
    assert f"age {age(1980, 12, 31)} and sex male for the profile" in out
    assert stored(home, tmp_path)[0]["sex"] == "male"


def test_a_file_with_nothing_to_use_says_so_and_fails(tmp_path: Path) -> None:
    record = s.transaction([s.encounter(), s.height("h1")])
    out = run(tmp_path / "home", "import", str(write(tmp_path / "e.json", record)), code=1)
    assert "Used none of them." in out
    assert "is something spasmcare can import; nothing changed." in out


def test_a_bundle_naming_another_patient_is_refused(tmp_path: Path) -> None:
    other = "0a0a0a0a-1b1b-4c4c-8d8d-9e9e9e9e9e9e"
    record = s.transaction([s.patient(), s.pain("p1", 5, "2025-11-04T09:06:00-05:00", other)])
    out = run(tmp_path / "home", "import", str(write(tmp_path / "b.json", record)), "--yes",
              code=2)  # fmt: skip
    assert (
        f"Bundle.entry[1] Observation/p1.subject: names urn:uuid:{other}, another patient " in out
    )
    assert stored(tmp_path / "home", tmp_path) == []


def test_ndjson_of_several_patients_is_refused(tmp_path: Path) -> None:
    patients = [s.patient(), s.patient("0a0a0a0a-1b1b-4c4c-8d8d-9e9e9e9e9e9e")]
    out = run(tmp_path / "home", "import", str(ndjson(tmp_path / "p.ndjson", patients)), code=2)
    assert "the file holds 2 patients (Patient/b7a2c0de" in out
    assert "import one person's record at a time" in out


def test_validation_is_r4_itself(tmp_path: Path) -> None:
    product = {"resourceType": "MedicinalProduct", "id": "mp1", "name": [{"productName": "X"}]}
    out = run(tmp_path / "a", "import", str(write(tmp_path / "mp.json", s.transaction([product]))),
              code=1)  # fmt: skip
    assert "MedicinalProduct/mp1: spasmcare keeps nothing from MedicinalProduct resources" in out
    bogus = s.pain("p1", 5, "2025-11-04T09:06:00-05:00", status="bogus")
    out = run(tmp_path / "b", "import", str(write(tmp_path / "bogus.json", s.transaction([bogus]))),
              code=2)  # fmt: skip
    assert (
        "Bundle.entry[0] Observation/p1.status: 'bogus' is not allowed; allowed: registered, "
        in (out)
    )


def test_the_web_import_page_reports_and_imports_only_after_confirming(tmp_path: Path) -> None:
    browser = make_client(tmp_path)
    browser.get("/settings/import")
    upload = json.dumps(s.transaction()).encode()
    page = browser.client.post(
        "/settings/import",
        data={"csrf": browser.csrf, "region": "knee"},
        files={"file": ("synthea.json", upload, "application/fhir+json")},
    )
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Read 11 resources" in text and "spasmcare keeps nothing from Encounter" in text
    assert "Import 2 episodes and update my profile" in text
    assert "Imported" not in browser.get("/diary").text  # nothing stored before confirming
    payload = html.unescape(re.search(r'name="payload" value="([^"]*)"', page.text)[1])  # type: ignore[index]
    done = browser.client.post(
        "/settings/import/confirm",
        files={"payload": (None, payload), "csrf": (None, browser.csrf), "region": (None, "knee")},
    )
    assert done.status_code == 200 and "Imported 2 episodes and updated your profile." in done.text
    settings = html.unescape(browser.get("/settings").text)
    assert "lisinopril 10 MG Oral Tablet" in settings


def test_the_web_import_page_names_the_field_of_a_bad_file(tmp_path: Path) -> None:
    browser = make_client(tmp_path)
    browser.get("/settings/import")
    bad = s.transaction([s.pain("p1", 5, "2025-11-04T09:06:00-05:00", status="bogus")])
    page = browser.client.post(
        "/settings/import",
        data={"csrf": browser.csrf},
        files={"file": ("bad.json", json.dumps(bad).encode(), "application/fhir+json")},
    )
    assert page.status_code == 400
    assert "Observation/p1.status: &#39;bogus&#39; is not allowed" in page.text

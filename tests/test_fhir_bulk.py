"""FHIR Bulk Data NDJSON: `spasmcare export --format ndjson --out DIR` writes one file per
resource type, and `spasmcare import DIR` restores the diary from them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_fhir_import import run


def test_a_folder_gets_one_file_per_resource_type_and_imports_back(tmp_path: Path) -> None:
    home, folder = tmp_path / "home", tmp_path / "bulk"
    run(home, "demo", "--episodes", "12", "--seed", "4")
    run(home, "profile", "--age", "61", "--medication", "bendroflumethiazide")
    folder.mkdir()
    out = run(home, "export", "--format", "ndjson", "--out", str(folder))
    assert "Exported 12 episodes" in out and "Observation.ndjson" in out
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["CarePlan.ndjson", "Condition.ndjson", "Observation.ndjson",
                     "Patient.ndjson", "Questionnaire.ndjson", "QuestionnaireResponse.ndjson",
                     "RiskAssessment.ndjson"]  # fmt: skip
    for path in folder.iterdir():
        kinds = {json.loads(line)["resourceType"] for line in path.read_text().splitlines()}
        assert kinds == {path.name.removesuffix(".ndjson")}
    assert len((folder / "Observation.ndjson").read_text().splitlines()) == 12
    back = run(tmp_path / "empty", "import", str(folder))
    assert "Imported 12 episodes and 1 assessment" in back
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    run(home, "export", "--format", "json", "--out", str(before))
    run(tmp_path / "empty", "export", "--format", "json", "--out", str(after))
    # FHIR carries neither check-ins nor self-care steps (see spasmcare.fhir)
    kept = [line for line in before.read_text().splitlines()
            if '"kind": "checkin"' not in line and '"kind": "step"' not in line]  # fmt: skip
    assert after.read_text().splitlines() == kept


def test_a_folder_without_ndjson_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty-folder").mkdir()
    out = run(tmp_path / "home", "import", str(tmp_path / "empty-folder"), code=2)
    assert "holds .ndjson files; it has none" in out

"""A long import shows how far it is, says what it read and left out, and a FHIR file with
nothing for the diary in it is refused rather than "imported" as 0 episodes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.config import Settings
from spasmcare.diary import demo
from spasmcare.diary.model import Diary, Profile
from spasmcare.errors import Problem
from spasmcare.formats import files
from spasmcare.services.diary import Store, Tally, import_file

runner = CliRunner()
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _export(tmp_path: Path, form: str) -> Path:
    diary = Diary(Profile(age=60), tuple(demo.episodes(300, seed=2, now=NOW)))
    path = tmp_path / f"diary.{form}"
    with path.open("w", encoding="utf-8", newline="") as out:
        files.write(diary, out, form)
    return path


def _store(tmp_path: Path) -> Store:
    home = tmp_path / "home"
    return Store(Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}"))


def test_progress_is_told_as_a_fhir_bundle_is_read_and_stored(tmp_path: Path) -> None:
    path = _export(tmp_path, "fhir")
    heard: list[tuple[int, int]] = []
    last = Tally()

    def progress(tally: Tally) -> None:
        nonlocal last
        heard.append((tally.resources, tally.records))
        last = tally

    with _store(tmp_path) as store:
        count, _ = import_file(store, path, NOW, progress)
        assert count == 300 and store.count() == 300
    assert heard == sorted(heard) and len(heard) > 300  # it moves forward, step by step
    assert heard[0] == (1, 0)  # checked resources are told before anything is stored
    assert last.resources > 300 and last.records == 301  # the profile and 300 episodes
    assert not last.left_out  # a Patient with a profile, and episodes: all restored


def test_the_command_says_what_it_read_and_left_out(tmp_path: Path) -> None:
    first, path = str(tmp_path / "first"), tmp_path / "diary.fhir.json"
    runner.invoke(app, ["demo", "--episodes", "300", "--seed", "2", "--home", first])
    runner.invoke(app, ["export", "--format", "fhir", "--out", str(path), "--home", first])
    done = runner.invoke(app, ["import", str(path), "--home", str(tmp_path / "home")])
    assert done.exit_code == 0, done.output
    assert "Imported 300 episodes and 1 assessment" in done.output
    out = " ".join(done.output.split())
    assert "Read 311 resources" in out and "1 Questionnaire" in out


def test_a_fhir_file_with_nothing_for_the_diary_is_refused(tmp_path: Path) -> None:
    bare = tmp_path / "patient.ndjson"
    bare.write_text('{"resourceType": "Patient", "id": "p1"}\n')
    done = runner.invoke(app, ["import", str(bare), "--home", str(tmp_path / "home")])
    assert done.exit_code == 1  # another system's record with nothing usable: told, not stored
    out = " ".join(done.output.split())
    assert "Read 1 resource (1 Patient)" in out and "nothing changed" in out
    with _store(tmp_path) as store:
        try:
            import_file(store, bare, NOW)
        except Problem as error:
            assert "Observation" in str(error)
        else:
            raise AssertionError("a bare Patient was imported")
        assert store.count() == 0


def test_a_fhir_import_is_told_resource_by_resource_as_it_is_checked(
    tmp_path: Path,
) -> None:
    from spasmcare.services import imports

    first, path = str(tmp_path / "first"), tmp_path / "diary.fhir.json"
    runner.invoke(app, ["demo", "--episodes", "300", "--seed", "2", "--home", first])
    runner.invoke(app, ["export", "--format", "fhir", "--out", str(path), "--home", first])
    heard: list[tuple[str, bool]] = []
    with _store(tmp_path) as store:
        found = imports.preview(
            store, path, datetime.now(UTC), seen=lambda kind, used: heard.append((kind, used))
        )
        assert store.count() == 0  # a preview stores nothing
    assert len(heard) == 311 and heard.count(("Observation", True)) == 300
    assert found.episodes == 300

"""The diary from the command line: what a person types and what they see."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spasmcare.cli import app
from tests.test_diary_fixtures import cli_env, diary_settings, postgres_server

__all__ = ["cli_env", "diary_settings", "postgres_server"]

runner = CliRunner()


def run(env: dict[str, str], *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


def listed(env: dict[str, str]) -> list[dict[str, object]]:
    return list(json.loads(run(env, "diary", "list", "--json")))


@pytest.fixture
def sqlite_env(tmp_path: Path) -> dict[str, str]:
    return {"SPASMCARE_HOME": str(tmp_path / "home"), "SPASMCARE_DATABASE_URL": ""}


def test_log_then_list_show_edit(cli_env: dict[str, str]) -> None:
    out = run(
        cli_env, "log", "--region", "calf", "--side", "left", "--severity", "6",
        "--duration-minutes", "3", "--at", "2026-01-10T23:15:00+00:00",
        "--trigger", "long_run", "--helped", "stretching=a_lot", "--note", "woke me",
    )  # fmt: skip
    assert "Saved episode 1" in out and "calf" in out and "pain 6/10" in out
    run(cli_env, "log", "--region", "foot", "--at", "2026-01-11T08:00:00+00:00")
    episodes = listed(cli_env)
    assert [e["region"] for e in episodes] == ["foot", "calf"]
    assert episodes[1]["helped"] == [{"what": "stretching", "how_much": "a_lot"}]
    assert json.loads(run(cli_env, "diary", "show", "1"))["notes"] == "woke me"
    run(cli_env, "diary", "edit", "1", "--severity", "4")
    assert json.loads(run(cli_env, "diary", "show", "1"))["severity"] == 4
    assert "calf" in run(cli_env, "diary", "list")
    assert len(json.loads(run(cli_env, "diary", "list", "--json", "--limit", "1"))) == 1
    since = json.loads(run(cli_env, "diary", "list", "--json", "--since", "2026-01-11"))
    assert [e["region"] for e in since] == ["foot"]


def test_log_again_repeats_the_last_episode_now(sqlite_env: dict[str, str]) -> None:
    assert "no episode to repeat" in run(sqlite_env, "log", "--again", code=2)
    run(sqlite_env, "log", "--region", "calf", "--severity", "5", "--at", "2026-01-10T23:15")
    run(sqlite_env, "log", "--again")
    newest, first = listed(sqlite_env)
    assert (newest["region"], newest["severity"]) == ("calf", 5)
    assert str(newest["started_at"]) > str(first["started_at"])


def test_a_deleted_episode_is_restored_by_undo(sqlite_env: dict[str, str]) -> None:
    run(sqlite_env, "log", "--region", "calf")
    assert "diary undo" in run(sqlite_env, "diary", "delete", "1")
    assert listed(sqlite_env) == []
    assert "Restored episode 1" in run(sqlite_env, "diary", "undo")
    assert len(listed(sqlite_env)) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["log", "--region", "elbow"], "region: 'elbow' is not allowed; allowed: head"),
        (["log", "--region", "calf", "--severity", "11"], "severity: 11"),
        (["log", "--region", "calf", "--at", "2999-01-01T00:00"], "not in the future"),
        (["log", "--region", "calf", "--at", "soon"], "ISO 8601"),
        (["log", "--side", "left"], "--region: missing"),
        (["diary", "show", "42"], "no episode 42"),
        (["diary", "edit", "1", "--side", "up"], "side: 'up'"),
        (["profile", "--sex", "robot"], "sex: 'robot'"),
        (["checkin", "--answer", "maybe"], "answer: 'maybe'"),
        (["export", "--format", "xml", "--out", "x"], "--format: 'xml'"),
        (["forget"], "--yes"),
    ],
)
def test_bad_input_exits_2_with_one_specific_line_and_changes_nothing(
    sqlite_env: dict[str, str], args: list[str], expected: str
) -> None:
    run(sqlite_env, "log", "--region", "calf", "--severity", "3", "--at", "2026-01-01T10:00")
    before = listed(sqlite_env)
    result = runner.invoke(app, args, env=sqlite_env)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0]
    assert "Traceback" not in result.output
    assert listed(sqlite_env) == before


def test_the_profile_is_shown_and_set(sqlite_env: dict[str, str]) -> None:
    assert "age: not given" in run(sqlite_env, "profile")
    run(sqlite_env, "profile", "--age", "70", "--medication", "atorvastatin", "--pregnant")
    run(sqlite_env, "profile", "--sex", "female")
    shown = json.loads(run(sqlite_env, "profile", "--json"))
    assert shown == {"age": 70, "sex": "female", "pregnant": True,
                     "medications": ["atorvastatin"], "conditions": []}  # fmt: skip


def _fill(env: dict[str, str]) -> None:
    run(env, "profile", "--age", "64", "--condition", "diabetes")
    run(env, "demo", "--episodes", "40", "--seed", "3")
    run(env, "log", "--region", "calf", "--note", 'quote " comma , newline\nend', "--at",
        "2026-01-05T07:30:00-08:00", "--helped", "heat")  # fmt: skip
    run(env, "log", "--region", "lower_back", "--associated", "saddle_numbness")
    run(env, "checkin", "--answer", "same", "--note", "still there")
    run(env, "diary", "delete", "3")


@pytest.mark.parametrize("form", ["json", "csv"])
def test_export_then_import_into_an_empty_home_reproduces_the_diary(
    cli_env: dict[str, str], tmp_path: Path, form: str
) -> None:
    _fill(cli_env)
    out = tmp_path / f"diary.{form}"
    run(cli_env, "export", "--format", form, "--out", str(out))
    before = out.read_text()
    run(cli_env, "forget", "--yes")
    assert listed(cli_env) == []
    assert "Imported 42 episodes, 2 assessments and 1 check-in" in run(cli_env, "import", str(out))
    again = tmp_path / f"again.{form}"
    run(cli_env, "export", "--format", form, "--out", str(again))
    assert again.read_text() == before
    assert '"kind": "assessment"' in before or "assessment," in before
    run(cli_env, "diary", "undo")  # the deleted episode came across, still undoable
    assert len(listed(cli_env)) == 42


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"format": "spasmcare-diary", "version": 1}\n'
         '{"kind": "episode", "started_at": "2026-01-01T10:00", "region": "calf"}\n'
         '{"kind": "episode", "started_at": "2026-01-01T11:00", "region": "calf", '
         '"severity": 11}\n',
         "line 3: severity: 11"),
        ('{"format": "spasmcare-diary", "version": 1}\n{"kind": "episode", "regi\n',
         "line 2: json: not valid JSON"),
        ("hello\n", "line 1: json"),
        ('kind,id,started_at,region,side,severity,duration_minutes,triggers,helped,associated,'
         'notes,deleted_at,data\nepisode,,2026-01-01T10:00,calf,,,,[],[],[],,,\n'
         'episode,,2026-01-01T10:00,elbow,,,,[],[],[],,,\n', "line 3: region: 'elbow'"),
        ('{"format": "spasmcare-diary", "version": 1}\n'
         '{"kind": "episode", "started_at": "2999-01-01T10:00", "region": "calf"}\n',
         "line 2: started_at"),
    ],
)  # fmt: skip
def test_a_bad_import_file_is_rejected_whole_with_its_line_and_field(
    sqlite_env: dict[str, str], tmp_path: Path, content: str, expected: str
) -> None:
    run(sqlite_env, "log", "--region", "foot")
    bad = tmp_path / "bad.txt"
    bad.write_text(content)
    out = run(sqlite_env, "import", str(bad), code=2)
    assert expected in out and len(out.strip().splitlines()) == 1
    assert [e["region"] for e in listed(sqlite_env)] == ["foot"]


def test_backup_is_a_complete_sqlite_copy(sqlite_env: dict[str, str], tmp_path: Path) -> None:
    run(sqlite_env, "demo", "--episodes", "200", "--seed", "1")
    copy = tmp_path / "backup.sqlite3"
    run(sqlite_env, "backup", "--out", str(copy))
    with sqlite3.connect(copy) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert c.execute("SELECT count(*) FROM episode").fetchone() == (200,)


def test_home_option_keeps_diaries_apart(tmp_path: Path) -> None:
    env = {"SPASMCARE_HOME": str(tmp_path / "env"), "SPASMCARE_DATABASE_URL": ""}
    run(env, "log", "--region", "calf", "--home", str(tmp_path / "other"))
    assert listed(env) == []
    assert (tmp_path / "other" / "diary.sqlite3").is_file()
    assert len(json.loads(run(env, "diary", "list", "--json", "--home", str(tmp_path / "other"))))


def test_demo_is_repeatable_with_a_seed(tmp_path: Path) -> None:
    first = {"SPASMCARE_HOME": str(tmp_path / "a"), "SPASMCARE_DATABASE_URL": ""}
    second = {"SPASMCARE_HOME": str(tmp_path / "b"), "SPASMCARE_DATABASE_URL": ""}
    run(first, "demo", "--episodes", "30", "--seed", "7")
    run(second, "demo", "--episodes", "30", "--seed", "7")
    strip = [{k: x for k, x in e.items() if k != "started_at"} for e in listed(first)]
    assert strip == [{k: x for k, x in e.items() if k != "started_at"} for e in listed(second)]
    assert len(strip) == 30


def test_demo_also_saves_an_assessment_of_the_newest_episode(sqlite_env) -> None:
    output = run(sqlite_env, "demo", "--episodes", "12", "--seed", "3")
    assert "an assessment of the newest" in output
    from spasmcare.config import settings
    from spasmcare.diary.store import Store

    with Store(settings(Path(sqlite_env["SPASMCARE_HOME"]), sqlite_env)) as store:
        (saved,) = store.assessments()
        newest = store.episodes(limit=1)[0]
    assert saved.episode_id == newest.id
    assert saved.case["region"] == newest.region
    assert saved.result["causes"] and not saved.result["failsafe"]
    assert saved.result["disposition"] in ("self_care", "routine", "soon", "urgent", "emergency")

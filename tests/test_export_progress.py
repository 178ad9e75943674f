"""A large export says how far it is on standard error, while the file it writes and the line
on standard output are the same as without it; a small one shows nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.cli.export_progress import LARGE
from spasmcare.config import Settings
from spasmcare.services import exports
from spasmcare.services.diary import Store

runner = CliRunner()


def _diary(home: Path, episodes: int) -> None:
    made = runner.invoke(app, ["demo", "--episodes", str(episodes), "--seed", "4",
                               "--home", str(home)])  # fmt: skip
    assert made.exit_code == 0, made.output


def _quiet_export(home: Path, form: str) -> str:
    """The same export made by the service with nobody listening."""
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}")
    out = io.StringIO()
    with Store(settings) as store:
        exports.write(store, out, form)
    return out.getvalue()


def _entries(bundle: str) -> list[object]:
    return list(json.loads(bundle)["entry"])  # the Bundle's own id and timestamp differ


def test_a_large_export_shows_progress_on_standard_error(tmp_path: Path) -> None:
    home, total = tmp_path / "home", LARGE + 500
    _diary(home, total)
    for form in ("fhir", "ndjson"):
        out = tmp_path / f"diary.{form}"
        done = runner.invoke(app, ["export", "--format", form, "--out", str(out),
                                   "--home", str(home)])  # fmt: skip
        assert done.exit_code == 0, done.output
        assert done.stdout == f"Exported {total} episodes to {out}.\n"
        told = done.stderr.splitlines()
        assert told[0] == f"Reading the diary ({total} episodes)..."
        assert f"Writing: {total} of {total} episodes" in told
        assert len(told) >= 5 and "Writing: 0 of" in told[1]  # it moves, step by step
        quiet = _quiet_export(home, form)
        if form == "fhir":
            assert _entries(out.read_text(encoding="utf-8")) == _entries(quiet)
        else:
            assert out.read_text(encoding="utf-8") == quiet


def test_a_small_export_shows_nothing_on_standard_error(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "diary.json"
    _diary(home, 50)
    done = runner.invoke(app, ["export", "--format", "fhir", "--out", str(out),
                               "--home", str(home)])  # fmt: skip
    assert done.exit_code == 0 and done.stderr == ""
    assert done.stdout == f"Exported 50 episodes to {out}.\n"


def test_the_service_tells_each_stage(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _diary(home, 1200)
    heard: list[exports.Progress] = []
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}")
    with Store(settings) as store:
        exports.write_bulk(store, tmp_path / "bulk", heard.append)
    stages = [p.stage for p in heard]
    assert stages[0] == "reading" and stages[-1] == "written" and "writing" in stages
    done = [p.done for p in heard if p.stage == "writing"]
    assert done == sorted(done) and done[-1] == 1000  # told every 500 episodes
    assert heard[-1].done == heard[-1].total == 1200

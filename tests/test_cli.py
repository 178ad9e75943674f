"""The command line: version, assess from a file, evaluation files, handbook."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from typer.testing import CliRunner

from spasmcare import __version__
from spasmcare.cli import app

runner = CliRunner()


def test_version_is_printed() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "spasmcare", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"spasmcare {__version__}"


def test_the_installed_version_is_the_one_the_command_shows() -> None:
    assert version("spasmcare") == __version__


def test_help_lists_every_command_and_a_typo_gets_a_suggestion() -> None:
    listed = runner.invoke(app, ["--help"], terminal_width=120)
    assert listed.exit_code == 0, listed.output
    commands = ["assess", "eval", "log", "profile", "checkin", "export", "import", "backup",
                "demo", "forget", "insights", "report", "serve", "kb", "diary", "users",
                "tokens"]  # fmt: skip
    assert all(f" {name} " in listed.output for name in commands)
    typo = runner.invoke(app, ["asess"])
    assert typo.exit_code == 2
    assert "Did you mean 'assess'" in typo.output


def test_assess_a_case_file_as_json(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(
        json.dumps({"region": "jaw", "associated": ["trismus"], "recent": ["wound_soil"]})
    )
    result = runner.invoke(app, ["assess", "--case", str(case), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["disposition"] == "emergency"
    assert {"red_flags", "causes", "plan", "warnings", "knowledge_version"} <= out.keys()
    assert {"steps", "avoid", "seek_help_if", "follow_up_days"} <= out["plan"].keys()
    assert "tetanus" in [c["id"] for c in out["causes"][:3]]
    assert all(
        {"id", "title", "likelihood", "for", "against", "sources"} <= c.keys()
        for c in out["causes"]
    )


def test_assess_reads_standard_input() -> None:
    result = runner.invoke(
        app,
        ["assess", "--case", "-", "--json"],
        input='{"region": "calf", "age": 70, "time_of_day": "night"}',
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["disposition"] in ("self_care", "routine")


def test_invalid_case_exits_2_with_field_errors(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"region": "elbow", "age": -1}))
    result = runner.invoke(app, ["assess", "--case", str(case), "--json"])
    assert result.exit_code == 2
    errors = json.loads(result.output)["errors"]
    assert {e["key"] for e in errors} == {"region", "age"}
    assert all(e["message"] and "allowed" in e["message"] for e in errors)


def test_missing_case_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "--case", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "No such file" in result.output


def test_eval_writes_one_line_per_vignette_and_carries_on_after_errors(tmp_path: Path) -> None:
    vignettes = tmp_path / "v.jsonl"
    vignettes.write_text(
        "\n".join(
            json.dumps(v)
            for v in [
                {
                    "id": "a",
                    "case": {"region": "lower_back", "associated": ["saddle_numbness"]},
                    "expected_disposition": "emergency",
                    "expected_causes": ["cauda_equina_syndrome"],
                },
                {"id": "b", "case": {"region": "elbow"}, "expected_disposition": "self_care"},
                {
                    "id": "c",
                    "case": {
                        "region": "calf",
                        "age": 70,
                        "time_of_day": "night",
                        "duration_minutes": 2,
                        "frequency": "occasional",
                    },
                    "expected_disposition": "self_care",
                    "acceptable_dispositions": ["self_care", "routine"],
                    "expected_causes": ["nocturnal_leg_cramps"],
                    "source": "nhs_leg_cramps",
                },
            ]
        )
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["eval", str(vignettes), "--results", str(out), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert "region" in lines[1]["error"]
    assert lines[0]["disposition"] == "emergency" and lines[0]["red_flags"]
    summary = json.loads(result.output)
    assert summary["n"] == 3 and summary["errors"] == 1
    assert summary["emergency_sensitivity"] == 1.0
    assert summary["confusion"]["emergency"]["emergency"] == 1


def test_handbook_renders_every_red_flag_in_words(tmp_path: Path, kb) -> None:
    result = runner.invoke(app, ["kb", "handbook", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "handbook.md").read_text()
    html = (tmp_path / "handbook.html").read_text()
    for flag in kb.red_flags:
        assert f"`{flag.id}`" in markdown
    for cause in kb.causes.values():
        assert f"`{cause.id}`" in markdown
    assert "<table>" in html and "http" not in html.split("<body>")[0]
    assert "<script" not in html


def keystrokes(kb, truth: dict) -> str:
    """What a person types at the terminal interview when their situation is ``truth``."""
    from spasmcare.engine.interview import answer, next_question
    from spasmcare.vocabulary import REGIONS

    answers: dict = {}
    asked: set[str] = set()
    lines: list[str] = []
    while (question := next_question(kb, answers, asked)) is not None:
        asked.add(question.id)
        known = truth.get(question.field)
        value: object = None
        if question.type == "region":
            lines.append(str(REGIONS.index(known) + 1))
            value = known
        elif question.type == "yes_no":
            value = (question.term in (known or [])) if question.term else known
            lines.append("1" if value else "2")
        elif question.type == "multi_choice":
            picked = [c for c in question.choices if c.value in (known or [])]
            none = [i for i, c in enumerate(question.choices, 1) if c.value is None]
            numbers = [question.choices.index(c) + 1 for c in picked] or none
            lines.append(",".join(map(str, numbers)))
            value = [c.id for c in picked]
        elif question.type == "single_choice":
            match = [i for i, c in enumerate(question.choices, 1) if c.value == known]
            fallback = [i for i, c in enumerate(question.choices, 1) if c.value is None]
            lines.append(str((match or fallback or [1])[0]))
            value = next((c.id for c in question.choices if c.value == known), None)
        elif question.type == "names":
            lines.append(", ".join(known or []))
            value = known or []
        else:
            lines.append("" if known is None else str(known))
            value = known
        if value is not None:
            answers = answer(question, answers, value)
    return "\n".join(lines) + "\n"


def test_the_terminal_interview_ends_in_an_emergency_for_cauda_equina(kb) -> None:
    truth = {
        "region": "lower_back",
        "age": 45,
        "associated": ["saddle_numbness", "urinary_retention"],
        "recent": [],
    }
    result = runner.invoke(app, ["assess"], input=keystrokes(kb, truth))
    assert result.exit_code == 0, result.output
    assert "EMERGENCY" in result.output
    assert "Call your local emergency number" in result.output


def test_the_terminal_interview_keeps_ordinary_night_cramps_at_home(kb) -> None:
    truth = {
        "region": "calf",
        "age": 70,
        "sex": "male",
        "time_of_day": "night",
        "duration_minutes": 3,
        "frequency": "occasional",
        "associated": [],
        "recent": [],
        "medications": [],
        "conditions": [],
    }
    result = runner.invoke(app, ["assess"], input=keystrokes(kb, truth))
    assert result.exit_code == 0, result.output
    assert "SELF CARE" in result.output


def test_quitting_the_terminal_interview_makes_no_assessment() -> None:
    result = runner.invoke(app, ["assess"], input="q\n")
    assert result.exit_code == 1
    assert "no assessment was made" in result.output

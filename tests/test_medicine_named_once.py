"""A painkiller with several cautions is named once, with every reason, on the page and in the
terminal (new-user review: naproxen was listed twice)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from spasmcare.kb.load import KnowledgeBase
from tests.web_helpers import make_client

# A 70-year-old's night cramps on naproxen: two cautions (age, and naproxen's own cramp link).
CASE = {
    "region": "calf", "age": 70, "time_of_day": "night", "frequency": "weekly",
    "duration_minutes": 3, "associated": [], "medications": ["naproxen"],
}  # fmt: skip


def test_the_page_names_naproxen_once_with_both_reasons(tmp_path: Path, kb: KnowledgeBase) -> None:
    page = make_client(tmp_path).assess(kb, CASE).text
    plan = page.split("Check with a pharmacist first")[1].split("</ul>")[0]
    assert plan.count("<strong>Naproxen</strong>") == 1
    assert "stomach bleeding" in plan and "night-time leg cramps" in plan


def test_the_terminal_names_naproxen_once_with_both_reasons(tmp_path: Path) -> None:
    from spasmcare.cli import app

    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE))
    said = CliRunner().invoke(app, ["assess", "--case", str(case)], env={"COLUMNS": "300"})
    lines = [line for line in said.output.splitlines() if "pharmacist before Naproxen" in line]
    assert len(lines) == 1
    assert "stomach bleeding" in lines[0] and "night-time leg cramps" in lines[0]

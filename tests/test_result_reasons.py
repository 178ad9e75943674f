"""Reasons read as sentences, built from the knowledge base's own labels: never
"where: Calf; symptom: ..." or raw codes such as "associated: sleep_disturbance"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spasmcare.engine.assess import assess
from spasmcare.kb.load import KnowledgeBase
from spasmcare.wording.reasons import sentence, sentences
from tests.web_helpers import EMERGENCY_CASE, make_client

RAW = re.compile(r"\b[a-z]+(_[a-z0-9]+)+\b|\b(associated|region|where|symptom): ")


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        ("associated: sleep_disturbance",
         "You mentioned: cramps keep waking you, so you struggle the next day."),
        ("region: calf", "It is in your calf (back of the lower leg)."),
        ("region: legs", "It is in both legs generally."),
        ("region: whole_body", "It is all over the body."),
        ("side: both", "It is on both sides."),
        ("side: left", "It is on the left side."),
        ("age: 70", "You are 70."),
        ("time_of_day: night", "It comes on at night or at rest."),
        ("frequency: first_time", "This is the first time."),
        ("frequency: weekly", "It happens once or a few times a week."),
        ("duration_minutes: 1440", "It lasts about 24 hours."),
        ("duration_minutes: 15", "It lasts about 15 minutes."),
        ("days_since_first: 0", "It started less than a day ago."),
        ("medications: thiazide_diuretic", "Your medicines include: thiazide diuretic."),
        ("conditions: osteoporosis", "Your conditions include: osteoporosis (thin bones)."),
        ("recent: long_flight", None),
        ("pregnant: not known", "You have not said whether you are pregnant."),
        ("There is numbness between the legs.", "There is numbness between the legs."),
    ],
)  # fmt: skip
def test_each_fact_reads_as_a_sentence(kb: KnowledgeBase, fact: str, said: str | None) -> None:
    words = sentence(kb, fact)
    assert words[0].isupper() and words.endswith(".")
    assert not RAW.search(words), words
    if said is not None:
        assert words == said


def test_every_reason_the_vignettes_give_reads_as_sentences(kb: KnowledgeBase) -> None:
    folder = Path(__file__).parent / "vignettes"
    seen = 0
    for line in (folder / "emergency.jsonl").read_text().splitlines()[:200]:
        case = json.loads(line).get("case") if line.strip() else None
        if not case:
            continue
        result = assess(case, kb)
        for facts in [f.because for f in result.red_flags] + [
            a.because for a in [*result.plan.avoid, *result.plan.check_first]
        ]:
            said = sentences(kb, facts)
            assert not RAW.search(said), (facts, said)
            seen += 1
    assert seen > 50


def test_the_result_page_gives_its_reasons_as_sentences(tmp_path: Path, kb: KnowledgeBase) -> None:
    page = make_client(tmp_path).assess(kb, EMERGENCY_CASE).text
    main = page.split("<main")[1].split("</main>")[0]
    assert "You mentioned: unable to pass urine. It is in your lower back." in main
    assert "Because you said" not in main
    assert not re.search(r"\b(symptom|where|associated): ", main)


def test_the_terminal_and_the_diary_advice_say_them_too(tmp_path: Path) -> None:
    from spasmcare.cli import app

    case = tmp_path / "case.json"
    case.write_text(json.dumps(EMERGENCY_CASE))
    runner = CliRunner()
    said = runner.invoke(app, ["assess", "--case", str(case)], env={"COLUMNS": "300"})
    out = " ".join(said.output.split())
    assert "You mentioned: numbness between the legs" in out
    assert "associated:" not in out
    env = {"SPASMCARE_HOME": str(tmp_path), "SPASMCARE_DATABASE_URL": ""}
    logged = runner.invoke(app, ["log", "--region", "calf", "--duration-minutes", "15"], env=env)
    assert "It lasts about 15 minutes." in " ".join(logged.output.split())
    assert "duration_minutes" not in logged.output


def test_the_pdf_says_them_too(tmp_path: Path, kb: KnowledgeBase) -> None:
    from datetime import UTC, datetime

    from spasmcare.diary.model import Assessment
    from spasmcare.report.content import gather

    now = datetime.now(UTC)
    result = assess(EMERGENCY_CASE, kb)
    saved = Assessment(now, EMERGENCY_CASE, result.as_json(), result.knowledge_version)
    content = gather(kb, None, [], [saved], [], [], now)
    said = " ".join(content.because.values())
    assert "You mentioned: unable to pass urine." in said
    assert not RAW.search(said)

"""The result, short first: what to do now and why, Save and the warning signs that matter,
then the details folded into <details>; the same order in the terminal and the PDF."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spasmcare.engine.assess import assess
from spasmcare.kb.load import KnowledgeBase
from spasmcare.report.content import Short
from spasmcare.wording import summary
from tests.web_helpers import SELF_CARE_CASE, make_client


@pytest.fixture
def page(tmp_path: Path, kb: KnowledgeBase) -> str:
    text: str = make_client(tmp_path).assess(kb, SELF_CARE_CASE).text
    return text.split("<main")[1].split("</main>")[0]


def words(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())


def test_the_short_part_leads_with_what_to_do_and_save(page: str) -> None:
    short = page.split("<details")[0]
    assert "Manage at home" in short and "What to do now" in short
    assert re.search(r'<ol class="first-steps">(\s*<li>[^<]+</li>){3}\s*</ol>', short)
    assert "Why: the most likely cause is night-time leg cramps" in short
    assert short.index('class="first-steps"') < short.index("Save to diary")
    signs = re.findall(r"<li>", short.split('id="watch"')[1])
    assert 1 <= len(signs) <= summary.FIRST_SIGNS
    assert words(short) < 400  # it was about 4,100 words before anything was folded


@pytest.mark.parametrize("folded", ["causes", "plan", "myths", "sources", "answers"])
def test_the_details_are_folded_into_disclosure_widgets(page: str, folded: str) -> None:
    assert re.search(rf'<details><summary><h2 id="{folded}">', page), folded


def test_not_recommended_treatments_stay_out_of_the_first_steps(page: str) -> None:
    short = page.split("<details")[0]
    for later in ("Quinine", "Surgery", "Magnesium"):
        assert later not in short
        assert later in page  # still there, in the full plan


def test_the_terminal_has_the_same_order(tmp_path: Path) -> None:
    from spasmcare.cli import app

    case = tmp_path / "case.json"
    case.write_text(json.dumps(SELF_CARE_CASE))
    said = CliRunner().invoke(app, ["assess", "--case", str(case)], env={"COLUMNS": "200"})
    assert said.exit_code == 0, said.output
    out = said.output
    order = [
        "SELF CARE", "1. Stretch the calf", "Why: the most likely cause", "Watch for these",
        "More detail", "Likely causes", "Your full care plan", "More warning signs",
    ]  # fmt: skip
    assert [out.index(x) for x in order] == sorted(out.index(x) for x in order)


def test_the_pdf_gets_the_same_short_part(kb: KnowledgeBase) -> None:
    short = Short.of(kb, assess(SELF_CARE_CASE, kb).as_json())
    assert short is not None
    assert short.first_steps[0] == "Stretch the calf by pulling your toes up"
    assert short.why is not None and short.why.startswith("Why: the most likely cause")
    assert len(short.signs) == summary.FIRST_SIGNS
    assert Short.of(kb, {"disposition": "self_care"}) is None  # an old saved result: no crash

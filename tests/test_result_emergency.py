"""The emergency result: one instruction, a number to tap, nothing that can be put off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spasmcare.kb.load import KnowledgeBase
from tests.web_helpers import EMERGENCY_CASE, Browser, make_client


@pytest.fixture
def page(tmp_path: Path, kb: KnowledgeBase) -> str:
    web: Browser = make_client(tmp_path)
    text: str = web.assess(kb, EMERGENCY_CASE).text
    return text.split("<main")[1].split("</main>")[0]


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_has_a_tap_to_call_link_for_the_emergency_number(page: str) -> None:
    assert re.search(r'<a class="button call" href="tel:999">Call 999 now</a>', page)
    assert 'href="tel:112"' in page and 'href="tel:911"' in page


def test_it_says_nothing_that_could_be_put_off_until_later(page: str) -> None:
    words = visible_text(page).lower()
    for later in ("today", "this week", "same day", "within days"):
        assert later not in words, later


def test_the_headline_is_the_one_instruction_and_nothing_repeats(
    page: str, kb: KnowledgeBase
) -> None:
    words = visible_text(page)
    assert "Call the emergency number now" not in words  # the headline already says so
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", page, re.S)
    assert len(headings) == len(set(headings)), headings
    cards = re.findall(r'<li class="card">(.*?)</li>', page, re.S)
    assert len(cards) == len(set(cards))


def test_what_to_do_while_waiting_has_no_evidence_badge(page: str) -> None:
    waiting = page.split('id="waiting"')[1].split("</section>")[0]
    assert "Do not stay alone" in waiting
    assert "evidence" not in waiting.lower() and "badge" not in waiting


def test_the_terminal_gives_the_same_one_instruction(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from spasmcare.cli import app

    case = tmp_path / "case.json"
    case.write_text(json.dumps(EMERGENCY_CASE))
    said = CliRunner().invoke(app, ["assess", "--case", str(case)], env={"COLUMNS": "200"})
    assert said.exit_code == 0, said.output
    words = " ".join(said.output.split())
    assert words.count("999") == 2  # the headline and the disclaimer, nothing in between
    assert "While you wait" in words and "Do not stay alone" in words
    for later in ("today", "this week", "same day", "evidence"):
        assert later not in words.lower(), later
    assert words.count("Call the emergency number now") == 0
    # Each step's title is said once: not "Do not drive yourself Do not drive yourself to ..."
    assert "Do not drive yourself Do not drive yourself" not in words
    assert "Do not stay alone: Stay with someone" in words

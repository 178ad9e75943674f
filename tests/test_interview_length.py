"""The interview says how long it is likely to be before the first question, and how far along
a person is on every page: questions answered, and about how many there are in all."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from spasmcare.kb import schema
from spasmcare.kb.load import KnowledgeBase
from tests.web_helpers import Browser, make_client, question_id

ESTIMATE = re.compile(r"About (\d+) to (\d+) questions, about (\d+) to (\d+) minutes")
PROGRESS = re.compile(r"Question (\d+) of about ([\d a-z]+); (\d+) answered\.")


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def typical(q: schema.Question) -> list[str]:
    """A person with a calf cramp who has none of the danger signs or findings."""
    if q.type == "region":
        return ["calf"]
    if q.type == "yes_no":
        return ["no"]
    if q.type == "multi_choice":
        return ["none"]
    if q.type == "single_choice":
        return [q.choices[0].id]
    return [""]  # a number not known, no medicines or conditions


def walk(web: Browser, kb: KnowledgeBase) -> list[str]:
    """Each question page's text, answering as the typical person."""
    questions = {q.id: q for q in kb.questions}
    pages = []
    page: Any = web.post("/assess/start")
    while (ident := question_id(page.text)) is not None:
        pages.append(page.text)
        page = web.post("/assess/answer", {"question": ident, "value": typical(questions[ident])})
    assert page.url.path == "/assess/result"
    return pages


def test_the_first_page_says_about_how_many_questions_and_minutes(
    web: Browser, kb: KnowledgeBase
) -> None:
    pages = walk(web, kb)
    found = ESTIMATE.search(pages[0])
    assert found, pages[0]
    fewest, most, quick, slow = map(int, found.groups())
    assert 0 < fewest <= len(pages) <= most  # the typical walk is within the range it gave
    assert most - fewest < 15 and 0 < quick < slow < 20  # a range, not a vague guess
    assert all(ESTIMATE.search(p) is None for p in pages[1:])  # said once, at the start
    assert f"Question 1 of about {fewest} to {most}; 0 answered." in pages[0]


def test_every_page_shows_how_many_are_answered_of_about_how_many(
    web: Browser, kb: KnowledgeBase
) -> None:
    pages = walk(web, kb)
    told = [PROGRESS.search(p) for p in pages]
    assert all(told)
    answered = [int(t.group(3)) for t in told if t]
    assert answered == list(range(len(pages)))
    last = told[-1]
    assert last is not None and last.group(2) == str(len(pages))  # exact once it is known
    assert f'<progress max="{len(pages)}" value="{len(pages) - 1}"' in pages[-1]


def test_a_saved_profile_makes_the_estimate_shorter(web: Browser) -> None:
    before = ESTIMATE.search(web.post("/assess/start").text)
    web.post("/settings/profile", {"age": "70", "sex": "male", "medications": "atorvastatin",
                                   "conditions": "diabetes"})  # fmt: skip
    after = ESTIMATE.search(web.post("/assess/start").text)
    assert before and after and int(after.group(2)) < int(before.group(2))

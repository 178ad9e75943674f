"""Change and Back keep the answers: Back shows the previous question filled in, and Next goes
on through the answers already given; Change reopens one answer and then returns to the result,
asking only what the new answer makes necessary. These pages need no script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spasmcare.kb.load import KnowledgeBase
from tests.web_helpers import SELF_CARE_CASE, Browser, make_client, question_id


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def any_answer(web: Browser, ident: str) -> object:
    """An answer that fits any question: blank (a number not known), else "not sure", else
    "none of these"."""
    for value in ("", "not_sure", "none"):
        page = web.post("/assess/answer", {"question": ident, "value": value})
        if page.status_code != 400:
            return page
    raise AssertionError(f"no answer fits {ident}")


def answers_listed(page: str) -> list[str]:
    return re.findall(r'name="question" value="([^"]+)"><button type="submit" class="link">', page)


def test_change_keeps_the_other_answers_and_returns_to_the_result(
    web: Browser, kb: KnowledgeBase
) -> None:
    before = web.assess(kb, SELF_CARE_CASE).text
    listed = answers_listed(before)
    assert "severity" in listed and len(listed) > 10
    page = web.post("/assess/back", {"question": "severity"}).text
    assert question_id(page) == "severity"
    assert 'id="scale-5" value="5" checked' in page  # filled in
    page = web.post("/assess/answer", {"question": "severity", "value": "6"})
    assert page.url.path == "/assess/result"  # nothing else to ask: straight back
    assert answers_listed(page.text) == listed  # every other answer kept
    assert re.search(r"<dd>6 out of 10|<dd>6\b", page.text)


def test_a_change_that_needs_new_questions_asks_only_those(web: Browser, kb: KnowledgeBase) -> None:
    listed = answers_listed(web.assess(kb, SELF_CARE_CASE).text)
    page = web.post("/assess/back", {"question": "duration_minutes"})
    page = web.post("/assess/answer", {"question": "duration_minutes", "value": "30"})
    asked = []
    while (ident := question_id(page.text)) is not None:
        assert ident not in listed, f"{ident} was answered already"
        asked.append(ident)
        page = any_answer(web, ident)
    assert page.url.path == "/assess/result"
    assert len(asked) < len(listed)
    assert set(listed) <= set(answers_listed(page.text))


def test_back_shows_the_previous_answer_and_next_keeps_the_later_ones(web: Browser) -> None:
    web.post("/assess/start")
    page = web.post("/assess/answer", {"question": "where", "value": "calf"})
    second = question_id(page.text)
    assert second is not None
    page = any_answer(web, second)
    third = question_id(page.text)
    assert third not in (None, second)
    page = web.post("/assess/answer", {"question": third, "action": "back"})
    assert question_id(page.text) == second
    filled = page.text
    page = web.post("/assess/answer", {"question": second, "action": "back"})
    assert question_id(page.text) == "where"
    assert 'id="r-calf" value="calf" checked>' in page.text
    page = web.post("/assess/answer", {"question": "where", "value": "calf"})
    assert question_id(page.text) == second
    assert page.text.split("<form")[1] == filled.split("<form")[1]  # filled in as before
    page = any_answer(web, second)
    assert question_id(page.text) == third


def test_an_answer_whose_question_no_longer_applies_stops_counting(kb: KnowledgeBase) -> None:
    from spasmcare.services.interview import State

    questions = {q.id: q for q in kb.questions}
    state = State.start(None)
    state.apply(kb, questions["where"], "calf", "Calf", ["calf"])
    state.apply(kb, questions["sex"], "female", "Female", ["female"])
    state.apply(kb, questions["pregnant"], True, "Yes", ["yes"])
    assert state.answers(kb)["pregnant"] is True
    state.back(kb, "sex")
    state.apply(kb, questions["sex"], "male", "Male", ["male"])
    assert "pregnant" not in state.answers(kb)
    assert "pregnant" not in [h["question"] for h in state.history(kb)]
    state.back(kb, "sex")  # changed back: the answer given before counts again
    state.apply(kb, questions["sex"], "female", "Female", ["female"])
    assert state.answers(kb)["pregnant"] is True
    assert State.of(state.as_json()) == state
    assert State.of({"answers": {}, "asked": [], "history": []}) is None  # an older session

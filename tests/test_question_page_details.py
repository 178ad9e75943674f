"""The details of a question page: labels said once, the help naming the choices as they read,
what a number may be said before and after a mistake (with the typed value kept), and the pain
rated on a row of 0 to 10 choices instead of typed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from spasmcare.kb.load import KnowledgeBase
from tests.web_helpers import SELF_CARE_CASE, Browser, answer_for, make_client, question_id


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def reach(web: Browser, kb: KnowledgeBase, target: str) -> str:
    """Answer as the self-care case until the page asks ``target``; that page's text."""
    questions = {q.id: q for q in kb.questions}
    page: Any = web.post("/assess/start")
    while (ident := question_id(page.text)) != target:
        assert ident is not None, f"{target} was never asked"
        value = answer_for(questions[ident], SELF_CARE_CASE)
        page = web.post("/assess/answer", {"question": ident, "value": value})
    return str(page.text)


def visible(page: str) -> str:
    """The page's words, without its markup."""
    main = page.split("<main", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_pain_is_rated_on_a_row_of_choices(web: Browser, kb: KnowledgeBase) -> None:
    page = reach(web, kb, "severity")
    assert 'id="number"' not in page  # no text box to type into
    for n in range(11):
        assert f'<input type="radio" name="value" id="scale-{n}" value="{n}">' in page
    assert 'class="scale"' in page and "Not sure" in page
    assert "(0 to 10) (0 to 10)" not in visible(page)
    done = web.post("/assess/answer", {"question": "severity", "value": "7"})
    assert question_id(done.text) != "severity"
    back = web.post("/assess/back", {"question": "severity"}).text
    assert 'id="scale-7" value="7" checked' in back


def test_a_bad_number_says_what_is_allowed_and_keeps_what_was_typed(
    web: Browser, kb: KnowledgeBase
) -> None:
    page = reach(web, kb, "age")
    assert "Years: a whole number from 0 to 120" in visible(page)  # said before typing
    for typed in ("70.5", "130", "seventy"):
        wrong = web.post("/assess/answer", {"question": "age", "value": typed})
        assert wrong.status_code == 400
        assert "Enter a whole number from 0 to 120" in wrong.text
        assert f'value="{typed}" aria-invalid="true"' in wrong.text  # not wiped
    assert question_id(web.post("/assess/answer", {"question": "age", "value": "70"}).text) != "age"


def test_instructions_are_given_once(web: Browser, kb: KnowledgeBase) -> None:
    asked = _asked(web, kb)
    ticked = [q.id for q in kb.questions if q.type == "multi_choice" and q.id in asked
              and "all that apply" in (q.help or "")]  # fmt: skip
    page = reach(web, kb, ticked[0])
    assert visible(page).lower().count("all that apply") == 1
    assert 'tick "None of these"' in page.replace("&#34;", '"')


def test_the_help_names_the_choice_as_it_reads(web: Browser, kb: KnowledgeBase) -> None:
    page = web.post("/assess/start").text
    assert question_id(page) == "where"
    help_text = page.split('<p class="help" id="help">')[1].split("</p>")[0]
    quoted = re.findall(r"&#34;([^&]+)&#34;", help_text)
    labels = re.findall(r'<label for="r-[a-z_]+">([^<]+)</label>', page)
    assert quoted and all(q in labels for q in quoted), (quoted, labels)


def _asked(web: Browser, kb: KnowledgeBase) -> set[str]:
    """The questions the self-care case is asked, in a fresh interview."""
    questions = {q.id: q for q in kb.questions}
    asked = set()
    page: Any = web.post("/assess/start")
    while (ident := question_id(page.text)) is not None:
        asked.add(ident)
        value = answer_for(questions[ident], SELF_CARE_CASE)
        page = web.post("/assess/answer", {"question": ident, "value": value})
    return asked

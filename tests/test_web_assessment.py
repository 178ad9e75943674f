"""The assessment pages: one question per page, Back and Change, the result, fail-safe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spasmcare.kb.load import KnowledgeBase
from tests.web_helpers import (
    EMERGENCY_CASE,
    SELF_CARE_CASE,
    Browser,
    make_client,
    question_id,
)


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def test_an_emergency_case_ends_with_the_emergency_result_first(
    web: Browser, kb: KnowledgeBase
) -> None:
    page = web.assess(kb, EMERGENCY_CASE).text
    assert page.index('class="disposition emergency"') < page.index('id="now"')
    assert kb.dispositions["emergency"].title in page
    assert "Cauda equina" in page or "cauda equina" in page.lower()
    assert "You mentioned: numbness between the legs" in page
    assert re.search(r'<ol class="sources">.*?href="https?://', page, re.S)
    assert kb.manifest.disclaimer.split(".")[0] in page


def test_a_self_care_case_shows_the_plan_with_evidence_and_pain_relief(
    web: Browser, kb: KnowledgeBase
) -> None:
    page = web.assess(kb, SELF_CARE_CASE).text
    assert 'class="disposition self-care"' in page and "Self-care" in page
    assert "evidence</span>" in page
    assert "Likely causes" in page and "Watch for these" in page
    assert "Save to diary" in page


def test_the_first_question_is_the_body_map_with_a_labelled_radio_per_region(
    web: Browser,
) -> None:
    page = web.post("/assess/start").text
    assert question_id(page) == "where"
    assert 'aria-hidden="true"><svg' in page.replace("\n", "")
    for region in ("calf", "lower_back", "whole_body"):
        assert f'<input type="radio" name="value" id="r-{region}" value="{region}">' in page
        assert f'<label for="r-{region}">' in page


def test_a_checklist_needs_a_tick_or_none_of_these(web: Browser, kb: KnowledgeBase) -> None:
    page = web.post("/assess/start")
    page = web.post("/assess/answer", {"question": "where", "value": "lower_back"})
    while question_id(page.text) not in (None, "nerve_signs"):
        ident = question_id(page.text)
        page = web.post("/assess/answer", {"question": ident, "value": ""})
        if page.status_code == 400:  # a choice question: say "not sure" where it can
            page = web.post("/assess/answer", {"question": ident, "value": "not_sure"})
    assert question_id(page.text) == "nerve_signs"
    assert 'value="none" data-none' in page.text
    refused = web.post("/assess/answer", {"question": "nerve_signs"})
    assert refused.status_code == 400 and "None of these" in refused.text
    mixed = web.post(
        "/assess/answer", {"question": "nerve_signs", "value": ["none", "saddle_numbness"]}
    )
    assert mixed.status_code == 400


def test_back_returns_to_the_previous_question_with_its_answer_undone(web: Browser) -> None:
    web.post("/assess/start")
    page = web.post("/assess/answer", {"question": "where", "value": "calf"})
    second = question_id(page.text)
    assert second not in (None, "where")
    page = web.post("/assess/answer", {"question": second, "action": "back"})
    assert question_id(page.text) == "where"


def test_change_on_the_result_page_reopens_that_question(web: Browser, kb: KnowledgeBase) -> None:
    web.assess(kb, SELF_CARE_CASE)
    page = web.post("/assess/back", {"question": "where"})
    assert question_id(page.text) == "where"
    page = web.post("/assess/answer", {"question": "where", "value": "lower_back"})
    assert question_id(page.text) != "where"


def test_answers_never_appear_in_urls(web: Browser, kb: KnowledgeBase) -> None:
    seen: list[str] = []
    web.client.event_hooks["request"].append(lambda r: seen.append(str(r.url)))
    web.assess(kb, EMERGENCY_CASE)
    assert seen
    for url in seen:
        assert "?" not in url and "lower_back" not in url and "saddle" not in url


def test_an_internal_error_shows_the_fail_safe_advice_never_self_care(
    tmp_path: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    web = make_client(tmp_path, raise_errors=False)
    web.post("/assess/start")

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("spasmcare.services.interview.next_question", broken)
    page = web.post("/assess/answer", {"question": "where", "value": "calf"})
    assert "contact a doctor, nurse or pharmacist" in page.text
    assert "self-care" not in page.text.lower().split("<main")[1].split("</main>")[0]

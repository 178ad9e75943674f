"""Change and Back in real chromium, with scripts on and off: no answer is lost."""

from __future__ import annotations

from typing import Any

import pytest

from spasmcare.kb.load import KnowledgeBase
from tests.browser.clicks import result_of, start
from tests.browser.conftest import Server
from tests.web_helpers import SELF_CARE_CASE

CHANGES = 'form[action="/assess/back"]'


@pytest.mark.parametrize("scripts", [True, False])
def test_change_returns_to_the_result_with_every_answer_kept(
    browser: Any, server: Server, kb: KnowledgeBase, scripts: bool
) -> None:
    page = result_of(browser, server.url, kb, SELF_CARE_CASE, java_script_enabled=scripts)
    before = page.locator(CHANGES).count()
    page.locator("summary:has(#answers)").click()
    with page.expect_navigation():
        page.get_by_role(
            "button", name="Change answer to: At its worst, how bad is the pain"
        ).first.click()
    assert page.locator("#scale-5").is_checked()
    page.locator('label[for="scale-6"]').click()
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.url.endswith("/assess/result")
    assert page.locator(CHANGES).count() == before
    page.context.close()


@pytest.mark.parametrize("scripts", [True, False])
def test_back_shows_the_answer_given(browser: Any, server: Server, scripts: bool) -> None:
    context = browser.new_context(base_url=server.url, java_script_enabled=scripts)
    page = context.new_page()
    start(page)
    page.check("#r-calf")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    second = page.locator('input[name="question"]').get_attribute("value")
    with page.expect_navigation():
        page.get_by_role("button", name="Back").click()
    assert page.locator("#r-calf").is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.locator('input[name="question"]').get_attribute("value") == second
    context.close()

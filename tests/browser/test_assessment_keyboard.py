"""Complete assessments in the real browser with the keyboard only, and with JavaScript off."""

from __future__ import annotations

from typing import Any

from spasmcare.kb.load import KnowledgeBase
from tests.browser.clicks import result_of
from tests.browser.conftest import Server
from tests.browser.keyboard import assess
from tests.web_helpers import EMERGENCY_CASE, SELF_CARE_CASE


def test_an_emergency_case_with_the_keyboard_only(page: Any, kb: KnowledgeBase) -> None:
    assess(page, kb, EMERGENCY_CASE)
    assert page.url.endswith("/assess/result")
    heading = page.locator("#disposition").inner_text()
    assert heading == kb.dispositions["emergency"].title
    assert page.locator(".disposition .level").inner_text().strip().endswith("EMERGENCY")


def test_a_self_care_case_with_the_keyboard_only(page: Any, kb: KnowledgeBase) -> None:
    assess(page, kb, SELF_CARE_CASE)
    assert page.locator("#disposition").inner_text() == kb.dispositions["self_care"].title
    assert page.locator(".steps .badge").count() > 0


def test_the_body_map_picks_the_region_radio_when_clicked(page: Any) -> None:
    page.goto("/")
    page.get_by_role("button", name="Start an assessment").click()
    page.locator('.body-map .back [data-region="calf"]').first.click()
    assert page.locator("#r-calf").is_checked()
    assert page.locator('.body-map [data-region="calf"].picked').count() == 2


def test_the_assessment_works_with_javascript_off(
    browser: Any, server: Server, kb: KnowledgeBase
) -> None:
    # without scripts each answer loads a new page
    page = result_of(browser, server.url, kb, EMERGENCY_CASE, java_script_enabled=False)
    assert page.locator("#disposition").inner_text() == kb.dispositions["emergency"].title
    page.context.close()

"""The result on a phone: what to do and Save on the first screen, the details folded away in
<details> that open without scripts."""

from __future__ import annotations

from typing import Any

import pytest

from spasmcare.kb.load import KnowledgeBase
from tests.browser.clicks import result_of
from tests.browser.conftest import Server
from tests.web_helpers import EMERGENCY_CASE, SELF_CARE_CASE

PHONE = {"width": 375, "height": 667}


@pytest.mark.parametrize("scripts", [True, False])
def test_a_self_care_result_shows_what_to_do_and_save_on_the_first_screen(
    browser: Any, server: Server, kb: KnowledgeBase, scripts: bool
) -> None:
    page = result_of(browser, server.url, kb, SELF_CARE_CASE, viewport=PHONE,
                     java_script_enabled=scripts)  # fmt: skip
    assert page.locator("#disposition").inner_text() == kb.dispositions["self_care"].title
    save = page.get_by_role("button", name="Save to diary").bounding_box()
    assert save is not None and save["y"] + save["height"] <= PHONE["height"], save
    first = page.locator(".first-steps li").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= PHONE["height"]
    # the full plan is folded: closed, and opened by a click without any script
    plan = page.locator("details:has(#plan)")
    assert not plan.evaluate("d => d.open")
    assert not page.get_by_text("Quinine: not a self-care treatment").is_visible()
    page.locator("summary:has(#plan)").click()
    assert page.get_by_text("Quinine: not a self-care treatment").is_visible()
    page.context.close()


def test_an_emergency_result_puts_the_call_button_on_the_first_screen(
    browser: Any, server: Server, kb: KnowledgeBase
) -> None:
    page = result_of(browser, server.url, kb, EMERGENCY_CASE, viewport=PHONE)
    call = page.get_by_role("link", name="Call 999 now")
    assert call.get_attribute("href") == "tel:999"
    box = call.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    page.context.close()

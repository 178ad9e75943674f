"""Touch targets on a phone: every body-map region and every pain-scale choice is at least
24 by 24 CSS pixels at a 375 px wide viewport (WCAG 2.2, 2.5.8 target size, minimum)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Server

MINIMUM = 24
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(base_url=server.url, viewport=PHONE)
    opened = context.new_page()
    yield opened
    context.close()


def _small(page: Any, selector: str) -> list[str]:
    found = page.locator(selector)
    assert found.count() > 0, selector
    small = []
    for n in range(found.count()):
        item = found.nth(n)
        box = item.bounding_box()
        assert box is not None
        if box["width"] < MINIMUM or box["height"] < MINIMUM:
            name = item.get_attribute("data-region") or item.get_attribute("for") or str(n)
            small.append(f"{name}: {box['width']:.0f}x{box['height']:.0f}")
    return small


def test_every_body_map_region_is_a_24px_target_on_a_phone(phone: Any) -> None:
    phone.goto("/")
    phone.get_by_role("button", name="Start an assessment").click()
    assert _small(phone, ".body-map [data-region]") == []
    phone.locator('.body-map .front [data-region="jaw"]').click()
    assert phone.locator("#r-jaw").is_checked()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_every_pain_scale_choice_is_a_24px_target_on_a_phone(phone: Any) -> None:
    phone.goto("/diary")
    assert _small(phone, ".scale label") == []
    phone.locator('label[for="severity-7"]').click()
    assert phone.locator("#severity-7").is_checked()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

"""axe-core finds no WCAG 2.1 A or AA violation on any page, and no page scrolls sideways at
320 px wide."""

from __future__ import annotations

from typing import Any

import pytest

from spasmcare.kb.load import KnowledgeBase
from tests.browser.conftest import Server
from tests.browser.keyboard import assess
from tests.web_helpers import EMERGENCY_CASE, SELF_CARE_CASE

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"


def _violations(page: Any, axe_source: str) -> list[str]:
    # Injected through the DevTools protocol: the page's CSP rightly forbids inline script.
    page.evaluate(axe_source + "\n;undefined")
    found = page.evaluate(RUN, TAGS)["violations"]
    return [f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})" for v in found]


def _check(page: Any, name: str, axe_source: str, problems: list[str]) -> None:
    problems += [f"{name}: {v}" for v in _violations(page, axe_source)]
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > page.viewport_size["width"]:
        problems.append(f"{name}: scrolls sideways ({wide}px at {page.viewport_size['width']}px)")


@pytest.mark.parametrize("width", [320, 1280])
def test_every_page_passes_axe_and_fits(
    browser: Any, server: Server, multi_server: Server, kb: KnowledgeBase, axe_source: str,
    width: int,
) -> None:  # fmt: skip
    context = browser.new_context(base_url=server.url, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.goto("/diary")
    for n in range(3):
        page.select_option("#region", "calf")
        page.fill("#started_at", f"2026-01-0{n + 1}T0{n + 1}:30")
        page.get_by_role("button", name="Save episode").click()
    for url in ("/", "/diary", "/insights", "/settings", "/settings/tokens", "/nope"):
        page.goto(url)
        _check(page, url, axe_source, problems)
    page.goto("/settings/tokens")
    page.fill("#name", "phone")
    page.get_by_role("button", name="Make token").click()
    _check(page, "new token", axe_source, problems)
    page.goto("/diary")
    page.locator(".episodes a").first.click()
    _check(page, "edit episode", axe_source, problems)
    page.goto("/")
    page.get_by_role("button", name="Start an assessment").click()
    _check(page, "body map", axe_source, problems)
    page.check("#r-lower_back")
    page.get_by_role("button", name="Next").click()
    _check(page, "number question", axe_source, problems)
    page.get_by_role("button", name="Next").click()
    _check(page, "next question", axe_source, problems)
    page.get_by_role("button", name="Next").click()  # nothing chosen: the error state
    _check(page, "question with an error", axe_source, problems)
    for case in (EMERGENCY_CASE, SELF_CARE_CASE):
        assess(page, kb, case)
        _check(page, f"result {case['region']}", axe_source, problems)
    context.close()
    other = browser.new_context(base_url=multi_server.url, viewport={"width": width, "height": 800})
    page = other.new_page()
    for url in ("/signin", "/signup"):
        page.goto(url)
        _check(page, url, axe_source, problems)
    _clinic_pages(page, multi_server, width, axe_source, problems)
    other.close()
    assert problems == []


def _clinic_pages(
    page: Any, server: Server, width: int, axe_source: str, problems: list[str]
) -> None:
    """Sharing, the access log and the clinician's pages, with a patient sharing their diary."""
    import subprocess
    import sys

    doctor, patient, password = (
        f"doc{width}@example.org",
        f"pat{width}@example.org",
        "plum tractor whistle",
    )
    subprocess.run(
        [sys.executable, "-m", "spasmcare", "users", "add", doctor, "--role", "clinician",
         "--password-stdin", "--home", str(server.home)],
        input=password + "\n", text=True, check=True, capture_output=True,
    )  # fmt: skip
    page.goto("/signup")
    page.fill("#username", patient)
    page.fill("#password", password)
    page.locator("main button[type=submit]").click()
    page.goto("/settings/sharing")
    page.fill("#email", doctor)
    page.get_by_role("button", name="Invite them").click()
    _check(page, "sharing", axe_source, problems)
    link = page.locator("#invitation-link").inner_text()
    page.get_by_role("button", name=f"Sign out {patient}").click()
    page.goto(link)
    _check(page, "invitation", axe_source, problems)
    page.get_by_role("link", name=f"Sign in as {doctor}").click()
    page.fill("#username", doctor)
    page.fill("#password", password)
    page.locator("main button[type=submit]").click()
    page.get_by_role("button", name="Accept and see their diary").click()
    _check(page, "clinic dashboard", axe_source, problems)
    page.locator(".episodes a").first.click()
    _check(page, "clinic patient", axe_source, problems)
    page.get_by_role("button", name=f"Sign out {doctor}").click()
    page.goto("/signin")
    page.fill("#username", patient)
    page.fill("#password", password)
    page.locator("main button[type=submit]").click()
    page.goto("/settings/access-log")
    _check(page, "access log", axe_source, problems)

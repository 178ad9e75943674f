"""The diary in the real browser: log and edit an episode, download the report, and two
people who never see each other's diary."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Server

PASSWORD = "correct horse battery"


def test_log_and_edit_an_episode(page: Any) -> None:
    page.goto("/diary")
    page.select_option("#region", "calf")
    page.locator('label[for="severity-7"]').click()
    page.fill("#helped-what-0", "stretching")
    page.locator('label[for="helped-how-0-a_lot"]').click()
    page.fill("#notes", "woke me at night")
    page.get_by_role("button", name="Save episode").click()
    assert page.get_by_text("Episode saved").is_visible()
    episode = page.locator(".episodes li").filter(has_text="woke me at night")
    assert "pain 7/10" in episode.inner_text()
    assert "stretching (a lot)" in episode.inner_text()
    assert page.locator("#region").input_value() == "calf"  # carried forward
    episode.get_by_role("link", name="Edit").click()
    page.locator("#severity-7").focus()  # radio buttons: the arrow keys move along the scale
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.get_by_role("button", name="Save changes").click()
    assert page.get_by_text("Episode updated").is_visible()
    assert "pain 4/10" in page.locator(".episodes li").filter(has_text="woke me").inner_text()


def test_download_the_report(page: Any) -> None:
    page.goto("/diary")
    page.select_option("#region", "foot")
    page.get_by_role("button", name="Save episode").click()
    page.goto("/insights")
    with page.expect_download() as download:
        page.get_by_role("link", name="Clinician report (PDF)").click()
    saved = download.value.path()
    with open(saved, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith(".pdf")


def _person(browser: Any, server: Server, name: str) -> Any:
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    page.goto("/signup")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_text(f"Signed in as {name}").is_visible()
    return page


def test_two_people_never_see_each_others_diary(browser: Any, multi_server: Server) -> None:
    ann = _person(browser, multi_server, "ann@example.org")
    bob = _person(browser, multi_server, "bob@example.org")
    for page, note in ((ann, "ann private note"), (bob, "bob private note")):
        page.select_option("#region", "calf")
        page.fill("#notes", note)
        page.get_by_role("button", name="Save episode").click()
    ann.reload()
    bob.reload()
    assert "ann private note" in ann.content() and "bob private note" not in ann.content()
    assert "bob private note" in bob.content() and "ann private note" not in bob.content()
    bob.get_by_role("button", name="Sign out bob@example.org").click()
    bob.goto("/diary")
    assert bob.url.endswith("/signin")
    bob.fill("#username", "bob@example.org")
    bob.fill("#password", PASSWORD)
    bob.get_by_role("button", name="Sign in").last.click()
    assert "bob private note" in bob.content() and "ann private note" not in bob.content()
    ann.context.close()
    bob.context.close()

"""The admin's accounts page in chromium: change a role, make a reset link that the person
then uses, disable an account; axe-core checks each state at 320 and 1280 px."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_accessibility import _check

PASSWORD = "plum tractor whistle"
NEW_PASSWORD = "violet harbour lantern"


def _add(server: Server, email: str, role: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "spasmcare", "users", "add", email, "--role", role,
         "--password-stdin", "--home", str(server.home)],
        input=PASSWORD + "\n", text=True, check=True, capture_output=True,
    )  # fmt: skip


def _sign_in(page: Any, email: str, password: str = PASSWORD) -> None:
    page.goto("/signin")
    page.fill("#username", email)
    page.fill("#password", password)
    page.locator("main button[type=submit]").click()
    assert page.get_by_text(f"Signed in as {email}").is_visible()


@pytest.mark.parametrize("width", [320, 1280])
def test_an_admin_manages_accounts(
    browser: Any, multi_server: Server, axe_source: str, width: int, tmp_path: Path
) -> None:
    admin, nurse = f"admin{width}@clinic.example", f"nurse{width}@clinic.example"
    _add(multi_server, admin, "admin")
    _add(multi_server, nurse, "patient")
    problems: list[str] = []
    viewport = {"width": width, "height": 800}
    page = browser.new_context(base_url=multi_server.url, viewport=viewport).new_page()
    _sign_in(page, admin)
    page.get_by_role("link", name="Accounts").click()
    _check(page, "accounts", axe_source, problems)
    page.get_by_label(f"Role of {nurse}").select_option("clinician")
    page.locator("li.card", has_text=nurse).get_by_role("button", name="Change role").click()
    assert page.get_by_text(f"{nurse} now has the role clinician").is_visible()
    page.get_by_role("button", name=f"Password reset link for {nurse}").click()
    _check(page, "reset link made", axe_source, problems)
    page.screenshot(path=str(tmp_path / "accounts.png"), full_page=True)
    link = page.locator("#reset-link").inner_text()

    theirs = browser.new_context(base_url=multi_server.url, viewport=viewport).new_page()
    theirs.goto(link)
    _check(theirs, "set a new password", axe_source, problems)
    theirs.fill("#password", NEW_PASSWORD)
    theirs.get_by_role("button", name="Set password").click()
    assert theirs.get_by_text(f"Password set for {nurse}").is_visible()
    _sign_in(theirs, nurse, NEW_PASSWORD)
    assert theirs.get_by_role("link", name="Patients").is_visible()  # now a clinician

    page.get_by_role("button", name=f"Disable {nurse}").click()
    assert page.get_by_text(f"{nurse} is disabled").is_visible()
    _check(page, "after disabling", axe_source, problems)
    theirs.goto("/clinic")
    assert theirs.url.endswith("/signin")
    assert problems == []

"""A patient invites a clinician who has no account; the email arrives at a real local SMTP
server; the clinician opens its link in their own browser, creates their account there and
sees the patient's diary. axe-core checks every page on the way, at 320 and 1280 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_accessibility import _check
from tests.smtp_helpers import Inbox, smtp_server

PASSWORD = "plum tractor whistle"


@pytest.fixture(scope="module")
def mailing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Inbox]]:
    with smtp_server() as inbox:
        running = Server(tmp_path_factory.mktemp("mailing"), multi_user=True, environ=inbox.env())
        yield running, inbox
        running.stop()


@pytest.mark.parametrize("width", [320, 1280])
def test_a_clinician_joins_from_the_emailed_invitation(
    browser: Any, mailing: tuple[Server, Inbox], axe_source: str, width: int, tmp_path: Path
) -> None:
    server, inbox = mailing
    patient, doctor = f"pat{width}@example.org", f"dr{width}@clinic.example"
    problems: list[str] = []
    viewport = {"width": width, "height": 800}
    mine = browser.new_context(base_url=server.url, viewport=viewport).new_page()
    mine.goto("/signup")
    mine.fill("#username", patient)
    mine.fill("#password", PASSWORD)
    mine.get_by_role("button", name="Create account").click()
    mine.fill("#notes", f"note-{width}")
    mine.select_option("#region", "calf")
    mine.get_by_role("button", name="Save episode").click()
    mine.goto("/settings/sharing")
    mine.fill("#email", doctor)
    mine.get_by_role("button", name="Invite them").click()
    assert mine.get_by_text(f"We emailed an invitation to {doctor}").is_visible()
    _check(mine, "sharing, invitation sent", axe_source, problems)
    mine.screenshot(path=str(tmp_path / "sharing.png"), full_page=True)

    (message,) = [m for m in inbox.messages if m["To"] == doctor]
    body = message.get_payload(decode=True).decode()
    link = re.search(r"http://\S+/invitations/\S+", body)
    assert link
    theirs = browser.new_context(base_url=server.url, viewport=viewport).new_page()
    theirs.goto(link.group(0))
    assert theirs.get_by_text(f"{patient} invites {doctor}").is_visible()
    _check(theirs, "invitation", axe_source, problems)
    theirs.screenshot(path=str(tmp_path / "invitation.png"), full_page=True)
    theirs.fill("#password", PASSWORD)
    theirs.get_by_role("button", name="Create account and accept").click()
    assert theirs.get_by_text(f"{patient} now shares their diary with you").is_visible()
    _check(theirs, "clinic after accepting", axe_source, problems)
    theirs.get_by_role("link", name=patient).first.click()
    assert theirs.get_by_text(f"note-{width}").first.is_visible()
    mine.goto("/settings/sharing")
    assert mine.get_by_role("button", name=f"Stop sharing with {doctor}").is_visible()
    assert problems == []

"""Passwords and sign-in (security review findings 5, 6 and 17): easy passwords are refused,
a password can be changed (ending the other sessions), and repeated wrong passwords slow down
the guesser without locking anyone out or telling which emails have an account. Through the
real app; browsers at different client addresses are separate test clients."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from spasmcare import clock
from spasmcare.accounts import backoff
from tests.test_diary_fixtures import cli_env, diary_settings, postgres_server
from tests.web_helpers import Browser, opened

__all__ = ["cli_env", "diary_settings", "postgres_server"]

PASSWORD = "correct horse battery"
NEW_PASSWORD = "plum tractor whistle canyon"
DOCTOR = "doctor@example.org"
NO_RATE_LIMIT = {"SPASMCARE_RATE_SIGN_IN": "100000"}  # the per-minute limit is tested elsewhere


def browser(
    home: Path, address: str = "198.51.100.7", env: dict[str, str] | None = None
) -> Browser:
    """A browser at a client address of its own, on the clinic app."""
    from fastapi.testclient import TestClient

    from spasmcare.app import WebConfig, create_app
    from spasmcare.config import settings

    config = WebConfig(settings(home, environ={**NO_RATE_LIMIT, **(env or {})}), multi_user=True)
    app = opened(create_app(config))
    return Browser(TestClient(app, base_url="http://127.0.0.1", client=(address, 50000)))


def sign_in(web: Browser, email: str, password: str = PASSWORD) -> Any:
    return web.post("/signin", {"username": email, "password": password})


@pytest.fixture
def home(cli_env: dict[str, str]) -> tuple[Path, dict[str, str]]:
    return Path(cli_env["SPASMCARE_HOME"]), cli_env


@pytest.mark.parametrize(
    "weak", ["aaaaaaaaaa", " " * 10, "password123456", "Summer2024!", "doctor@example.org1"]
)
def test_easy_passwords_are_refused_at_sign_up(tmp_path: Path, weak: str) -> None:
    page = browser(tmp_path).post("/signup", {"username": DOCTOR, "password": weak})
    assert page.status_code == 400 and "too easy to guess" in page.text


def test_the_command_line_refuses_an_easy_password_too(tmp_path: Path) -> None:
    added = subprocess.run(
        [sys.executable, "-m", "spasmcare", "users", "add", DOCTOR, "--password-stdin",
         "--home", str(tmp_path)],
        input="password123456\n", text=True, capture_output=True,
    )  # fmt: skip
    assert added.returncode != 0 and "too easy to guess" in added.stderr


def test_sign_up_asks_for_an_email(tmp_path: Path) -> None:
    web = browser(tmp_path)
    form = web.get("/signup").text
    assert '<label for="username">Email</label>' in form and 'type="email"' in form
    page = web.post("/signup", {"username": "not an email", "password": PASSWORD})
    assert page.status_code == 400 and "Enter your email address" in page.text


def test_changing_the_password_signs_out_every_other_session(
    home: tuple[Path, dict[str, str]],
) -> None:
    folder, env = home
    laptop, phone = browser(folder, env=env), browser(folder, env=env)
    assert "Signed in as" in laptop.post("/signup", {"username": DOCTOR, "password": PASSWORD}).text
    assert "Signed in as" in sign_in(phone, DOCTOR).text
    laptop.get("/settings")
    wrong = laptop.post(
        "/settings/password", {"current_password": "not it at all", "new_password": NEW_PASSWORD}
    )
    assert "not your current password" in wrong.text
    weak = laptop.post(
        "/settings/password", {"current_password": PASSWORD, "new_password": "password123456"}
    )
    assert "too easy to guess" in weak.text
    changed = laptop.post("/settings/password",
                          {"current_password": PASSWORD, "new_password": NEW_PASSWORD})  # fmt: skip
    assert "Password changed. Signed out everywhere else (1 other session ended)" in changed.text
    assert laptop.client.get("/diary", follow_redirects=False).status_code == 200
    assert phone.client.get("/diary", follow_redirects=False).status_code == 303
    fresh = browser(folder, "203.0.113.9", env)
    assert sign_in(fresh, DOCTOR).status_code == 400  # the old password no longer works
    assert "Signed in as" in sign_in(fresh, DOCTOR, NEW_PASSWORD).text


def test_nobody_can_lock_a_clinician_out(home: tuple[Path, dict[str, str]]) -> None:
    folder, env = home
    clinicians_browser = browser(folder, "192.0.2.10", env)
    clinicians_browser.post("/signup", {"username": DOCTOR, "password": PASSWORD})
    clinicians_browser.post("/signout")
    guessers = [browser(folder, f"203.0.113.{n}", env) for n in range(20)]
    codes = [sign_in(g, DOCTOR, "guess").status_code for g in guessers]  # 20 addresses
    assert codes[:5] == [400] * 5 and 429 in codes  # then made to wait (the waits double)
    _sat_out(clinicians_browser, backoff.name_key(DOCTOR), backoff.NAME_CAP, 15)
    # The browser the clinician signed in with before gets in at once ...
    assert "Signed in as" in sign_in(clinicians_browser, DOCTOR).text
    # ... and a browser they never used waits a minute at most, not 15 minutes.
    held = sign_in(browser(folder, "192.0.2.11", env), DOCTOR)
    assert held.status_code == 429 and 30 < int(held.headers["retry-after"]) <= 60


def _sat_out(web: Browser, key: str, cap: Any, failures: int, free: int = backoff.FREE) -> None:
    """More wrong passwords for ``key``, as if the guesser had sat out each wait."""
    services = web.client.app.state.web  # type: ignore[attr-defined]
    for _ in range(failures):
        services.accounts.backoff.failed(key, cap, clock.stored_now(), free)


def test_one_address_that_keeps_guessing_waits_longer_each_time(tmp_path: Path) -> None:
    guesser = browser(tmp_path)
    answers = [sign_in(guesser, f"someone{n}@example.org", "guess") for n in range(10)]
    assert [a.status_code for a in answers] == [400] * 10  # ten free (a clinic may share one)
    address = backoff.address_key("198.51.100.7")
    waits = []
    for failures in (3, 3):  # more wrong passwords, as if each wait had been sat out
        _sat_out(guesser, address, backoff.ADDRESS_CAP, failures, backoff.ADDRESS_FREE)
        held = sign_in(guesser, "another@example.org", "guess")  # a new email: the address waits
        assert held.status_code == 429 and "wait" in held.text
        waits.append(int(held.headers["retry-after"]))
    assert 20 < waits[0] <= 40 < 160 < waits[1] <= 320  # 5 s doubled 3 times, then 6


def _answer(page: Any) -> tuple[int, str]:
    text = page.text
    return page.status_code, text[text.index('id="error"') :].split("</p>")[0]


def test_unknown_emails_get_the_same_answers_as_real_ones(
    tmp_path: Path, stopped_clock: list[datetime]
) -> None:
    browser(tmp_path).post("/signup", {"username": DOCTOR, "password": PASSWORD})
    real, unknown = browser(tmp_path, "192.0.2.1"), browser(tmp_path, "192.0.2.2")
    emails = {real: DOCTOR, unknown: "nobody-here@example.org"}
    for _ in range(5):  # five wrong answers
        assert _answer(sign_in(real, DOCTOR, "wrong guess!")) == _answer(
            sign_in(unknown, emails[unknown], "wrong guess!")
        )
    for web, email in emails.items():  # both made to wait long (no clock can end it mid-test)
        _sat_out(web, backoff.name_key(email), backoff.NAME_CAP, 10)
    waits = {_answer(sign_in(web, email, "wrong guess!")) for web, email in emails.items()}
    assert {(code, re.sub(r"\d+", "N", text)) for code, text in waits} == {
        (429, 'id="error">Too many wrong passwords for this email or from this address: wait N '
              "seconds and try again.")
    }  # fmt: skip


def test_unknown_emails_take_as_long_as_real_ones(tmp_path: Path) -> None:
    """Compared with each other in the same run (both run Argon2), never with a fixed time."""
    browser(tmp_path).post("/signup", {"username": DOCTOR, "password": PASSWORD})
    times: dict[str, list[float]] = {DOCTOR: [], "nobody-here@example.org": []}
    for n in range(4):  # fewer than five: no wait cuts either short
        for email, taken in times.items():
            web = browser(tmp_path, f"192.0.2.{n * 2 + len(taken) % 2 + 20}")
            web.get("/signin")
            start = time.perf_counter()
            assert sign_in(web, email, "wrong guess!").status_code == 400
            taken.append(time.perf_counter() - start)
    known, unknown = (statistics.median(t) for t in times.values())
    assert 1 / 3 < known / unknown < 3

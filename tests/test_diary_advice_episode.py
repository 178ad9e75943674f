"""The diary's advice is about the episode just logged, and says which one it is.

The steps are a new user's: in a fresh diary, an older 3-minute cramp and then a 15-minute one
must bring the advice for a long cramp at once (not one episode later), and a 1-minute cramp
after a 20-minute one must not be called urgent.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spasmcare.cli import app
from tests.web_helpers import Browser, make_client

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SPASMCARE_HOME": str(tmp_path), "SPASMCARE_DATABASE_URL": ""}


def log(env: dict[str, str], *args: str) -> str:
    result = runner.invoke(app, ["log", "--region", "calf", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def days_ago(days: int) -> str:
    return (datetime.now() - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_a_long_cramp_after_a_short_one_is_advised_on_at_once(env: dict[str, str]) -> None:
    assert "URGENT" not in log(env, "--duration-minutes", "3", "--at", days_ago(2))
    said = log(env, "--duration-minutes", "15")
    assert "URGENT" in said
    assert "About the episode of" in said and "15 min" in said.split("About the episode of")[1]
    again = runner.invoke(app, ["log", "--again"], env=env)
    assert again.exit_code == 0 and "URGENT" in again.output


def test_a_short_cramp_after_a_long_one_is_not_called_urgent(env: dict[str, str]) -> None:
    assert "URGENT" in log(env, "--duration-minutes", "20", "--at", days_ago(1))
    assert "URGENT" not in log(env, "--duration-minutes", "1")


def test_again_repeats_the_episode_just_logged_not_the_newest_by_time(
    env: dict[str, str],
) -> None:
    log(env, "--duration-minutes", "1")
    log(env, "--duration-minutes", "15", "--at", days_ago(3))
    again = runner.invoke(app, ["log", "--again"], env=env)
    assert "15 min" in again.output.splitlines()[0] and "URGENT" in again.output


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def test_the_web_advises_on_the_episode_just_logged(web: Browser) -> None:
    old = (datetime.now() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page = web.post("/diary/log", {"region": "calf", "duration_minutes": "3", "started_at": old})
    assert 'class="message warning"' not in page.text
    page = web.post("/diary/log", {"region": "calf", "duration_minutes": "15"})
    assert 'class="message warning" role="alert"' in page.text
    assert "About your episode of" in page.text
    page = web.post("/diary/log", {"region": "foot", "duration_minutes": "1"})
    assert 'class="message warning"' not in page.text


def test_the_web_form_is_filled_from_the_episode_just_logged(web: Browser) -> None:
    web.post("/diary/log", {"region": "calf", "duration_minutes": "2"})
    old = (datetime.now() - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    page = web.post("/diary/log", {"region": "foot", "duration_minutes": "4", "started_at": old})
    assert '<option value="foot" selected>' in page.text
    assert re.search(r'name="duration_minutes"[^>]* value="4(\.0)?"', page.text)

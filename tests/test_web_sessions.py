"""Sessions (security review findings 5 and 10): reading pages writes no session; a session
ends 30 minutes after its last request and 12 hours after sign-in however busy (both
configurable); "sign out everywhere" ends every session of a person. Through the real app on
SQLite and on the real PostgreSQL server."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from spasmcare.diary import tables
from tests.test_diary_fixtures import cli_env, diary_settings, postgres_server
from tests.web_helpers import Browser, make_client

__all__ = ["cli_env", "diary_settings", "postgres_server"]

PASSWORD = "correct horse battery"


def _engine(web: Browser) -> Any:
    return web.client.app.state.web.store.engine  # type: ignore[attr-defined]


def _rows(web: Browser) -> int:
    with _engine(web).connect() as c:
        return int(c.execute(select(func.count()).select_from(tables.web_session)).scalar_one())


@pytest.fixture
def home(cli_env: dict[str, str]) -> Path:
    return Path(cli_env["SPASMCARE_HOME"])


def _signed_up(home: Path, env: dict[str, str], name: str) -> Browser:
    web = make_client(home, multi_user=True, environ=env)
    page = web.post("/signup", {"username": name, "password": PASSWORD})
    assert f"Signed in as {name}" in page.text, page.text
    return web


def _age_sessions(
    web: Browser, idle: timedelta = timedelta(), begun: timedelta = timedelta()
) -> None:
    """Move every session's last request and start back in time, as if that long had passed."""
    t = tables.web_session
    with _engine(web).begin() as c:
        for row in c.execute(select(t)).all():  # in Python: SQLite has no interval arithmetic
            c.execute(update(t).where(t.c.id == row.id).values(
                seen_at=row.seen_at - idle, created_at=row.created_at - begun,
                expires_at=row.expires_at - begun,
            ))  # fmt: skip


def test_reading_pages_writes_no_session(home: Path, cli_env: dict[str, str]) -> None:
    web = make_client(home, multi_user=True, environ=cli_env)
    for i in range(30):
        assert web.client.get(f"/x{i}").status_code == 404
    for url in ("/", "/signin", "/assess"):
        assert web.get(url).status_code == 200
    assert _rows(web) == 0 and "spasmcare_session" not in web.client.cookies
    # The form's token still works, and the interview is kept once there is one.
    started = web.post("/assess/start")
    assert started.status_code == 200 and 'action="/assess/answer"' in started.text
    assert _rows(web) == 1


def test_a_forged_form_is_refused_without_a_session(tmp_path: Path) -> None:
    web = make_client(tmp_path, multi_user=True)
    web.get("/signin")
    other = make_client(tmp_path, multi_user=True)  # another browser: its own CSRF cookie
    forged = other.client.post("/signup", data={"csrf": web.csrf, "username": "mallory@example.org",
                                                "password": PASSWORD})  # fmt: skip
    assert forged.status_code == 403 and _rows(web) == 0


def test_an_idle_session_ends_after_thirty_minutes(home: Path, cli_env: dict[str, str]) -> None:
    web = _signed_up(home, cli_env, "ida@example.org")
    _age_sessions(web, idle=timedelta(minutes=29))
    assert web.client.get("/diary", follow_redirects=False).status_code == 200
    _age_sessions(web, idle=timedelta(minutes=31))  # 31 minutes since that last request
    gone = web.client.get("/diary", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/signin"


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(
    home: Path, cli_env: dict[str, str]
) -> None:
    web = make_client(home, multi_user=True, environ=cli_env)
    page = web.post("/signup", {"username": "abe@example.org", "password": PASSWORD})
    assert "Max-Age=43200" in page.history[0].headers["set-cookie"]
    _age_sessions(web, begun=timedelta(hours=11, minutes=50))
    for _ in range(3):  # busy: every request is recent
        _age_sessions(web, idle=timedelta(minutes=5))
        assert web.client.get("/diary", follow_redirects=False).status_code == 200
    _age_sessions(web, begun=timedelta(minutes=11))  # 12 h 1 min since sign-in
    assert web.client.get("/diary", follow_redirects=False).status_code == 303


def test_the_lifetimes_are_configurable(tmp_path: Path) -> None:
    env = {"SPASMCARE_SESSION_IDLE_MINUTES": "5", "SPASMCARE_SESSION_HOURS": "2"}
    web = _signed_up(tmp_path, env, "cy@example.org")
    signed_in = web.post("/signin", {"username": "cy@example.org", "password": PASSWORD})
    assert "Max-Age=7200" in signed_in.history[0].headers["set-cookie"]
    with _engine(web).connect() as c:
        row = c.execute(select(tables.web_session)).one()
    assert row.expires_at - row.created_at == timedelta(hours=2)
    _age_sessions(web, idle=timedelta(minutes=6))
    assert web.client.get("/diary", follow_redirects=False).status_code == 303
    assert "ends after 5 minutes without use, and 2 hours" in _signed_up(
        tmp_path, env, "di@example.org").get("/settings").text  # fmt: skip


def test_sign_out_everywhere_ends_every_session_of_that_person_only(
    home: Path, cli_env: dict[str, str]
) -> None:
    laptop = _signed_up(home, cli_env, "eve@example.org")
    phone = make_client(home, multi_user=True, environ=cli_env)
    phone.post("/signin", {"username": "eve@example.org", "password": PASSWORD})
    someone_else = _signed_up(home, cli_env, "finn@example.org")
    assert phone.client.get("/diary", follow_redirects=False).status_code == 200
    laptop.get("/settings")
    page = laptop.post("/signout/everywhere")
    assert page.status_code == 200 and "Signed out everywhere (2 sessions ended)" in page.text
    for device in (laptop, phone):
        assert device.client.get("/diary", follow_redirects=False).status_code == 303
    assert someone_else.client.get("/diary", follow_redirects=False).status_code == 200


def test_ended_sessions_are_swept(tmp_path: Path) -> None:
    web = _signed_up(tmp_path, {}, "gil@example.org")
    _age_sessions(web, idle=timedelta(hours=1))
    services = web.client.app.state.web  # type: ignore[attr-defined]
    from spasmcare import clock

    services.sessions.sweep(clock.stored_now())
    assert _rows(web) == 0

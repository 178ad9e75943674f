"""Accounts have a life cycle (security review finding 5): an admin changes roles, disables,
enables and removes accounts and makes one-time password-reset links (emailed through a real
local SMTP server when configured), on the admin page and with `spasmcare users`. Through the
real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clinic_helpers import PASSWORD, World, bearer, build, sign_in
from tests.smtp_helpers import smtp_server
from tests.test_diary_fixtures import cli_env, diary_settings, postgres_server
from tests.web_helpers import Browser, make_client

__all__ = ["cli_env", "diary_settings", "postgres_server"]

NEW_PASSWORD = "plum tractor whistle canyon"


@pytest.fixture
def world(cli_env: dict[str, str]) -> World:
    return build(Path(cli_env["SPASMCARE_HOME"]), environ=cli_env)


def _fresh(world: World) -> Browser:
    """A new browser on the world's database."""
    settings = world.services.config.settings
    return make_client(settings.home, multi_user=True,
                       environ={"SPASMCARE_DATABASE_URL": settings.database_url})  # fmt: skip


def _act(world: World, who: str, action: str, **form: str) -> object:
    admin = world.web["admin"]
    admin.get("/admin/users")
    return admin.post(f"/admin/users/{world.ids[who]}/{action}", form)


def test_only_admins_manage_accounts(world: World) -> None:
    for who in ("owner", "clinician"):
        web = world.web[who]
        assert web.client.get("/admin/users").status_code == 403
        forged = web.post(f"/admin/users/{world.ids['other']}/disable")
        assert forged.status_code == 403
    anonymous = world.web["anonymous"].client.get("/admin/users", follow_redirects=False)
    assert anonymous.status_code == 303
    page = world.web["admin"].get("/admin/users")
    assert page.status_code == 200 and "owner@example.org" in page.text
    assert 'href="/admin/users"' in page.text  # the admin's navigation


def test_a_role_change_applies_at_once(world: World) -> None:
    assert world.web["other"].client.get("/clinic").status_code == 404
    changed = _act(world, "other", "role", role="clinician")
    assert "other@example.org now has the role clinician" in changed.text  # type: ignore[attr-defined]
    assert world.web["other"].client.get("/clinic").status_code == 200
    bad = _act(world, "other", "role", role="king")
    assert bad.status_code == 400 and "is not one of patient, clinician, admin" in bad.text  # type: ignore[attr-defined]


def test_disabling_signs_out_revokes_tokens_and_refuses_sign_in(world: World) -> None:
    owner = world.web["owner"]
    done = _act(world, "owner", "disable")
    assert "signed out everywhere, API tokens revoked" in done.text  # type: ignore[attr-defined]
    assert owner.client.get("/diary", follow_redirects=False).status_code == 303
    client = owner.client
    assert client.get("/api/v1/episodes", headers=bearer(world.tokens["owner"])).status_code == 401
    again = _fresh(world)
    refused = again.post("/signin", {"username": "owner@example.org", "password": PASSWORD})
    assert refused.status_code == 400 and "This account is disabled" in refused.text
    wrong = again.post("/signin", {"username": "owner@example.org", "password": "wrong guess!"})
    assert "disabled" not in wrong.text  # said only to someone who knows the password
    assert "can sign in again" in _act(world, "owner", "enable").text  # type: ignore[attr-defined]
    sign_in(again, "owner@example.org")


def test_removing_deletes_the_account_and_its_diary(world: World) -> None:
    kept = _act(world, "owner", "remove")
    assert kept.status_code == 400 and "tick the box" in kept.text  # type: ignore[attr-defined]
    gone = _act(world, "owner", "remove", confirm="yes")
    assert "owner@example.org and everything stored about them were removed" in gone.text  # type: ignore[attr-defined]
    store = world.services.store.as_owner(world.ids["owner"])
    assert store.episodes() == [] and world.services.people.named("owner@example.org") is None
    assert world.web["owner"].client.get("/diary", follow_redirects=False).status_code == 303


def test_an_admin_cannot_lock_themself_out(world: World) -> None:
    admin = world.web["admin"]
    for action in ("disable", "remove"):
        page = admin.post(f"/admin/users/{world.ids['admin']}/{action}", {"confirm": "yes"})
        assert page.status_code == 400 and "your own account" in page.text
    huge = admin.post(f"/admin/users/{2**40}/disable")
    assert huge.status_code == 400 and "no such account" in huge.text


def _reset_path(text: str, element: str = 'id="reset-link">') -> str:
    found = re.search(re.escape(element) + r"https?://[^/]+(/reset/[A-Za-z0-9_-]+)", text)
    assert found, text
    return found.group(1)


def test_a_reset_link_sets_a_new_password_once(world: World) -> None:
    made = _act(world, "clinician", "reset-link")
    link = _reset_path(made.text)  # type: ignore[attr-defined]
    fresh = _fresh(world)
    assert "For <strong>clinician@example.org</strong>" in fresh.get(link).text
    weak = fresh.post(link, {"password": "password123456"})
    assert weak.status_code == 400 and "too easy to guess" in weak.text
    done = fresh.post(link, {"password": NEW_PASSWORD})
    assert "Password set for clinician@example.org: sign in with it." in done.text
    assert world.web["clinician"].client.get("/clinic", follow_redirects=False).status_code == 303
    assert fresh.client.get(link).status_code == 404  # used
    assert fresh.post("/signin", {"username": "clinician@example.org",
                                  "password": PASSWORD}).status_code == 400  # fmt: skip
    sign_in_new = fresh.post("/signin", {"username": "clinician@example.org",
                                         "password": NEW_PASSWORD})  # fmt: skip
    assert "Signed in as clinician@example.org" in sign_in_new.text


def test_the_reset_link_is_emailed_when_the_clinic_has_smtp(tmp_path: Path) -> None:
    with smtp_server() as inbox:
        world = build(tmp_path, environ=inbox.env())
        made = _act(world, "clinician", "reset-link")
    assert "Emailed to clinician@example.org" in made.text  # type: ignore[attr-defined]
    (message,) = [m for m in inbox.messages if m["Subject"] == "Set a new spasmcare password"]
    assert message["To"] == "clinician@example.org"
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    link = _reset_path(body, "")
    fresh = make_client(tmp_path, multi_user=True)
    assert "Password set" in fresh.post(link, {"password": NEW_PASSWORD}).text


def _users(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spasmcare", "users", *args, "--home", str(home)],
        text=True, capture_output=True,
    )  # fmt: skip


def test_the_command_line_manages_accounts_too(tmp_path: Path) -> None:
    world = build(tmp_path)
    assert "owner@example.org now has the role clinician" in _users(
        tmp_path, "role", "owner@example.org", "clinician").stdout  # fmt: skip
    disabled = _users(tmp_path, "disable", "other@example.org")
    assert disabled.returncode == 0
    assert world.web["other"].client.get("/diary", follow_redirects=False).status_code == 303
    listed = _users(tmp_path, "list").stdout
    assert f"{world.ids['other']}\tpatient\tother@example.org\tdisabled" in listed
    assert _users(tmp_path, "enable", "other@example.org").returncode == 0
    printed = _users(tmp_path, "reset-link", "other@example.org", "--base-url",
                     "https://care.clinic.example")  # fmt: skip
    assert printed.stdout.startswith("https://care.clinic.example/reset/")
    link = printed.stdout.strip().removeprefix("https://care.clinic.example")
    fresh = make_client(tmp_path, multi_user=True)
    assert "Password set for other@example.org" in fresh.post(link, {"password": NEW_PASSWORD}).text
    unconfirmed = _users(tmp_path, "remove", "other@example.org")
    assert unconfirmed.returncode == 2 and "add --yes" in unconfirmed.stderr
    assert _users(tmp_path, "remove", "other@example.org", "--yes").returncode == 0
    unknown = _users(tmp_path, "disable", "ghost@example.org")
    assert unknown.returncode == 2 and "There is no account 'ghost@example.org'" in unknown.stderr
    assert "other@example.org" not in _users(tmp_path, "list").stdout

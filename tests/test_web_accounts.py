"""Accounts: single-person mode needs no login; with --multi-user people sign up and sign in
(Argon2id hashes, sessions in the database, lock-out) and each sees only their own diary."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from spasmcare.diary import tables
from tests.web_helpers import Browser, make_client

PASSWORD = "correct horse battery"


def _sign_up(web: Browser, name: str) -> None:
    name = name if "@" in name else f"{name}@example.org"
    page = web.post("/signup", {"username": name, "password": PASSWORD})
    assert page.status_code == 200 and f"Signed in as {name}" in page.text


def test_single_person_mode_opens_the_diary_without_signing_in(tmp_path: Path) -> None:
    web = make_client(tmp_path)
    assert web.get("/diary").status_code == 200
    assert web.client.get("/signin").status_code == 404


def test_multi_user_mode_asks_to_sign_in_for_the_diary(tmp_path: Path) -> None:
    web = make_client(tmp_path, multi_user=True)
    response = web.client.get("/diary", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/signin"
    assert web.get("/assess").status_code == 200  # anyone may take an assessment


def test_two_people_never_see_each_others_diary(tmp_path: Path) -> None:
    ann, bob = make_client(tmp_path, multi_user=True), make_client(tmp_path, multi_user=True)
    _sign_up(ann, "ann")
    _sign_up(bob, "bob")
    ann.post("/diary/log", {"region": "calf", "notes": "ann-secret-note"})
    bob.post("/diary/log", {"region": "foot", "notes": "bob-secret-note"})
    assert "ann-secret-note" in ann.get("/diary").text
    assert "bob-secret-note" not in ann.get("/diary").text
    assert "ann-secret-note" not in bob.get("/diary").text
    assert "ann-secret-note" not in bob.client.get("/export/json").text
    ann_id = ann.get("/diary").text.split('href="/diary/')[1].split("/")[0]
    assert bob.client.get(f"/diary/{ann_id}/edit").status_code == 404
    assert bob.post(f"/diary/{ann_id}/delete").status_code == 404
    assert "ann-secret-note" in ann.get("/diary").text


def test_passwords_are_stored_as_argon2id_hashes(tmp_path: Path) -> None:
    web = make_client(tmp_path, multi_user=True)
    _sign_up(web, "carol")
    engine = web.client.app.state.web.store.engine  # type: ignore[attr-defined]
    with engine.connect() as c:
        stored = c.execute(select(tables.person.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_sessions_live_in_the_database_so_another_process_accepts_them(tmp_path: Path) -> None:
    first = make_client(tmp_path, multi_user=True)
    _sign_up(first, "dora")
    first.post("/diary/log", {"region": "calf", "notes": "dora-note"})
    second = make_client(tmp_path, multi_user=True)  # another app on the same database
    second.client.cookies = first.client.cookies
    assert "dora-note" in second.get("/diary").text


def test_repeated_wrong_passwords_make_a_new_browser_wait(
    tmp_path: Path, stopped_clock: list[datetime]
) -> None:
    _sign_up(make_client(tmp_path, multi_user=True), "erin")
    web = make_client(tmp_path, multi_user=True)
    for _ in range(5):
        page = web.post("/signin", {"username": "erin@example.org", "password": "wrong password!"})
        assert page.status_code == 400
    held = web.post("/signin", {"username": "erin@example.org", "password": PASSWORD})
    assert held.status_code == 429 and re.search(r"wait [45] seconds and try again", held.text)


def test_signing_in_replaces_the_session_cookie(tmp_path: Path) -> None:
    web = make_client(tmp_path, multi_user=True)
    web.get("/")
    before = web.client.cookies.get("spasmcare_session")
    _sign_up(web, "fay")
    assert web.client.cookies.get("spasmcare_session") != before


def test_a_short_password_or_a_taken_name_is_refused(tmp_path: Path) -> None:
    web = make_client(tmp_path, multi_user=True)
    short = web.post("/signup", {"username": "gus@example.org", "password": "short"})
    assert short.status_code == 400
    _sign_up(web, "gus")
    other = make_client(tmp_path, multi_user=True)
    taken = other.post("/signup", {"username": "gus@example.org", "password": PASSWORD})
    assert taken.status_code == 400 and "already has an account" in taken.text


def test_the_store_keeps_each_owners_rows_apart(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from spasmcare.config import settings
    from spasmcare.diary.model import Episode, Profile
    from spasmcare.diary.store import Store

    with Store(settings(tmp_path, environ={})) as local:
        one, two = local.as_owner(1), local.as_owner(2)
        one.add_episode(Episode(datetime.now(UTC), "calf"))
        two.save_profile(Profile(age=40))
        assert one.count() == 1 and two.count() == 0 and local.count() == 0
        assert one.profile() is None and two.profile() == Profile(age=40)
        (mine,) = one.episodes()
        assert mine.id is not None
        one.delete_episode(mine.id)
        assert two.undo_delete() == [] and one.undo_delete() == [mine.id]
        two.forget()
        assert one.count() == 1

"""Sharing by invitation (new-user review finding 10): a patient invites any email; the answer
is the same whether or not it has an account; the clinician accepts from the link, creating
their clinician account there when they have none; with SMTP configured the link is emailed
(to a real local SMTP server). Through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from spasmcare.diary import tables
from tests.clinic_helpers import PASSWORD, invitation_link
from tests.smtp_helpers import free_port, smtp_server
from tests.test_diary_fixtures import cli_env, diary_settings, postgres_server
from tests.web_helpers import Browser, make_client

__all__ = ["cli_env", "diary_settings", "postgres_server"]

NEW_CLINICIAN = "dr.new@clinic.example"


@pytest.fixture
def clinic(cli_env: dict[str, str]) -> tuple[Path, dict[str, str]]:
    return Path(cli_env["SPASMCARE_HOME"]), cli_env


def person(
    home: Path, email: str, env: dict[str, str] | None = None, role: str = "patient"
) -> Browser:
    web = make_client(home, multi_user=True, environ=env)
    services = web.client.app.state.web  # type: ignore[attr-defined]
    from spasmcare import clock

    services.people.sign_up(email, PASSWORD, clock.stored_now(), role)
    page = web.post("/signin", {"username": email, "password": PASSWORD})
    assert f"Signed in as {email}" in page.text
    return web


def _answer(page: Any, email: str) -> str:
    """The sharing page's answer, with the email and the link's secret taken out."""
    main = page.text.split("<main")[1]
    main = re.sub(r"/invitations/[A-Za-z0-9_-]+", "/invitations/SECRET", main)
    main = re.sub(r'name="csrf" value="[^"]+"', "", main)
    main = re.sub(r"/settings/sharing/invitations/[0-9a-f]+/cancel", "CANCEL", main)
    return main.replace(email, "EMAIL").split("<h3>Invitations waiting")[0]


def test_sharing_never_tells_which_accounts_exist(clinic: tuple[Path, dict[str, str]]) -> None:
    home, env = clinic
    person(home, "dr.known@clinic.example", env, "clinician")
    person(home, "a.patient@example.org", env)
    owner = person(home, "owner@example.org", env)
    owner.get("/settings/sharing")
    answers = {
        email: _answer(owner.post("/settings/sharing", {"email": email}), email)
        for email in ("dr.known@clinic.example", "a.patient@example.org", "nobody@clinic.example")
    }
    assert len(set(answers.values())) == 1, answers
    assert "Give <strong>EMAIL</strong> this link" in next(iter(answers.values()))


def test_a_clinician_without_an_account_accepts_by_creating_one(
    clinic: tuple[Path, dict[str, str]],
) -> None:
    home, env = clinic
    owner = person(home, "owner@example.org", env)
    owner.post("/diary/log", {"region": "calf", "notes": "owner-note-for-clinic"})
    link = invitation_link(owner, NEW_CLINICIAN)
    doctor = make_client(home, multi_user=True, environ=env)
    page = doctor.get(link)
    assert "owner@example.org</strong> invites <strong>dr.new@clinic.example" in page.text
    weak = doctor.post(
        link + "/signup", {"username": "someone@else.example", "password": "aaaaaaaaaa"}
    )
    assert weak.status_code == 400 and "too easy to guess" in weak.text
    made = doctor.post(link + "/signup", {"username": "someone@else.example", "password": PASSWORD})
    assert "Welcome. owner@example.org now shares their diary with you." in made.text
    patient_id = re.search(r'href="/clinic/patients/(\d+)"', made.text)
    assert patient_id, made.text
    assert "owner-note-for-clinic" in doctor.get(f"/clinic/patients/{patient_id.group(1)}").text
    engine = doctor.client.app.state.web.store.engine  # type: ignore[attr-defined]
    with engine.connect() as c:  # the account is the invited email's, as a clinician
        row = c.execute(
            select(tables.person).where(tables.person.c.username == NEW_CLINICIAN)
        ).one()
    assert row.role == "clinician"
    assert doctor.client.get(link).status_code == 404  # used: the link works once
    assert NEW_CLINICIAN in owner.get("/settings/sharing").text.split('id="shares"')[1]


def test_a_clinician_with_an_account_signs_in_from_the_link(tmp_path: Path) -> None:
    person(tmp_path, NEW_CLINICIAN, role="clinician").post("/signout")
    owner = person(tmp_path, "owner@example.org")
    link = invitation_link(owner, NEW_CLINICIAN)
    doctor = make_client(tmp_path, multi_user=True)
    assert f'href="/signin?next={link}"' in doctor.get(link).text
    doctor.get(f"/signin?next={link}")
    back = doctor.post("/signin", {"username": NEW_CLINICIAN, "password": PASSWORD, "next": link})
    assert back.url.path == link and "Accept and see their diary" in back.text
    assert "now shares their diary" in doctor.post(link + "/accept").text


def test_expired_and_cancelled_invitations_stop_working(tmp_path: Path) -> None:
    owner = person(tmp_path, "owner@example.org")
    expired = invitation_link(owner, "late@clinic.example")
    engine = owner.client.app.state.web.store.engine  # type: ignore[attr-defined]
    with engine.begin() as c:
        row = c.execute(select(tables.account_link)).one()
        c.execute(update(tables.account_link).values(expires_at=row.created_at - timedelta(1)))
    cancelled = invitation_link(owner, "changed-mind@clinic.example")
    page = owner.get("/settings/sharing")
    assert "changed-mind@clinic.example" in page.text and "late@clinic.example" not in page.text
    ident = re.search(r"/settings/sharing/invitations/([0-9a-f]+)/cancel", page.text)
    assert ident
    assert (
        "Invitation cancelled"
        in owner.post(f"/settings/sharing/invitations/{ident.group(1)}/cancel").text
    )
    stranger = make_client(tmp_path, multi_user=True)
    for link in (expired, cancelled, "/invitations/made-up-secret"):
        gone = stranger.client.get(link)
        assert gone.status_code == 404 and "ask for a new one" in gone.text


def test_the_invitation_is_emailed_through_the_clinics_smtp_server(tmp_path: Path) -> None:
    with smtp_server() as inbox:
        owner = person(tmp_path, "owner@example.org", inbox.env())
        page = owner.post("/settings/sharing", {"email": NEW_CLINICIAN})
        assert "We emailed an invitation to <strong>dr.new@clinic.example</strong>" in page.text
    (message,) = inbox.messages
    assert message["To"] == NEW_CLINICIAN and message["From"] == "care@clinic.example"
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "owner@example.org would like to share their spasmcare diary" in body
    link = re.search(r"http://127\.0\.0\.1(/invitations/\S+)", body)
    assert link and link.group(1) in page.text
    doctor = make_client(tmp_path, multi_user=True)
    made = doctor.post(link.group(1) + "/signup", {"password": PASSWORD})
    assert "now shares their diary with you" in made.text


def test_an_unreachable_smtp_server_still_gives_the_link(tmp_path: Path) -> None:
    env = {"SPASMCARE_SMTP_HOST": "127.0.0.1", "SPASMCARE_SMTP_PORT": str(free_port())}
    owner = person(tmp_path, "owner@example.org", env)
    page = owner.post("/settings/sharing", {"email": NEW_CLINICIAN})
    assert page.status_code == 200 and "could not be sent (ConnectionRefusedError)" in page.text
    assert 'id="invitation-link"' in page.text


@pytest.mark.parametrize(
    ("email", "why"),
    [("not-an-email", "Enter your email address"), ("owner@example.org", "your own email")],
)
def test_a_bad_email_is_refused_saying_why(tmp_path: Path, email: str, why: str) -> None:
    owner = person(tmp_path, "owner@example.org")
    page = owner.post("/settings/sharing", {"email": email})
    assert page.status_code == 400 and why in page.text and "email:" in page.text

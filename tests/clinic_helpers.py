"""Shared by the clinic tests: one multi-user app with a patient, another patient, clinicians
with, without and after consent, and an admin, each signed in and holding a write token."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from spasmcare.diary.model import Assessment, Episode, Profile
from tests.web_helpers import Browser, make_client

PASSWORD = "correct horse battery"
SECRET = "owner-secret-note-7f3a"
SECRET_MEDICINE = "secretmedicinezz"
ROLES = {
    "owner": "patient",
    "other": "patient",
    "clinician": "clinician",
    "no_consent": "clinician",
    "revoked": "clinician",
    "admin": "admin",
}


@dataclass
class World:
    web: dict[str, Browser] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    episode_id: int = 0
    services: Any = None


def sign_in(web: Browser, name: str) -> None:
    page = web.post("/signin", {"username": name, "password": PASSWORD})
    assert page.status_code == 200 and f"Signed in as {name}" in page.text, page.text


def build(home: Path, **app: Any) -> World:
    world = World()
    anonymous = make_client(home, multi_user=True, **app)
    services = anonymous.client.app.state.web  # type: ignore[attr-defined]
    world.services = services
    world.web["anonymous"] = anonymous
    now = datetime.now(UTC).replace(tzinfo=None)
    for who, role in ROLES.items():
        person = services.people.sign_up(f"{who}@example.org", PASSWORD, now, role)
        world.ids[who] = person.id
        web = make_client(home, multi_user=True, **app)
        sign_in(web, f"{who}@example.org")
        world.web[who] = web
        _, world.tokens[who] = services.tokens.create(person.id, "write", "test", now)
    mine = services.store.as_owner(world.ids["owner"])
    at = datetime.now(UTC) - timedelta(days=1)
    saved = mine.add_episode(Episode(at, "calf", severity=6, notes=SECRET))
    assert saved.id is not None
    world.episode_id = saved.id
    mine.save_profile(Profile(age=61, medications=(SECRET_MEDICINE,)))
    result = {"disposition": "soon", "red_flags": [], "plan": {"follow_up_days": 7}}
    mine.add_assessment(Assessment(at, {"region": "calf"}, result, "test"))
    owner = world.web["owner"]
    for who in ("clinician", "revoked"):
        share(owner, world.web[who], f"{who}@example.org")
    seen = world.web["revoked"].get(f"/clinic/patients/{world.ids['owner']}")
    assert seen.status_code == 200 and SECRET in seen.text  # before revocation
    gone = owner.post(f"/settings/sharing/{world.ids['revoked']}/revoke")
    assert "Stopped sharing" in gone.text
    return world


def invitation_link(owner: Browser, email: str) -> str:
    """The patient invites the email; the path of the link the page shows."""
    page = owner.post("/settings/sharing", {"email": email})
    found = re.search(r'id="invitation-link">https?://[^/]+(/invitations/[^<]+)<', page.text)
    assert page.status_code == 200 and found, page.text
    return found.group(1)


def share(owner: Browser, clinician: Browser, email: str) -> None:
    """The patient invites the clinician, who accepts signed in."""
    link = invitation_link(owner, email)
    clinician.get(link)
    accepted = clinician.post(link + "/accept")
    assert "now shares their diary with you" in accepted.text, accepted.text


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}

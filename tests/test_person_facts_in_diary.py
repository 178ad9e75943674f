"""The facts a person gives in an assessment (age, sex, medicines, conditions) stay with their
diary: the profile is filled from them, and the diary's later re-assessments use them, so the
clinic dashboard flags only what follows from what the person said."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from spasmcare.diary.model import Assessment, Profile
from spasmcare.diary.store import Store
from tests.clinic_helpers import PASSWORD, World, build, sign_in
from tests.web_helpers import Browser, make_client

FRACTURE = "spinal fracture"
LIFTED_BACK = {
    "region": "lower_back", "age": 45, "sex": "female", "onset": "sudden", "side": "both",
    "frequency": "first_time", "time_of_day": "day", "days_since_first": 0,
    "duration_minutes": 5, "severity_0_10": 6, "associated": [], "recent": ["heavy_lifting"],
    "medications": ["atorvastatin"], "conditions": [],
}  # fmt: skip


def _patient(tmp_path: Path, name: str) -> tuple[World, Browser, Store]:
    world = build(tmp_path)
    services = world.services
    now = datetime.now(UTC).replace(tzinfo=None)
    who = services.people.sign_up(f"{name}@example.org", PASSWORD, now)
    services.consents.grant(who.id, services.people.get(world.ids["clinician"]), now)
    web = make_client(tmp_path, multi_user=True)
    sign_in(web, f"{name}@example.org")
    diary: Store = services.store.as_owner(who.id)
    return world, web, diary


def _dashboard_line(world: World, name: str) -> str:
    page = world.web["clinician"].get("/clinic").text
    return str(page.split(f"{name}@example.org")[1].split("</li>")[0])


def test_an_age_given_in_the_assessment_is_not_dropped_by_the_diary(tmp_path: Path) -> None:
    world, web, _ = _patient(tmp_path, "fortyfive")
    result = web.assess(world.services.kb, LIFTED_BACK)
    assert FRACTURE not in result.text
    web.post("/assess/save")
    settings = web.get("/settings").text
    assert 'value="45"' in settings and "atorvastatin" in settings  # the profile was filled
    logged = web.post("/diary/log", {"region": "lower_back", "severity": "6",
                                     "triggers": "heavy_lifting"})  # fmt: skip
    assert logged.status_code == 200
    line = _dashboard_line(world, "fortyfive")
    assert FRACTURE not in line, line


def test_a_profile_the_person_set_is_not_overwritten_by_an_assessment(tmp_path: Path) -> None:
    world, web, diary = _patient(tmp_path, "seventy")
    diary.save_profile(Profile(age=72))
    web.assess(world.services.kb, LIFTED_BACK)  # the age is not asked: the profile has it
    web.post("/assess/save")
    kept = diary.profile()
    assert kept is not None and kept.age == 72 and kept.sex == "female"
    web.post("/diary/log", {"region": "lower_back", "triggers": "heavy_lifting"})
    assert FRACTURE in _dashboard_line(world, "seventy")  # a known age over 70 counts


def test_a_diary_saved_before_the_profile_was_filled_uses_its_assessment(tmp_path: Path) -> None:
    world, web, diary = _patient(tmp_path, "older")
    at = datetime.now(UTC) - timedelta(days=2)
    diary.add_assessment(Assessment(at, {"region": "lower_back", "age": 45}, {"red_flags": []},
                                    "test"))  # fmt: skip
    assert diary.profile() is None
    web.post("/diary/log", {"region": "lower_back", "triggers": "heavy_lifting"})
    assert FRACTURE not in _dashboard_line(world, "older")

"""Follow-up and escalation: the diary read as a case, and advice to see a doctor when due.

Which patterns escalate is the knowledge base's business; these tests prove that the diary is
summarised faithfully and that fired red flags reach the person with reasons and sources.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.diary import model
from spasmcare.diary.follow_up import case_of
from spasmcare.diary.model import CheckIn, Episode, Profile, SelfCareStep
from spasmcare.diary.store import Store
from spasmcare.engine.assess import assess
from tests.test_diary_fixtures import diary_settings, postgres_server, store

__all__ = ["diary_settings", "postgres_server", "store"]

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
runner = CliRunner()


def night(days_ago: int, **extra: object) -> Episode:
    at = (NOW - timedelta(days=days_ago)).replace(hour=2)
    return model.episode({"started_at": at, "region": "calf", **extra}, NOW)


def test_the_case_summarises_the_diary() -> None:
    episodes = [
        night(20, duration_minutes=2, severity=4, associated=[]),
        *(night(d, duration_minutes=12, severity=6, associated=[]) for d in range(1, 14)),
    ]
    profile = Profile(age=67, sex="female", medications=("atorvastatin",))
    case = case_of(profile, episodes, [], [], NOW)
    assert case["region"] == "calf" and case["age"] == 67
    assert case["medications"] == ["atorvastatin"]
    assert case["days_since_first"] == 20
    assert case["frequency"] == "weekly"
    assert case["time_of_day"] == "night"
    assert case["duration_minutes"] == 12
    assert case["severity_0_10"] == 6
    assert "sleep_disturbance" in case["associated"]  # 3+ disturbed nights in each of 2 weeks
    assert assess(case).knowledge_version


def test_a_first_episode_by_day_is_first_time_and_not_disturbed_sleep() -> None:
    e = model.episode({"started_at": NOW.replace(hour=10), "region": "thigh"}, NOW)
    case = case_of(None, [e], [], [], NOW)
    assert (case["frequency"], case["time_of_day"]) == ("first_time", "day")
    assert "associated" not in case  # not asked: unknown, never "none"
    said_none = model.episode({"started_at": NOW, "region": "thigh", "associated": []}, NOW)
    assert case_of(None, [said_none], [], [], NOW)["associated"] == []


def test_self_care_days_count_until_a_check_in_says_better() -> None:
    step = SelfCareStep("stretch", "Stretch", NOW - timedelta(days=30))
    episodes = [night(1)]
    assert case_of(None, episodes, [], [step], NOW)["home_treatment_tried_days"] == 30
    same = CheckIn(NOW - timedelta(days=1), "same")
    assert case_of(None, episodes, [same], [step], NOW)["home_treatment_tried_days"] == 30
    better = CheckIn(NOW, "better")
    assert "home_treatment_tried_days" not in case_of(None, episodes, [same, better], [step], NOW)


def test_a_red_flag_episode_tells_the_person_and_saves_an_assessment(tmp_path: Path) -> None:
    env = {"SPASMCARE_HOME": str(tmp_path), "SPASMCARE_DATABASE_URL": ""}
    ordinary = ["log", "--region", "calf", "--duration-minutes", "2", "--no-other-symptoms"]
    quiet = runner.invoke(app, ordinary, env=env)
    assert quiet.exit_code == 0 and "no other symptoms" in quiet.output
    assert "saved as assessment" not in quiet.output
    args = ["log", "--region", "lower_back", "--associated", "saddle_numbness"]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert "EMERGENCY" in result.output
    assert "cauda equina" in result.output.lower()
    assert "Sources:" in result.output and "What to do:" in result.output
    assert "saved as assessment 1" in result.output
    exported = tmp_path / "out.json"
    runner.invoke(app, ["export", "--out", str(exported)], env=env)
    saved = [json.loads(x) for x in exported.read_text().splitlines()[1:]]
    (assessment,) = [r for r in saved if r["kind"] == "assessment"]
    assert assessment["episode_id"] == 2
    assert assessment["result"]["disposition"] == "emergency"
    assert assessment["case"]["associated"] == ["saddle_numbness"]
    assert assessment["knowledge_version"] == assessment["result"]["knowledge_version"]
    assert any(r["kind"] == "step" for r in saved)


def test_a_check_in_is_recorded_against_the_latest_assessment(store: Store) -> None:
    from spasmcare.diary import actions

    now = datetime.now(UTC)
    e = model.episode({"started_at": now, "region": "lower_back",
                       "associated": ["saddle_numbness"]})  # fmt: skip
    _, outcome = actions.log_episode(store, e, now)
    assert outcome.saved is not None and outcome.evaluation is not None
    assert outcome.evaluation.see_doctor
    due = outcome.saved.follow_up_due
    assert actions.due_assessment(store, now) is None
    assert actions.due_assessment(store, due) == outcome.saved
    checkin, again = actions.check_in(store, "worse", "", due)
    assert checkin.assessment_id == outcome.saved.id
    assert again.saved is None  # same red flags as before: advice repeated, not re-saved
    assert actions.due_assessment(store, due) is None
    assert len(store.assessments()) == 1


@pytest.mark.parametrize("answer", ["better", "same", "worse"])
def test_checkin_command_accepts_the_three_answers(tmp_path: Path, answer: str) -> None:
    env = {"SPASMCARE_HOME": str(tmp_path), "SPASMCARE_DATABASE_URL": ""}
    runner.invoke(app, ["log", "--region", "calf"], env=env)
    result = runner.invoke(app, ["checkin"], input=f"{answer}\n", env=env)
    assert result.exit_code == 0, result.output
    assert "Check-in saved" in result.output

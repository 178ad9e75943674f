"""The danger screen: every result says whether an unanswered question could raise it."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.engine.assess import assess
from spasmcare.vocabulary import urgency

from .strategies import cases

SETTINGS = settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

NIGHT_CRAMP_FULLY_ANSWERED = {
    "age": 70,
    "sex": "male",
    "region": "calf",
    "side": "left",
    "onset": "sudden",
    "duration_minutes": 3,
    "days_since_first": 200,
    "frequency": "occasional",
    "time_of_day": "night",
    "severity_0_10": 5,
    "associated": [],
    "recent": [],
    "medications": [],
    "conditions": [],
    "home_treatment_tried_days": 0,
}


def test_a_region_alone_is_not_a_complete_self_care_answer(kb) -> None:
    result = assess({"region": "lower_back"}, kb)
    assert result.screen.complete is False
    # The questions that could make it an emergency come first.
    assert "nerve_signs" in result.screen.unanswered[:6]
    assert "Manage at home" not in result.headline
    assert "not yet a reassurance" in result.headline


def test_a_fully_answered_ordinary_cramp_has_a_complete_screen(kb) -> None:
    result = assess(NIGHT_CRAMP_FULLY_ANSWERED, kb)
    assert result.disposition == "self_care"
    assert result.screen.complete is True
    assert result.screen.unanswered == []


@pytest.mark.parametrize(
    "unknown", ["duration_minutes", "associated", "recent", "medications", "conditions"]
)
def test_leaving_out_an_answer_that_matters_is_reported(kb, unknown: str) -> None:
    case = {k: v for k, v in NIGHT_CRAMP_FULLY_ANSWERED.items() if k != unknown}
    result = assess(case, kb)
    assert result.screen.complete is False
    assert result.screen.unanswered and result.screen.unanswered_text


def test_an_emergency_result_needs_no_more_answers(kb) -> None:
    result = assess({"region": "lower_back", "associated": ["saddle_numbness"]}, kb)
    assert result.disposition == "emergency"
    assert result.screen.complete is True


@SETTINGS
@given(case=cases, data=st.data())
def test_a_known_answer_made_unknown_never_silently_lowers_the_disposition(kb, case, data) -> None:
    known = [k for k, value in case.items() if k != "region" and value is not None]
    if not known:
        return
    forgotten = data.draw(st.sampled_from(known))
    before = assess(case, kb)
    after = assess({**case, forgotten: None}, kb)
    if urgency(after.disposition) < urgency(before.disposition):
        assert after.screen.complete is False, (forgotten, before.disposition, after.disposition)
        assert after.screen.unanswered


@SETTINGS
@given(case=cases)
def test_every_raised_disposition_has_a_reason_in_the_result(kb, case) -> None:
    result = assess(case, kb)
    if result.disposition != "self_care":
        assert result.red_flags
        assert max(urgency(f.disposition) for f in result.red_flags) == urgency(result.disposition)
    for reason in result.red_flags:
        assert reason.because and reason.sources
        if reason.kind == "cause":
            assert reason.probability is not None and reason.threshold is not None
            assert reason.probability >= reason.threshold


def test_the_command_line_says_when_answers_are_incomplete(tmp_path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"region": "lower_back"}))
    shown = CliRunner().invoke(app, ["assess", "--case", str(path)])
    assert shown.exit_code == 0, shown.output
    assert "This result rests on incomplete answers" in shown.output
    assert "Since this started, have you noticed any of these?" in shown.output
    as_json = CliRunner().invoke(app, ["assess", "--case", str(path), "--json"])
    screen = json.loads(as_json.output)["screen"]
    assert screen["complete"] is False and "nerve_signs" in screen["unanswered"]


def test_the_api_returns_the_screen() -> None:
    from spasmcare.app import create_api_app

    client = TestClient(create_api_app())
    answer = client.post("/api/v1/assessments", json={"region": "lower_back"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["screen"]["complete"] is False


def test_the_result_page_lists_the_questions_left_unanswered(tmp_path, kb) -> None:
    from tests.web_helpers import SELF_CARE_CASE, make_client

    web = make_client(tmp_path)
    vaguer = {k: v for k, v in SELF_CARE_CASE.items() if k not in ("age", "duration_minutes")}
    page = web.assess(kb, vaguer).text
    assert "This result rests on incomplete answers" in page
    assert "How old are you?" in page
    everything = {**SELF_CARE_CASE, "home_treatment_tried_days": 0}
    complete = make_client(tmp_path / "other").assess(kb, everything).text
    assert "This result rests on incomplete answers" not in complete


def test_an_answer_that_could_only_change_the_routine_advice_does_not_withhold_reassurance(
    kb,
) -> None:
    case = {k: v for k, v in NIGHT_CRAMP_FULLY_ANSWERED.items() if k != "home_treatment_tried_days"}
    result = assess(case, kb)
    assert result.screen.complete is False
    assert result.screen.could_raise_to == "routine"
    assert result.headline == kb.dispositions["self_care"].headline
    vague = assess({"region": "calf"}, kb)
    assert vague.screen.could_raise_to in ("urgent", "emergency")
    assert vague.headline == kb.dispositions["self_care"].headline_incomplete

"""The adaptive questionnaire reaches the same disposition as the full case, asking less."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spasmcare.engine.assess import assess
from spasmcare.engine.interview import answer, next_question
from spasmcare.kb import schema

VIGNETTES = sorted((Path(__file__).parent / "vignettes").glob("*.jsonl"))
CASES = [
    json.loads(line)["case"]
    for path in VIGNETTES
    for line in path.read_text().splitlines()
    if line.strip()
]


def reply(question: schema.Question, truth: dict[str, Any]) -> Any:
    """What a person whose situation is ``truth`` answers (None: does not know)."""
    known = truth.get(question.field)
    if known is None:
        return None
    if question.type == "yes_no":
        return question.term in known if question.term else known
    if question.type == "single_choice":
        return next((c.id for c in question.choices if c.value == known), None)
    if question.type == "multi_choice":
        return [c.id for c in question.choices if c.value in known]
    return known


def conversation(kb, truth: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The answers an interview collects from a person, and the questions asked, in order."""
    answers: dict[str, Any] = {}
    asked: list[str] = []
    while (question := next_question(kb, answers, set(asked))) is not None:
        asked.append(question.id)
        value = reply(question, truth)
        if value is not None:
            answers = answer(question, answers, value)
    return answers, asked


def interview(kb, truth: dict[str, Any]) -> tuple[dict[str, Any], int]:
    answers, asked = conversation(kb, truth)
    return answers, len(asked)


@pytest.mark.parametrize("truth", CASES[::4])
def test_interview_reaches_the_disposition_of_the_full_case(kb, truth) -> None:
    answers, _ = interview(kb, truth)
    assert assess(answers, kb).disposition == assess(truth, kb).disposition


def test_the_emergency_screen_comes_first(kb) -> None:
    first = next_question(kb, {}, set())
    assert first is not None and first.block == "A"


def test_questions_that_cannot_matter_are_skipped(kb) -> None:
    truth = {"region": "calf", "age": 70, "time_of_day": "night", "associated": [], "recent": []}
    _, asked = interview(kb, truth)
    assert asked < len(kb.questions)


def test_a_calf_cramp_is_not_asked_about_back_pain(kb) -> None:
    truth = {"region": "calf", "age": 70, "time_of_day": "night", "associated": [], "recent": []}
    _, asked = conversation(kb, truth)
    assert "saddle_and_bladder" in asked  # the nerve screen still covers the legs
    assert "night_pain" not in asked and "arm_pain_radiating" not in asked


def test_the_screen_stops_once_it_is_an_emergency(kb) -> None:
    truth = {"region": "lower_back", "associated": ["saddle_numbness", "urinary_retention"]}
    answers, asked = conversation(kb, truth)
    assert assess(answers, kb).disposition == "emergency"
    after = asked[asked.index("saddle_and_bladder") + 1 :]
    assert not [q for q in after if next(x for x in kb.questions if x.id == q).block == "A"]


def test_two_answers_that_matter_only_together_are_both_asked(kb) -> None:
    """Tiredness with constipation points to the thyroid (S4); neither alone changes much."""
    truth = {
        "region": "calf",
        "age": 60,
        "time_of_day": "any",
        "associated": ["fatigue", "constipation"],
        "recent": [],
    }
    answers, _ = interview(kb, truth)
    assert {"fatigue", "constipation"} <= set(answers.get("associated", []))

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
    assert "nerve_signs" in asked  # the nerve screen still covers the legs
    assert "tender_spot" not in asked and "swelling_both_legs" not in asked


@pytest.mark.parametrize(
    ("truth", "deciding"),
    [
        (
            {"region": "lower_back", "associated": ["saddle_numbness", "urinary_retention"]},
            "nerve_signs",
        ),
        (
            {"region": "lower_back", "age": 50, "associated": ["saddle_numbness"]},
            "nerve_signs",
        ),
        ({"region": "arm", "age": 62, "associated": ["sweating", "jaw_pain"]}, None),
        ({"region": "legs", "age": 17, "associated": ["fever", "headache", "vomiting"]}, None),
    ],
)
def test_an_answer_that_makes_it_an_emergency_ends_the_interview(kb, truth, deciding) -> None:
    answers, asked = conversation(kb, truth)
    assert assess(answers, kb).disposition == "emergency"
    if deciding is not None:
        assert asked[-1] == deciding
    # Nothing at all is asked after the answer that made it an emergency.
    partial: dict[str, Any] = {}
    questions = {q.id: q for q in kb.questions}
    for position, ident in enumerate(asked):
        value = reply(questions[ident], truth)
        if value is not None:
            partial = answer(questions[ident], partial, value)
        if assess(partial, kb).disposition == "emergency" and assess(partial, kb).screen.complete:
            assert position == len(asked) - 1, asked[position + 1 :]


def test_a_finished_interview_leaves_no_danger_question_unanswered(kb) -> None:
    """A person who knows every answer ends with a complete screen."""
    for truth in CASES[::7]:
        full = {
            "associated": [], "recent": [], "medications": [], "conditions": [], **truth,
        }  # fmt: skip
        answers, _ = interview(kb, full)
        result = assess(answers, kb)
        unknown_in_truth = {f for f, value in full.items() if value is None}
        fields = {q.id: q.field for q in kb.questions}
        left = {fields[q] for q in result.screen.unanswered}
        missing = {f for f in left if f not in unknown_in_truth and full.get(f) is not None}
        assert not missing, (truth, result.screen.unanswered)


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


@pytest.mark.parametrize(
    ("risk", "asked_about"),
    [
        ({"medications": ["combined pill"]}, "medications"),
        ({"medications": ["hrt"]}, "medications"),
        ({"conditions": ["previous_dvt"]}, "conditions"),
        ({"conditions": ["active_cancer"]}, "conditions"),
        ({"recent": ["long_flight"]}, "recent_events"),
        ({"recent": ["childbirth"]}, "recent_events"),
        ({"recent": ["surgery"]}, "recent_wound_or_operation"),
    ],
)
def test_when_a_clot_is_possible_the_interview_asks_about_its_risks(kb, risk, asked_about) -> None:
    truth = {
        "region": "calf", "side": "left", "age": 40, "sex": "female", "pregnant": False,
        "associated": [], "recent": [], "medications": [], "conditions": [], **risk,
    }  # fmt: skip
    answers, asked = conversation(kb, truth)
    assert asked_about in asked
    assert assess(answers, kb).disposition == "urgent"


def test_medicines_are_asked_in_time_to_count(kb) -> None:
    truth = {
        "region": "legs", "side": "both", "age": 70, "sex": "male", "associated": [],
        "recent": [], "conditions": [], "medications": ["atorvastatin"],
    }  # fmt: skip
    answers, asked = conversation(kb, truth)
    assert "medications" in asked
    assert assess(answers, kb).disposition == "urgent"


def test_an_arm_that_the_neck_pain_spreads_into_is_asked_about(kb) -> None:
    """Neck pain running down an arm that has gone cold and pale: the limb checklist is asked,
    so the interview reaches the same-day level the full answers give."""
    truth = {
        "age": 49, "sex": "female", "region": "neck", "onset": "gradual", "days_since_first": 7,
        "associated": ["arm_pain_radiating", "tingling", "cold_pale_limb"],
    }  # fmt: skip
    answers, asked = conversation(kb, truth)
    assert "limb_signs" in asked
    assert "cold_pale_limb" in answers["associated"]
    assert assess(answers, kb).disposition == assess(truth, kb).disposition == "urgent"


def test_a_medicine_list_that_would_lower_the_level_is_asked(kb) -> None:
    """Shaking and sweating in someone with diabetes: with no medicines known, a serotonin
    reaction stays possible; the medicines question is asked, and insulin rules it out."""
    truth = {
        "age": 26, "sex": "female", "region": "legs", "onset": "sudden", "days_since_first": 0,
        "associated": ["tremor", "sweating"], "conditions": ["diabetes"],
        "medications": ["insulin"],
    }  # fmt: skip
    answers, asked = conversation(kb, truth)
    assert "medications" in asked
    assert assess(answers, kb).disposition == assess(truth, kb).disposition

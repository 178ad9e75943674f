"""The clinical review's presentations, in the words people use, reach their guideline's level.

Each group holds several wordings of one presentation from tests/vignettes/clinical_review.jsonl
(answers people give, "not sure" ones left out of the case), and the level is the one NHS or
NICE guidance gives, quoted in each vignette's rationale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spasmcare.engine.assess import assess

REVIEW = Path(__file__).parent / "vignettes" / "clinical_review.jsonl"
VIGNETTES = [json.loads(line) for line in REVIEW.read_text().splitlines() if line.strip()]


def group(*prefixes: str) -> list[dict[str, Any]]:
    found = [v for v in VIGNETTES if any(v["id"].startswith(f"review-{p}-") for p in prefixes)]
    assert len(found) >= 2, prefixes  # several wordings of every presentation
    return found


def check(kb, vignettes: list[dict[str, Any]]) -> None:
    wrong = []
    for v in vignettes:
        result = assess(v["case"], kb)
        if result.disposition not in v["acceptable_dispositions"]:
            wrong.append((v["id"], result.disposition, v["acceptable_dispositions"]))
    assert wrong == []


GROUPS = {
    "heart_attack_felt_as_a_spasm": ("mi", "ns-mi"),
    "aortic_aneurysm_or_dissection": ("aaa", "ns-aaa"),
    "clot_without_swelling": ("dvt", "ns-dvt"),
    "pulmonary_embolism_gradual_cough_or_anxiety": ("pe", "ns-pe"),
    "meningitis_and_sepsis_with_aching_limbs": ("sep", "ns-sep"),
    "ectopic_pregnancy_and_acute_abdomen": ("ab", "ns-ect"),
    "testicular_torsion": ("tt", "ns-tt"),
    "giant_cell_arteritis": ("gca", "ns-gca"),
    "guillain_barre_syndrome": ("gbs", "ns-gbs"),
    "achilles_rupture_or_fracture": ("ach", "ns-ach"),
    "low_blood_sugar": ("hypo",),
    "lithium_toxicity": ("li", "ns-li"),
    "low_sodium": ("na",),
    "sickle_cell_crisis": ("scd",),
    "heat_exhaustion_that_does_not_settle": ("heat",),
    "polymyalgia_rheumatica": ("pmr",),
    "statin_muscle_symptoms": ("st", "ns-st"),
    "ordinary_cramps_are_not_over_called": ("oc", "ns-oc", "ch"),
}


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_presentation_reaches_its_guideline_level(kb, name: str) -> None:
    check(kb, group(*GROUPS[name]))


def test_heart_attack_felt_as_a_spasm(kb) -> None:
    check(kb, group(*GROUPS["heart_attack_felt_as_a_spasm"]))
    arm = assess({"region": "arm", "side": "left", "associated": ["sweating"]}, kb)
    assert "heart_attack_pain_with_sweating" in {f.id for f in arm.red_flags}


def test_a_cramp_with_numbness_in_the_cramping_muscle_is_not_a_stroke(kb) -> None:
    for associated in (["numbness"], ["tingling"], ["weakness"], ["numbness", "weakness"]):
        for extra in ({}, {"age": 60}, {"side": "left"}, {"time_of_day": "night"}):
            case = {"region": "calf", "onset": "sudden", "associated": associated, **extra}
            result = assess(case, kb)
            assert result.disposition != "emergency", case
            assert not result.causes or result.causes[0].id != "stroke", case
    lasting = assess(
        {"region": "calf", "onset": "sudden", "associated": ["numbness", "lasting_weakness"]}, kb
    )
    assert lasting.disposition == "emergency"
    arm = assess(
        {"region": "arm", "onset": "sudden", "side": "left", "associated": ["weakness"]}, kb
    )
    assert arm.disposition == "emergency"


def test_a_single_night_that_a_cramp_woke_you_is_self_care(kb) -> None:
    base = {"age": 45, "region": "calf", "time_of_day": "night", "duration_minutes": 2}
    once = assess({**base, "frequency": "first_time", "associated": ["sleep_disturbance"]}, kb)
    assert once.disposition == "self_care"
    often = assess({**base, "frequency": "daily", "associated": ["sleep_disturbance"]}, kb)
    assert often.disposition == "routine"


def test_pregnancy_night_cramps_are_self_care_unless_something_else_is_wrong(kb) -> None:
    base = {
        "age": 31, "sex": "female", "pregnant": True, "region": "calf", "time_of_day": "night",
        "duration_minutes": 2, "frequency": "weekly", "associated": ["sleep_disturbance"],
    }  # fmt: skip
    assert assess(base, kb).disposition == "self_care"
    # A new ache in one calf in pregnancy, not the familiar brief cramps, is checked today.
    new_ache = {**base, "side": "left", "time_of_day": "day", "frequency": "first_time"}
    del new_ache["duration_minutes"]
    assert assess(new_ache, kb).disposition == "urgent"
    swollen = {**base, "side": "left", "associated": ["swelling"]}
    assert assess(swollen, kb).disposition == "urgent"


def test_anxiety_does_not_switch_off_breathlessness(kb) -> None:
    for conditions in ([], ["anxiety"]):
        case = {
            "region": "chest", "associated": ["shortness_of_breath"],
            "medications": ["combined pill"], "conditions": conditions,
        }  # fmt: skip
        assert assess(case, kb).disposition == "emergency", conditions


def test_a_medicine_gate_keeps_drug_reactions_to_people_on_the_drug(kb) -> None:
    case = {"region": "whole_body", "associated": ["fever", "muscle_stiffness"], "medications": []}
    ranked = [c.id for c in assess(case, kb).causes]
    assert "neuroleptic_malignant_syndrome" not in ranked
    assert "serotonin_syndrome" not in ranked
    on_drug = assess({**case, "medications": ["haloperidol"]}, kb)
    assert "neuroleptic_malignant_syndrome" in [c.id for c in on_drug.causes][:3]


def test_a_child_with_night_leg_aches_gets_growing_pains_not_a_muscle_disease(kb) -> None:
    case = {
        "age": 6,
        "region": "legs",
        "side": "both",
        "time_of_day": "night",
        "frequency": "weekly",
    }
    result = assess(case, kb)
    assert result.disposition == "self_care"
    assert result.causes[0].id == "growing_pains"
    assert "metabolic_myopathy" not in [c.id for c in result.causes]
    limp = assess({**case, "side": "left", "associated": ["difficulty_walking"]}, kb)
    assert limp.disposition == "soon"


def test_kidney_failure_stops_anti_inflammatory_painkillers(kb) -> None:
    result = assess({"region": "lower_back", "age": 60, "conditions": ["kidney failure"]}, kb)
    avoided = {a.what.lower() for a in result.plan.avoid}
    assert any("ibuprofen" in a for a in avoided), avoided
    assert any("naproxen" in a for a in avoided), avoided


def test_an_unknown_pregnancy_asks_to_check_before_anti_inflammatories(kb) -> None:
    result = assess({"region": "lower_back", "age": 30, "sex": "female"}, kb)
    checked = {a.what.lower() for a in result.plan.check_first}
    assert any("ibuprofen" in a for a in checked), checked
    told = assess({"region": "lower_back", "age": 30, "sex": "female", "pregnant": False}, kb)
    assert not any("pregnant" in a.reason for a in told.plan.check_first)


def test_stretching_is_graded_as_conflicting_evidence(kb) -> None:
    step = next(s for s in kb.steps if s.id == "bedtime_calf_stretch")
    assert step.evidence == "weak"
    assert "coppin_2005" in step.sources and "conflicts" in step.text


def test_questions_use_the_words_for_what_they_ask(kb) -> None:
    questions = {q.id: q for q in kb.questions}
    assert questions["restless_feeling"].term == "urge_to_move"
    general = {c.value for c in questions["brain_and_general"].choices}
    assert {"dark_urine", "reduced_urine"} <= general
    meningitis = {c.value for c in questions["meningitis_signs"].choices}
    assert "non_blanching_rash" in meningitis
    # A fever with an ordinary rash is same-day; the glass-test rash is an emergency.
    assert assess({"region": "arm", "associated": ["fever", "rash"]}, kb).disposition == "urgent"
    glass = {"region": "arm", "associated": ["fever", "non_blanching_rash"]}
    assert assess(glass, kb).disposition == "emergency"
    runner = {"region": "legs", "age": 30, "associated": ["reduced_urine"], "recent": ["long_run"]}
    assert "dark_urine_muscle" not in {f.id for f in assess(runner, kb).red_flags}


# Presentations that need a doctor sooner or later than an ordinary cramp, in several wordings
# each (unknown answers left out of the case), with what must not be swept up with them.
EVERYDAY_LEVELS = {
    "new pins and needles in both feet or hands are seen within days": [
        (
            {
                "region": "foot",
                "side": "both",
                "onset": "gradual",
                "days_since_first": 4,
                "associated": ["tingling"],
            },
            {"soon"},
        ),
        (
            {"region": "hand", "side": "both", "days_since_first": 3, "associated": ["tingling"]},
            {"soon"},
        ),
        (
            {"region": "legs", "age": 35, "days_since_first": 10, "associated": ["numbness"]},
            {"soon"},
        ),
        ({"region": "foot", "side": "both", "associated": ["tingling"]}, {"soon"}),
    ],
    "long-standing or passing pins and needles stay routine": [
        (
            {
                "region": "foot",
                "side": "both",
                "age": 60,
                "days_since_first": 700,
                "conditions": ["diabetes"],
                "associated": ["tingling"],
            },
            {"routine"},
        ),
        (
            {
                "region": "hand",
                "side": "both",
                "age": 30,
                "duration_minutes": 5,
                "frequency": "occasional",
                "associated": ["tingling"],
            },
            {"routine"},
        ),
        (
            {
                "region": "calf",
                "side": "both",
                "age": 40,
                "days_since_first": 5,
                "duration_minutes": 2,
                "associated": ["tingling"],
            },
            {"routine"},
        ),
    ],
    "cramps most days since a new medicine get a review within days": [
        (
            {
                "region": "calf",
                "age": 50,
                "days_since_first": 10,
                "frequency": "daily",
                "recent": ["started_new_medicine"],
            },
            {"soon"},
        ),
        ({"region": "foot", "frequency": "daily", "recent": ["started_new_medicine"]}, {"soon"}),
        (
            {
                "region": "legs",
                "age": 64,
                "sex": "female",
                "time_of_day": "night",
                "frequency": "several_daily",
                "medications": ["raloxifene"],
                "recent": ["started_new_medicine"],
            },
            {"soon"},
        ),
    ],
    "an occasional or long-standing medicine link stays routine": [
        (
            {
                "region": "calf",
                "age": 50,
                "days_since_first": 10,
                "frequency": "occasional",
                "recent": ["started_new_medicine"],
            },
            {"routine"},
        ),
        (
            {
                "region": "calf",
                "age": 50,
                "days_since_first": 200,
                "frequency": "daily",
                "recent": ["started_new_medicine"],
            },
            {"routine"},
        ),
    ],
    "pain not better after two weeks of self-care is seen routinely": [
        (
            {
                "region": "shoulder",
                "side": "right",
                "onset": "gradual",
                "age": 50,
                "days_since_first": 21,
                "home_treatment_tried_days": 21,
            },
            {"routine"},
        ),
        (
            {"region": "thigh", "age": 30, "days_since_first": 16, "home_treatment_tried_days": 14},
            {"routine"},
        ),
        ({"region": "calf", "age": 40, "home_treatment_tried_days": 20}, {"routine"}),
    ],
    "a few days of self-care is not yet a failure": [
        (
            {
                "region": "shoulder",
                "onset": "gradual",
                "age": 40,
                "days_since_first": 6,
                "home_treatment_tried_days": 5,
            },
            {"self_care"},
        ),
    ],
    "redness just round a fresh bite is not an infection": [
        (
            {
                "region": "hand",
                "age": 50,
                "duration_minutes": 120,
                "severity_0_10": 3,
                "associated": ["redness"],
                "recent": ["spider_bite"],
            },
            {"self_care", "routine"},
        ),
        (
            {
                "region": "forearm",
                "duration_minutes": 60,
                "associated": ["redness"],
                "recent": ["insect_bite"],
            },
            {"self_care", "routine"},
        ),
    ],
    "a hot red bite a day later is seen the same day": [
        (
            {
                "region": "forearm",
                "age": 30,
                "days_since_first": 1,
                "associated": ["redness", "warmth"],
                "recent": ["insect_bite"],
            },
            {"urgent"},
        ),
        (
            {
                "region": "calf",
                "age": 30,
                "days_since_first": 2,
                "associated": ["redness", "warmth", "swelling", "fever"],
                "recent": ["insect_bite"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "the slow picture of an underactive thyroid is routine": [
        (
            {
                "region": "whole_body",
                "sex": "female",
                "age": 45,
                "onset": "gradual",
                "days_since_first": 120,
                "associated": ["fatigue", "constipation"],
            },
            {"routine"},
        ),
        (
            {
                "region": "legs",
                "age": 38,
                "days_since_first": 90,
                "associated": ["fatigue", "constipation", "muscle_stiffness"],
            },
            {"routine"},
        ),
    ],
    "tiredness with weight loss is seen within days": [
        (
            {
                "region": "legs",
                "age": 38,
                "days_since_first": 90,
                "associated": ["fatigue", "weight_loss"],
            },
            {"soon"},
        ),
    ],
    "cramps all over that passed within minutes of a run are ordinary": [
        (
            {"region": "whole_body", "age": 35, "duration_minutes": 10, "recent": ["long_run"]},
            {"self_care", "routine"},
        ),
        (
            {
                "region": "whole_body",
                "age": 35,
                "sex": "female",
                "onset": "sudden",
                "duration_minutes": 10,
                "associated": ["sweating", "tremor", "perioral_tingling"],
                "medications": ["insulin"],
                "conditions": ["diabetes"],
                "recent": ["long_run"],
            },
            {"self_care", "routine"},
        ),
    ],
    "cramps all over that last, or come with vomiting, after exercise are seen today": [
        ({"region": "whole_body", "age": 35, "recent": ["marathon"]}, {"urgent"}),
        (
            {
                "region": "whole_body",
                "age": 35,
                "duration_minutes": 10,
                "associated": ["vomiting"],
                "recent": ["long_run"],
            },
            {"urgent"},
        ),
        (
            {
                "region": "whole_body",
                "age": 35,
                "duration_minutes": 45,
                "time_of_day": "after_exercise",
            },
            {"urgent"},
        ),
    ],
    "period pain that is severe or has been bad for months is seen by a GP": [
        # "so bad I miss school, ibuprofen doesn't help any more"
        (
            {
                "region": "abdomen",
                "age": 17,
                "sex": "female",
                "frequency": "occasional",
                "severity_0_10": 8,
                "associated": ["abdominal_pain"],
                "medications": ["ibuprofen"],
            },
            {"routine", "soon"},
        ),
        # "my periods have got more and more painful over the last year"
        (
            {
                "region": "abdomen",
                "age": 31,
                "sex": "female",
                "frequency": "occasional",
                "days_since_first": 365,
                "associated": ["abdominal_pain"],
            },
            {"routine", "soon"},
        ),
        # "period pain into my back, I've tried heat and painkillers for months"
        (
            {
                "region": "lower_back",
                "age": 24,
                "sex": "female",
                "frequency": "occasional",
                "associated": ["abdominal_pain"],
                "home_treatment_tried_days": 90,
            },
            {"routine", "soon"},
        ),
        # usual period cramps, a hot water bottle helps; pain not given ("not sure")
        (
            {
                "region": "abdomen",
                "age": 19,
                "sex": "female",
                "frequency": "occasional",
                "associated": ["abdominal_pain"],
            },
            {"self_care"},
        ),
        (
            {
                "region": "abdomen",
                "age": 26,
                "sex": "female",
                "frequency": "occasional",
                "severity_0_10": 5,
                "days_since_first": 0,
                "associated": ["abdominal_pain"],
            },
            {"self_care"},
        ),
    ],
    "severe pain that has gone on for days is seen by a GP": [
        # "heel pain so bad I can't do my shifts", ten days
        (
            {"region": "foot", "age": 52, "days_since_first": 10, "severity_0_10": 8},
            {"routine", "soon"},
        ),
        # "my shoulder muscles have been agony since the weekend"
        (
            {"region": "shoulder", "age": 40, "days_since_first": 3, "severity_0_10": 9},
            {"routine", "soon", "urgent"},
        ),
        # a night cramp of a few minutes is very painful while it lasts: not this
        (
            {
                "region": "calf",
                "age": 45,
                "time_of_day": "night",
                "frequency": "occasional",
                "duration_minutes": 2,
                "days_since_first": 30,
                "severity_0_10": 9,
            },
            {"self_care"},
        ),
        # very sore today after overdoing it: looked after at home first
        (
            {"region": "thigh", "age": 30, "days_since_first": 0, "severity_0_10": 7},
            {"self_care"},
        ),
        # moderate ache for days without treatment tried
        (
            {"region": "upper_back", "age": 33, "days_since_first": 3, "severity_0_10": 4},
            {"self_care"},
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EVERYDAY_LEVELS))
def test_everyday_presentations_reach_their_level(kb, name: str) -> None:
    assert wrong_levels(kb, EVERYDAY_LEVELS[name]) == []


def wrong_levels(kb, cases: list[tuple[dict[str, Any], set[str]]]) -> list[Any]:
    """The cases whose disposition is not one of their levels, with what they got."""
    results = ((case, levels, assess(case, kb).disposition) for case, levels in cases)
    return [(case, got, sorted(levels)) for case, levels, got in results if got not in levels]


DANGER_AND_LOOKALIKES = {
    "new tummy or back pain with a known aneurysm is an emergency": [
        (
            {"region": "abdomen", "age": 78, "conditions": ["abdominal aortic aneurysm"]},
            {"emergency"},
        ),
        (
            {"region": "lower_back", "age": 70, "days_since_first": 0, "conditions": ["AAA"]},
            {"emergency"},
        ),
        ({"region": "flank", "conditions": ["aortic aneurysm"]}, {"emergency"}),
    ],
    "dark urine with legs too weak to walk after hard exercise is an emergency": [
        (
            {
                "region": "legs",
                "age": 24,
                "days_since_first": 1,
                "associated": ["weakness", "dark_urine"],
                "recent": ["spin_class"],
            },
            {"emergency"},
        ),
        (
            {"region": "calf", "side": "both", "associated": ["difficulty_walking", "dark_urine"]},
            {"emergency"},
        ),
        (
            {
                "region": "thigh",
                "associated": ["dark_urine", "unable_to_bear_weight"],
                "recent": ["new_exercise"],
            },
            {"emergency"},
        ),
    ],
    "dark urine with aches on a statin is seen today": [
        (
            {
                "region": "whole_body",
                "age": 70,
                "onset": "gradual",
                "days_since_first": 4,
                "associated": ["dark_urine", "weakness"],
                "medications": ["simvastatin"],
            },
            {"urgent"},
        ),
    ],
    "a first lasting jaw, arm or back ache with light-headedness is an emergency": [
        (
            {
                "region": "jaw",
                "age": 64,
                "duration_minutes": 30,
                "frequency": "first_time",
                "associated": ["dizziness", "weakness"],
            },
            {"emergency"},
        ),
        ({"region": "arm", "side": "left", "age": 55, "associated": ["dizziness"]}, {"emergency"}),
        (
            {
                "region": "upper_back",
                "age": 60,
                "duration_minutes": 20,
                "associated": ["loss_of_consciousness"],
            },
            {"emergency"},
        ),
    ],
    "a stitch with every run is not a torsion, a sudden groin pain in a boy still is": [
        (
            {
                "region": "abdomen",
                "age": 15,
                "sex": "male",
                "side": "left",
                "frequency": "weekly",
                "time_of_day": "during_exercise",
            },
            {"self_care", "routine"},
        ),
        (
            {
                "region": "groin",
                "age": 14,
                "sex": "male",
                "onset": "sudden",
                "recent": ["football_match"],
            },
            {"emergency"},
        ),
        ({"region": "abdomen", "age": 13, "sex": "male", "onset": "sudden"}, {"emergency"}),
    ],
    "night cramps that keep coming back in pregnancy are not called a clot": [
        (
            {
                "region": "calf",
                "age": 27,
                "pregnant": True,
                "frequency": "weekly",
                "time_of_day": "night",
                "associated": ["sleep_disturbance"],
            },
            {"self_care", "routine"},
        ),
        (
            {
                "region": "calf",
                "age": 33,
                "pregnant": True,
                "frequency": "daily",
                "time_of_day": "night",
                "days_since_first": 21,
            },
            {"self_care", "routine"},
        ),
    ],
    "one aching calf with a clot risk is seen today even when its length is not known": [
        ({"region": "calf", "side": "left", "recent": ["long_flight"]}, {"urgent"}),
        ({"region": "calf", "pregnant": True, "frequency": "occasional"}, {"urgent"}),
        (
            {
                "region": "thigh",
                "side": "right",
                "medications": ["combined pill"],
                "frequency": "daily",
            },
            {"urgent"},
        ),
    ],
    "shaky and sweaty on insulin but thinking clearly is not sent for same-day care": [
        (
            {
                "region": "legs",
                "side": "both",
                "age": 58,
                "onset": "sudden",
                "associated": ["sweating", "tremor", "weakness"],
                "medications": ["insulin"],
                "conditions": ["diabetes"],
            },
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "legs",
                "age": 58,
                "onset": "sudden",
                "associated": ["sweating", "tremor", "weakness", "confusion"],
                "medications": ["insulin"],
            },
            {"emergency"},
        ),
    ],
    "unusual tiredness with a new back, jaw or arm ache is a heart attack until shown otherwise": [
        (
            {
                "region": "upper_back",
                "age": 70,
                "sex": "female",
                "days_since_first": 0,
                "associated": ["fatigue"],
                "conditions": ["diabetes"],
            },
            {"emergency"},
        ),
        ({"region": "jaw", "age": 66, "associated": ["fatigue"]}, {"emergency"}),
        (
            {
                "region": "arm",
                "side": "left",
                "age": 62,
                "associated": ["fatigue"],
                "days_since_first": 0,
            },
            {"emergency"},
        ),
        ({"region": "shoulder", "associated": ["fatigue"]}, {"emergency"}),
        # lookalikes: a sore spot that hurts to press, tiredness with a weeks-old ache, youth
        (
            {"region": "jaw", "age": 66, "associated": ["fatigue", "tenderness"]},
            {"self_care", "routine", "soon"},
        ),
        (
            {"region": "shoulder", "age": 68, "associated": ["fatigue"], "days_since_first": 20},
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "neck",
                "age": 40,
                "days_since_first": 0,
                "associated": ["fatigue"],
                "conditions": ["diabetes"],
            },
            {"self_care", "routine", "soon"},
        ),
    ],
    "double vision that comes and goes needs a doctor within days; sudden double vision is 999": [
        (
            {
                "region": "jaw",
                "age": 38,
                "onset": "gradual",
                "days_since_first": 30,
                "associated": ["double_vision", "fatigue"],
            },
            {"soon", "urgent"},
        ),
        (
            {"region": "face", "associated": ["double_vision"], "frequency": "daily"},
            {"soon", "urgent", "emergency"},
        ),
        (
            {"region": "neck", "age": 45, "associated": ["double_vision"], "onset": "gradual"},
            {"soon", "urgent"},
        ),
        (
            {"region": "face", "age": 58, "onset": "sudden", "associated": ["double_vision"]},
            {"emergency"},
        ),
    ],
    "numb, tingling fingers at night without weakness is a routine visit, with weakness sooner": [
        (
            {
                "region": "hand",
                "age": 44,
                "onset": "gradual",
                "days_since_first": 21,
                "time_of_day": "night",
                "associated": ["tingling", "numbness"],
            },
            {"self_care", "routine"},
        ),
        (
            {
                "region": "hand",
                "pregnant": True,
                "age": 31,
                "days_since_first": 14,
                "time_of_day": "night",
                "associated": ["numbness", "tingling"],
            },
            {"self_care", "routine"},
        ),
        (
            {
                "region": "hand",
                "age": 44,
                "onset": "gradual",
                "days_since_first": 21,
                "time_of_day": "night",
                "associated": ["tingling", "numbness", "weakness"],
            },
            {"soon", "urgent"},
        ),
        (
            {
                "region": "hand",
                "age": 44,
                "onset": "gradual",
                "days_since_first": 21,
                "associated": ["tingling", "numbness"],
            },
            {"soon", "urgent"},
        ),
    ],
    "weakness that came on in moments with a low sugar is not a creeping muscle disease": [
        (
            {
                "region": "legs",
                "side": "both",
                "age": 58,
                "onset": "sudden",
                "days_since_first": 0,
                "associated": ["sweating", "tremor", "weakness"],
                "medications": ["insulin"],
                "conditions": ["diabetes"],
            },
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "legs",
                "side": "both",
                "age": 50,
                "onset": "gradual",
                "days_since_first": 60,
                "associated": ["weakness"],
            },
            {"soon", "urgent"},
        ),
        ({"region": "legs", "associated": ["weakness"]}, {"soon", "urgent", "emergency"}),
    ],
    "sudden back pain after 70 is checked for a thin-bone fracture within days": [
        (
            {
                "region": "lower_back",
                "age": 76,
                "sex": "female",
                "onset": "sudden",
                "days_since_first": 7,
                "home_treatment_tried_days": 7,
            },
            {"soon", "urgent"},
        ),
        (
            {"region": "lower_back", "age": 72, "sex": "female", "onset": "sudden"},
            {"soon", "urgent"},
        ),
        (
            {
                "region": "upper_back",
                "age": 80,
                "onset": "sudden",
                "associated": ["pain_worse_on_movement"],
            },
            {"soon", "urgent"},
        ),
        # lookalike: a gradual ache at 65 for three days
        (
            {
                "region": "lower_back",
                "age": 65,
                "sex": "female",
                "onset": "gradual",
                "days_since_first": 3,
            },
            {"self_care", "routine"},
        ),
    ],
    "hands locking in spasm after neck surgery is 999; tingling lips alone the same day": [
        (
            {
                "region": "hand",
                "side": "both",
                "age": 45,
                "days_since_first": 0,
                "associated": ["perioral_tingling", "tingling", "carpopedal_spasm"],
                "recent": ["surgery_thyroid"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "hand",
                "associated": ["carpopedal_spasm"],
                "recent": ["surgery_parathyroid"],
            },
            {"emergency"},
        ),
        (
            {"region": "foot", "associated": ["carpopedal_spasm", "recent_neck_surgery"]},
            {"emergency"},
        ),
        (
            {"region": "face", "associated": ["perioral_tingling"], "recent": ["surgery_thyroid"]},
            {"urgent", "emergency"},
        ),
        # lookalike: over-breathing under stress without an operation
        (
            {
                "region": "hand",
                "associated": ["carpopedal_spasm"],
                "recent": ["stressful_event"],
                "conditions": ["anxiety"],
            },
            {"soon", "urgent"},
        ),
    ],
    "cramps spreading from a spider bite into the belly with sweating is 999": [
        (
            {
                "region": "abdomen",
                "age": 50,
                "days_since_first": 0,
                "associated": ["abdominal_pain", "muscle_stiffness", "sweating", "tremor"],
                "recent": ["spider_bite"],
            },
            {"emergency"},
        ),
        (
            {"region": "lower_back", "recent": ["spider_bite"], "associated": ["sweating"]},
            {"emergency"},
        ),
        (
            {
                "region": "arm",
                "recent": ["spider_bite"],
                "associated": ["abdominal_pain", "vomiting"],
            },
            {"emergency"},
        ),
        # lookalikes: pain and sweating only round the bite, and a painful bite alone
        ({"region": "hand", "recent": ["spider_bite"], "associated": ["sweating"]}, {"urgent"}),
        (
            {
                "region": "hand",
                "recent": ["spider_bite"],
                "associated": ["redness"],
                "severity_0_10": 3,
                "days_since_first": 0,
            },
            {"self_care", "routine", "soon"},
        ),
    ],
    "legs too weak to stay up, with a potassium-losing medicine or illness, is an emergency": [
        (
            {
                "region": "legs",
                "side": "both",
                "age": 75,
                "days_since_first": 5,
                "associated": ["weakness", "falls", "abdominal_pain", "constipation"],
                "medications": ["laxative"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "legs",
                "age": 68,
                "associated": ["weakness", "difficulty_walking"],
                "medications": ["water tablets"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "legs",
                "age": 30,
                "days_since_first": 2,
                "associated": ["weakness", "falls", "diarrhoea"],
            },
            {"emergency"},
        ),
        # lookalikes: weak legs with no potassium loss, or months of it
        (
            {
                "region": "legs",
                "age": 75,
                "days_since_first": 120,
                "onset": "gradual",
                "associated": ["weakness", "falls"],
                "medications": ["furosemide"],
            },
            {"soon", "urgent"},
        ),
        (
            {
                "region": "legs",
                "age": 40,
                "associated": ["weakness"],
                "medications": ["furosemide"],
                "days_since_first": 3,
            },
            {"soon", "urgent"},
        ),
    ],
    "a short fever fit in a child who has had them is a doctor today; a first or long one 999": [
        (
            {
                "region": "whole_body",
                "age": 2,
                "duration_minutes": 1,
                "frequency": "occasional",
                "days_since_first": 0,
                "associated": ["seizure", "fever", "earache"],
            },
            {"urgent"},
        ),
        (
            {
                "region": "whole_body",
                "age": 3,
                "duration_minutes": 2,
                "frequency": "occasional",
                "associated": ["seizure", "fever"],
            },
            {"urgent"},
        ),
        (
            {
                "region": "whole_body",
                "age": 2,
                "frequency": "first_time",
                "duration_minutes": 1,
                "associated": ["seizure", "fever"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "whole_body",
                "age": 3,
                "frequency": "occasional",
                "duration_minutes": 8,
                "associated": ["seizure", "fever"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "whole_body",
                "age": 4,
                "frequency": "occasional",
                "duration_minutes": 2,
                "associated": ["seizure", "fever", "confusion"],
            },
            {"emergency"},
        ),
        ({"region": "whole_body", "age": 3, "associated": ["seizure", "fever"]}, {"emergency"}),
    ],
    "a drowsy, floppy or muddled child is 999": [
        (
            {
                "region": "legs",
                "age": 3,
                "days_since_first": 1,
                "associated": ["difficulty_walking", "confusion"],
            },
            {"emergency"},
        ),
        ({"region": "whole_body", "age": 9, "associated": ["confusion", "fever"]}, {"emergency"}),
        ({"region": "neck", "age": 14, "associated": ["loss_of_consciousness"]}, {"emergency"}),
    ],
    "a child with a fever who will not walk on a leg is 999; a limp without fever is not": [
        (
            {
                "region": "hip",
                "side": "right",
                "age": 6,
                "days_since_first": 1,
                "associated": ["fever", "difficulty_walking"],
            },
            {"emergency"},
        ),
        (
            {"region": "knee", "age": 3, "associated": ["fever", "unable_to_bear_weight"]},
            {"emergency"},
        ),
        (
            {
                "region": "hip",
                "age": 5,
                "days_since_first": 2,
                "associated": ["difficulty_walking"],
                "recent": ["upper_respiratory_infection"],
            },
            {"self_care", "routine", "soon", "urgent"},
        ),
    ],
    "weak muscles and dark urine with feeling faint is 999": [
        (
            {
                "region": "whole_body",
                "age": 67,
                "onset": "gradual",
                "days_since_first": 2,
                "associated": ["dark_urine", "weakness", "dizziness"],
                "medications": ["simvastatin"],
            },
            {"emergency"},
        ),
        (
            {"region": "legs", "age": 30, "associated": ["dark_urine", "weakness", "vomiting"]},
            {"emergency"},
        ),
        # aches all over with dark urine on a statin, without feeling faint: the NHS's same day
        (
            {
                "region": "whole_body",
                "age": 60,
                "associated": ["dark_urine"],
                "medications": ["simvastatin"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "new back or neck pain after cancer, at night, severe or high up, is a call today": [
        (
            {
                "region": "lower_back",
                "age": 66,
                "sex": "female",
                "onset": "gradual",
                "days_since_first": 14,
                "conditions": ["cancer_history"],
            },
            {"urgent"},
        ),
        (
            {
                "region": "upper_back",
                "age": 58,
                "conditions": ["cancer_history"],
                "severity_0_10": 4,
            },
            {"urgent"},
        ),
        (
            {
                "region": "lower_back",
                "age": 70,
                "conditions": ["cancer_history"],
                "severity_0_10": 3,
                "associated": ["night_pain"],
            },
            {"urgent"},
        ),
        # lookalike: a moving, moderate low back ache after cancer: a GP within days (NICE NG234)
        (
            {
                "region": "lower_back",
                "age": 62,
                "sex": "female",
                "onset": "gradual",
                "days_since_first": 14,
                "severity_0_10": 5,
                "associated": ["pain_worse_on_movement"],
                "conditions": ["cancer_history"],
            },
            {"soon"},
        ),
    ],
    "sweating out in the heat is not on its own a heart attack sign": [
        (
            {
                "region": "arm",
                "age": 50,
                "sex": "male",
                "days_since_first": 0,
                "associated": ["headache", "sweating", "abdominal_pain"],
                "recent": ["heat_exposure"],
            },
            {"self_care", "urgent"},
        ),
        (
            {
                "region": "shoulder",
                "age": 55,
                "associated": ["sweating"],
                "recent": ["heat_exposure"],
            },
            {"self_care", "routine", "soon", "urgent"},
        ),
        # still a heart attack: chest pain in the heat, or sweating without the heat
        (
            {
                "region": "arm",
                "age": 60,
                "associated": ["sweating", "chest_pain"],
                "recent": ["heat_exposure"],
            },
            {"emergency"},
        ),
        ({"region": "jaw", "age": 60, "associated": ["sweating"]}, {"emergency"}),
    ],
    "new tummy cramps when a pregnancy is possible are seen today until a test says otherwise": [
        (
            {
                "region": "abdomen",
                "age": 33,
                "sex": "female",
                "days_since_first": 0,
                "associated": ["abdominal_pain"],
            },
            {"urgent", "emergency"},
        ),
        (
            {"region": "abdomen", "age": 25, "sex": "female", "side": "left"},
            {"urgent", "emergency"},
        ),
        # lookalikes: not pregnant, period cramps that come back, a pain that crept up
        (
            {
                "region": "abdomen",
                "age": 33,
                "sex": "female",
                "pregnant": False,
                "days_since_first": 0,
                "associated": ["abdominal_pain"],
            },
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "abdomen",
                "age": 24,
                "sex": "female",
                "frequency": "occasional",
                "associated": ["abdominal_pain"],
            },
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "abdomen",
                "age": 38,
                "sex": "female",
                "onset": "gradual",
                "associated": ["abdominal_pain"],
            },
            {"self_care", "routine", "soon"},
        ),
    ],
    "low sugars that keep coming back on insulin need the diabetes team": [
        (
            {
                "region": "legs",
                "age": 40,
                "frequency": "weekly",
                "days_since_first": 14,
                "associated": ["tremor", "sweating"],
                "conditions": ["diabetes"],
                "medications": ["insulin"],
            },
            {"routine", "soon"},
        ),
        (
            {
                "region": "whole_body",
                "frequency": "daily",
                "associated": ["sweating"],
                "medications": ["gliclazide"],
            },
            {"routine", "soon"},
        ),
    ],
    "numb, burning feet that crept up over months with diabetes is a routine visit": [
        (
            {
                "region": "foot",
                "side": "both",
                "age": 63,
                "onset": "gradual",
                "days_since_first": 120,
                "time_of_day": "night",
                "associated": ["numbness", "tingling"],
                "conditions": ["diabetes"],
            },
            {"routine", "self_care"},
        ),
        # lookalikes: weakness with it, or numbness of days without diabetes
        (
            {
                "region": "foot",
                "side": "both",
                "age": 63,
                "onset": "gradual",
                "days_since_first": 120,
                "associated": ["numbness", "tingling", "weakness"],
                "conditions": ["diabetes"],
            },
            {"soon", "urgent"},
        ),
        (
            {
                "region": "foot",
                "age": 40,
                "days_since_first": 5,
                "associated": ["numbness", "tingling"],
            },
            {"soon", "urgent"},
        ),
    ],
    "a new tummy pain that hurts more on moving is seen today wherever it sits": [
        (
            {
                "region": "abdomen",
                "age": 19,
                "sex": "female",
                "onset": "gradual",
                "days_since_first": 0,
                "associated": ["abdominal_pain", "pain_worse_on_movement"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "abdomen",
                "age": 30,
                "sex": "male",
                "days_since_first": 1,
                "associated": ["pain_worse_on_movement"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "abdomen",
                "age": 12,
                "side": "right",
                "onset": "gradual",
                "days_since_first": 0,
            },
            {"urgent", "emergency"},
        ),
        # lookalike: a groin strain at football
        (
            {
                "region": "groin",
                "age": 20,
                "sex": "male",
                "recent": ["football_match"],
                "associated": ["pain_worse_on_movement"],
            },
            {"self_care", "routine", "soon"},
        ),
    ],
    "shoulder-tip pain with tummy pain when a pregnancy is possible is 999": [
        (
            {
                "region": "shoulder",
                "side": "right",
                "age": 31,
                "sex": "female",
                "days_since_first": 0,
                "associated": ["abdominal_pain"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "shoulder",
                "age": 27,
                "sex": "female",
                "pregnant": True,
                "associated": ["abdominal_pain"],
            },
            {"emergency"},
        ),
        # lookalikes: a man, a woman who is not pregnant
        (
            {"region": "shoulder", "age": 31, "sex": "male", "associated": ["abdominal_pain"]},
            {"self_care", "routine", "soon", "urgent"},
        ),
        (
            {
                "region": "shoulder",
                "age": 31,
                "sex": "female",
                "pregnant": False,
                "associated": ["abdominal_pain"],
            },
            {"self_care", "routine", "soon", "urgent"},
        ),
    ],
    "heat cramps that settle within half an hour in the shade are self-care": [
        (
            {
                "region": "legs",
                "age": 14,
                "sex": "male",
                "time_of_day": "during_exercise",
                "duration_minutes": 30,
                "days_since_first": 0,
                "recent": ["heat_exposure", "football_match"],
            },
            {"self_care"},
        ),
        (
            {"region": "calf", "age": 30, "duration_minutes": 20, "recent": ["heat_exposure"]},
            {"self_care"},
        ),
        # not settling after 30 minutes in the heat: NHS heat exhaustion's 999
        (
            {
                "region": "legs",
                "age": 30,
                "duration_minutes": 45,
                "recent": ["heat_exposure"],
                "associated": ["sweating", "dizziness"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "a calf swelling on the day of a sports twinge is a strain; swelling later is a clot check": [
        (
            {
                "region": "calf",
                "age": 34,
                "sex": "male",
                "onset": "sudden",
                "days_since_first": 0,
                "associated": ["swelling"],
                "recent": ["football_match", "calf_injury"],
            },
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "calf",
                "age": 34,
                "onset": "sudden",
                "days_since_first": 4,
                "associated": ["swelling"],
                "recent": ["calf_injury"],
            },
            {"urgent", "emergency"},
        ),
        (
            {"region": "calf", "age": 34, "associated": ["swelling"], "recent": ["calf_injury"]},
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "calf",
                "age": 50,
                "onset": "gradual",
                "associated": ["swelling"],
                "recent": ["long_flight"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "period cramps that come back every month are not a kidney stone": [
        (
            {
                "region": "abdomen",
                "age": 16,
                "sex": "female",
                "frequency": "occasional",
                "severity_0_10": 8,
                "associated": ["abdominal_pain"],
                "home_treatment_tried_days": 60,
            },
            {"routine", "soon"},
        ),
        (
            {
                "region": "abdomen",
                "age": 24,
                "sex": "female",
                "frequency": "occasional",
                "severity_0_10": 9,
                "associated": ["abdominal_pain"],
                "days_since_first": 365,
            },
            {"self_care", "routine", "soon"},
        ),
        # a first, sudden, severe pain in the side is still a stone until shown otherwise
        (
            {
                "region": "flank",
                "age": 35,
                "sex": "male",
                "onset": "sudden",
                "severity_0_10": 9,
                "associated": ["vomiting"],
                "days_since_first": 0,
            },
            {"urgent", "emergency"},
        ),
    ],
    "sudden severe pain between the shoulder blades is an emergency at any adult age": [
        (
            {
                "region": "upper_back",
                "age": 46,
                "sex": "male",
                "onset": "sudden",
                "days_since_first": 0,
                "severity_0_10": 8,
            },
            {"emergency"},
        ),
        ({"region": "upper_back", "age": 38, "onset": "sudden", "severity_0_10": 9}, {"emergency"}),
        # "not sure" how bad, but sweating with it
        (
            {"region": "upper_back", "age": 35, "onset": "sudden", "associated": ["sweating"]},
            {"emergency"},
        ),
        # a twinge on lifting, or one that moving and pressing bring on, is a muscle's
        (
            {
                "region": "upper_back",
                "age": 40,
                "onset": "sudden",
                "severity_0_10": 8,
                "recent": ["heavy_lifting"],
            },
            {"self_care", "routine", "soon", "urgent"},
        ),
        (
            {
                "region": "upper_back",
                "age": 35,
                "onset": "sudden",
                "severity_0_10": 8,
                "associated": ["pain_worse_on_movement", "tenderness"],
            },
            {"self_care", "routine", "soon", "urgent"},
        ),
    ],
    "pain with effort that eases with rest, in the upper body or the jaw, is angina": [
        (
            {
                "region": "upper_back",
                "age": 66,
                "sex": "male",
                "onset": "gradual",
                "days_since_first": 30,
                "time_of_day": "during_exercise",
                "associated": ["pain_on_walking_relieved_by_rest"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "jaw",
                "age": 58,
                "sex": "female",
                "associated": ["pain_on_walking_relieved_by_rest"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "arm",
                "side": "left",
                "age": 70,
                "days_since_first": 365,
                "associated": ["pain_on_walking_relieved_by_rest"],
            },
            {"soon", "urgent"},
        ),
        # in the calf it is claudication, seen within days or routinely
        (
            {
                "region": "calf",
                "age": 66,
                "days_since_first": 60,
                "associated": ["pain_on_walking_relieved_by_rest"],
                "conditions": ["smoker"],
            },
            {"routine", "soon"},
        ),
    ],
    "a hand or forearm that suddenly goes weak is a stroke until shown otherwise": [
        (
            {
                "region": "hand",
                "side": "left",
                "onset": "sudden",
                "days_since_first": 0,
                "associated": ["weakness"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "forearm",
                "side": "right",
                "age": 72,
                "onset": "sudden",
                "associated": ["weakness"],
            },
            {"emergency"},
        ),
        # weakness while a two-minute writer's cramp lasts is not
        (
            {
                "region": "hand",
                "side": "right",
                "age": 30,
                "onset": "sudden",
                "duration_minutes": 2,
                "frequency": "occasional",
                "associated": ["weakness"],
            },
            {"self_care", "routine", "soon"},
        ),
        # weakness of both hands that crept up over months is seen within days or routinely
        (
            {
                "region": "hand",
                "side": "both",
                "age": 60,
                "onset": "gradual",
                "days_since_first": 120,
                "associated": ["weakness"],
            },
            {"routine", "soon"},
        ),
    ],
    "a new headache after 50 is checked the same day for giant cell arteritis": [
        (
            {
                "region": "head",
                "age": 81,
                "sex": "female",
                "onset": "gradual",
                "associated": ["headache"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "neck",
                "age": 67,
                "days_since_first": 14,
                "associated": ["headache", "muscle_stiffness"],
            },
            {"urgent", "emergency"},
        ),
        # years of the same tension headaches, or a headache in a younger adult, are not
        (
            {
                "region": "head",
                "age": 62,
                "days_since_first": 3000,
                "associated": ["headache"],
                "conditions": ["tension headaches"],
            },
            {"self_care", "routine"},
        ),
        (
            {"region": "head", "age": 30, "days_since_first": 2, "associated": ["headache"]},
            {"self_care", "routine"},
        ),
    ],
    "spasms after thyroid or parathyroid surgery get a calcium test the same day": [
        (
            {
                "region": "whole_body",
                "age": 36,
                "sex": "female",
                "onset": "gradual",
                "associated": ["muscle_stiffness"],
                "conditions": ["previous_thyroidectomy", "cancer_history"],
                "medications": ["levothyroxine", "calcium_carbonate"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "hand",
                "age": 50,
                "conditions": ["parathyroidectomy"],
                "associated": ["tingling"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "legs",
                "age": 44,
                "conditions": ["thyroidectomy"],
                "associated": ["muscle_stiffness"],
            },
            {"urgent", "emergency"},
        ),
        # an underactive thyroid without an operation, with night calf cramps, is routine
        (
            {
                "region": "calf",
                "age": 60,
                "time_of_day": "night",
                "frequency": "weekly",
                "conditions": ["hypothyroidism"],
            },
            {"routine"},
        ),
    ],
    "upper back pain with numb or weak limbs is an emergency": [
        (
            {
                "region": "upper_back",
                "age": 48,
                "sex": "female",
                "days_since_first": 10,
                "severity_0_10": 9,
                "associated": ["numbness", "tenderness", "night_pain"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "upper_back",
                "age": 70,
                "associated": ["weakness"],
                "conditions": ["cancer_history"],
            },
            {"emergency"},
        ),
        ({"region": "upper_back", "age": 40, "associated": ["numbness", "fever"]}, {"emergency"}),
        # a stiff upper back after sleeping awkwardly, with tingling fingers, is not
        (
            {
                "region": "upper_back",
                "age": 35,
                "severity_0_10": 4,
                "associated": ["tingling"],
                "recent": ["slept_awkwardly"],
            },
            {"self_care", "routine", "soon"},
        ),
    ],
    "neck pain that came on the day after a knock, with normal arms, is low risk": [
        (
            {
                "region": "neck",
                "age": 22,
                "sex": "male",
                "onset": "gradual",
                "days_since_first": 1,
                "associated": ["neck_stiffness", "pain_worse_on_movement", "tenderness"],
                "recent": ["fall_or_trauma"],
            },
            {"self_care", "routine", "soon", "urgent"},
        ),
        # pain at once, tingling arms, or over 65: the neck is checked in hospital first
        (
            {
                "region": "neck",
                "age": 30,
                "onset": "sudden",
                "days_since_first": 0,
                "recent": ["fall_or_trauma"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "neck",
                "age": 25,
                "onset": "gradual",
                "days_since_first": 1,
                "associated": ["tingling"],
                "recent": ["fall_or_trauma"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "neck",
                "age": 72,
                "onset": "gradual",
                "days_since_first": 1,
                "recent": ["fall_or_trauma"],
            },
            {"emergency"},
        ),
        ({"region": "neck", "recent": ["fall_or_trauma"]}, {"emergency"}),
    ],
    "a calf that went suddenly at sport today is a strain, not a clot": [
        (
            {
                "region": "calf",
                "side": "right",
                "age": 52,
                "onset": "sudden",
                "days_since_first": 0,
                "severity_0_10": 6,
                "associated": ["swelling", "pain_worse_on_movement", "tenderness"],
                "recent": ["intense_exercise"],
            },
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "calf",
                "side": "left",
                "age": 34,
                "onset": "sudden",
                "days_since_first": 0,
                "associated": ["swelling"],
                "recent": ["football_match"],
            },
            {"self_care", "routine", "soon"},
        ),
        # swelling days later, or after a long flight, is a clot until shown otherwise
        (
            {
                "region": "calf",
                "side": "left",
                "age": 52,
                "days_since_first": 2,
                "associated": ["swelling"],
                "recent": ["long_flight"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "calf",
                "side": "right",
                "age": 40,
                "onset": "gradual",
                "days_since_first": 3,
                "associated": ["swelling", "tenderness"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "daily cramps since a new water tablet are a review within days": [
        (
            {
                "region": "calf",
                "side": "both",
                "age": 67,
                "frequency": "daily",
                "time_of_day": "night",
                "days_since_first": 21,
                "medications": ["thiazide_diuretic"],
                "recent": ["started_diuretic"],
            },
            {"soon", "routine"},
        ),
        # with dizziness or weakness, the salts are checked today
        (
            {
                "region": "legs",
                "age": 75,
                "frequency": "daily",
                "associated": ["dizziness"],
                "medications": ["furosemide"],
                "recent": ["started_diuretic"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "stiffness or unsteadiness over months is seen within days, over weeks at once": [
        (
            {
                "region": "whole_body",
                "age": 30,
                "sex": "female",
                "onset": "gradual",
                "days_since_first": 2000,
                "associated": ["generalized_stiffness", "difficulty_walking", "muscle_stiffness"],
                "conditions": ["anxiety"],
            },
            {"soon", "routine", "urgent"},
        ),
        (
            {
                "region": "lower_back",
                "age": 43,
                "onset": "gradual",
                "days_since_first": 200,
                "associated": ["muscle_stiffness", "falls", "unsteady_gait"],
            },
            {"soon", "urgent"},
        ),
        (
            {
                "region": "lower_back",
                "age": 60,
                "days_since_first": 5,
                "associated": ["unsteady_gait"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "whole_body",
                "days_since_first": 3,
                "associated": ["generalized_stiffness"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "hands locked in spasm with stiffness or twitching elsewhere is an emergency": [
        (
            {
                "region": "hand",
                "side": "both",
                "age": 91,
                "onset": "sudden",
                "days_since_first": 0,
                "associated": ["carpopedal_spasm", "muscle_stiffness"],
                "medications": ["omeprazole"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "whole_body",
                "age": 50,
                "associated": ["carpopedal_spasm", "visible_twitching"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "hand",
                "age": 60,
                "associated": ["carpopedal_spasm", "generalized_stiffness"],
            },
            {"emergency"},
        ),
        # hands cramping while over-breathing in a panic is not
        (
            {
                "region": "hand",
                "side": "both",
                "age": 25,
                "associated": ["carpopedal_spasm", "tingling"],
                "recent": ["stressful_event"],
                "conditions": ["anxiety"],
            },
            {"self_care", "routine", "soon", "urgent"},
        ),
    ],
    "sudden weakness of both legs with a racing heart is an emergency": [
        (
            {
                "region": "legs",
                "side": "both",
                "age": 42,
                "sex": "female",
                "onset": "sudden",
                "days_since_first": 0,
                "associated": ["weakness", "palpitations", "sweating", "tremor"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "whole_body",
                "age": 28,
                "onset": "sudden",
                "associated": ["weakness", "shortness_of_breath"],
            },
            {"emergency"},
        ),
        # without the heart or breathing, the same day
        (
            {
                "region": "legs",
                "side": "both",
                "age": 30,
                "onset": "sudden",
                "associated": ["weakness"],
                "recent": ["high_carbohydrate_meal"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "a sharp twinge of seconds in the groin on moving in pregnancy is ligament pain": [
        (
            {
                "region": "groin",
                "side": "right",
                "age": 30,
                "sex": "female",
                "pregnant": True,
                "onset": "sudden",
                "duration_minutes": 1,
                "frequency": "daily",
                "associated": [],
            },
            {"self_care", "routine"},
        ),
        (
            {
                "region": "abdomen",
                "side": "left",
                "age": 27,
                "sex": "female",
                "pregnant": True,
                "duration_minutes": 0.5,
                "frequency": "several_daily",
                "associated": ["pain_worse_on_movement"],
            },
            {"self_care", "routine"},
        ),
        # the same twinge before the other symptoms are answered ("not sure") is checked today
        (
            {
                "region": "groin",
                "age": 30,
                "sex": "female",
                "pregnant": True,
                "duration_minutes": 1,
                "frequency": "daily",
            },
            {"urgent", "emergency"},
        ),
        # pain that stays, a first pain, or with dizziness is checked today
        (
            {
                "region": "abdomen",
                "side": "right",
                "age": 29,
                "sex": "female",
                "pregnant": True,
                "frequency": "first_time",
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "groin",
                "side": "left",
                "age": 31,
                "sex": "female",
                "pregnant": True,
                "duration_minutes": 1,
                "frequency": "daily",
                "associated": ["dizziness"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "one of a person's usual short seizures follows their epilepsy care plan": [
        (
            {
                "region": "whole_body",
                "age": 36,
                "frequency": "occasional",
                "duration_minutes": 1,
                "associated": ["seizure", "fatigue"],
                "conditions": ["epilepsy"],
            },
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "whole_body",
                "age": 22,
                "frequency": "weekly",
                "duration_minutes": 2,
                "associated": ["seizure"],
                "conditions": ["epilepsy"],
            },
            {"self_care", "routine", "soon"},
        ),
        # longer than five minutes, not knowing how long, or a first seizure: help now or today
        (
            {
                "region": "whole_body",
                "age": 36,
                "frequency": "occasional",
                "duration_minutes": 7,
                "associated": ["seizure"],
                "conditions": ["epilepsy"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "whole_body",
                "age": 40,
                "associated": ["seizure"],
                "conditions": ["epilepsy"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "whole_body",
                "age": 40,
                "frequency": "first_time",
                "duration_minutes": 1,
                "associated": ["seizure"],
            },
            {"emergency"},
        ),
    ],
    "numb, weak feet that crept up with diabetes are nerve damage, seen within days": [
        (
            {
                "region": "calf",
                "side": "both",
                "age": 64,
                "sex": "female",
                "time_of_day": "night",
                "frequency": "weekly",
                "onset": "gradual",
                "associated": ["numbness", "weakness"],
                "conditions": ["diabetes"],
                "recent": [],
            },
            {"routine", "soon"},
        ),
        # before the recent illnesses are answered, it is checked today
        (
            {
                "region": "foot",
                "side": "both",
                "age": 64,
                "onset": "gradual",
                "associated": ["numbness", "weakness"],
                "conditions": ["diabetes"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "foot",
                "side": "both",
                "age": 70,
                "onset": "gradual",
                "associated": ["tingling", "weakness"],
                "conditions": ["type 2 diabetes"],
                "recent": ["started_new_medicine"],
            },
            {"routine", "soon"},
        ),
        # after a tummy bug, or without diabetes, spreading weakness is checked today
        (
            {
                "region": "legs",
                "side": "both",
                "age": 45,
                "associated": ["tingling", "weakness"],
                "conditions": ["diabetes"],
                "recent": ["diarrhoeal_illness"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "legs",
                "side": "both",
                "age": 45,
                "days_since_first": 4,
                "associated": ["tingling", "weakness"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "tingling or numb fingers that wake you at night are carpal tunnel syndrome": [
        (
            {
                "region": "hand",
                "side": "both",
                "age": 32,
                "sex": "female",
                "pregnant": True,
                "time_of_day": "night",
                "associated": ["tingling", "numbness"],
            },
            {"self_care", "routine"},
        ),
        (
            {
                "region": "hand",
                "side": "both",
                "age": 55,
                "time_of_day": "night",
                "days_since_first": 20,
                "associated": ["numbness"],
            },
            {"self_care", "routine"},
        ),
        # pins and needles in both hands all day for days is seen within days
        (
            {
                "region": "hand",
                "side": "both",
                "age": 40,
                "time_of_day": "any",
                "days_since_first": 5,
                "associated": ["tingling"],
            },
            {"soon", "urgent"},
        ),
    ],
    "tired all the time with aching muscles for weeks is a routine GP visit": [
        (
            {
                "region": "whole_body",
                "age": 46,
                "sex": "female",
                "onset": "gradual",
                "days_since_first": 90,
                "associated": ["fatigue", "muscle_stiffness"],
            },
            {"routine", "soon"},
        ),
        (
            {"region": "legs", "age": 35, "days_since_first": 40, "associated": ["fatigue"]},
            {"routine", "soon"},
        ),
        # tired and achy for a few days after a cold is self-care
        (
            {
                "region": "whole_body",
                "age": 30,
                "days_since_first": 4,
                "associated": ["fatigue"],
                "recent": ["upper_respiratory_infection"],
            },
            {"self_care"},
        ),
    ],
    "a sudden testicle pain that lasted under an hour and went is seen the same day": [
        (
            {
                "region": "groin",
                "age": 13,
                "sex": "male",
                "onset": "sudden",
                "duration_minutes": 30,
                "days_since_first": 1,
                "frequency": "first_time",
            },
            {"urgent"},
        ),
        (
            {
                "region": "groin",
                "age": 17,
                "sex": "male",
                "side": "left",
                "onset": "sudden",
                "duration_minutes": 20,
                "frequency": "occasional",
            },
            {"urgent"},
        ),
        # a pain that is there now, or whose length is not known, is an emergency
        (
            {"region": "groin", "age": 14, "sex": "male", "onset": "sudden", "days_since_first": 0},
            {"emergency"},
        ),
        (
            {
                "region": "groin",
                "age": 15,
                "sex": "male",
                "onset": "sudden",
                "duration_minutes": 90,
                "days_since_first": 0,
            },
            {"emergency"},
        ),
    ],
    "a stitch that comes with running is not a torsion": [
        (
            {
                "region": "abdomen",
                "age": 9,
                "sex": "male",
                "time_of_day": "during_exercise",
                "frequency": "occasional",
                "duration_minutes": 5,
            },
            {"self_care"},
        ),
        (
            {
                "region": "abdomen",
                "age": 12,
                "sex": "male",
                "time_of_day": "during_exercise",
                "frequency": "weekly",
            },
            {"self_care"},
        ),
        # a sudden lower tummy pain in a boy at rest still is
        (
            {
                "region": "abdomen",
                "age": 12,
                "sex": "male",
                "onset": "sudden",
                "time_of_day": "day",
                "days_since_first": 0,
            },
            {"emergency"},
        ),
    ],
    "the person's usual tension headache with a stiff neck is self-care": [
        (
            {
                "region": "neck",
                "age": 41,
                "sex": "male",
                "recent": ["stressful_event"],
                "frequency": "occasional",
                "associated": ["headache", "muscle_stiffness"],
            },
            {"self_care", "routine"},
        ),
        (
            {"region": "neck", "age": 35, "frequency": "weekly", "associated": ["headache"]},
            {"self_care", "routine"},
        ),
        # a new headache with a stiff neck is checked today; with a fever or vomiting, now
        (
            {
                "region": "neck",
                "age": 35,
                "frequency": "first_time",
                "associated": ["headache", "neck_stiffness"],
            },
            {"urgent", "emergency"},
        ),
        (
            {
                "region": "neck",
                "age": 20,
                "associated": ["headache", "neck_stiffness", "fever", "vomiting"],
            },
            {"emergency"},
        ),
    ],
    "a child's night cramps after a busy day are self-care": [
        (
            {
                "region": "calf",
                "age": 7,
                "sex": "male",
                "time_of_day": "night",
                "frequency": "weekly",
                "recent": ["intense_exercise"],
            },
            {"self_care"},
        ),
        (
            {
                "region": "calf",
                "age": 10,
                "time_of_day": "night",
                "frequency": "weekly",
                "recent": ["football_match"],
            },
            {"self_care"},
        ),
        # daytime cramps at rest most days in a child are looked into
        (
            {"region": "calf", "age": 8, "time_of_day": "day", "frequency": "daily"},
            {"routine", "soon"},
        ),
    ],
    "swollen ankles in both legs are not the one-sided swelling of a clot": [
        (
            {
                "region": "legs",
                "age": 63,
                "sex": "male",
                "time_of_day": "night",
                "frequency": "daily",
                "conditions": ["diabetes", "hypertension"],
                "associated": ["swelling", "fatigue"],
            },
            {"routine", "soon"},
        ),
        (
            {"region": "legs", "age": 70, "associated": ["swelling"]},
            {"self_care", "routine", "soon"},
        ),
        # one leg swollen is a clot until shown otherwise, even when called "legs"
        (
            {"region": "legs", "side": "left", "age": 60, "associated": ["swelling"]},
            {"urgent", "emergency"},
        ),
        ({"region": "calf", "age": 60, "associated": ["swelling"]}, {"urgent", "emergency"}),
    ],
    "weak legs with a racing heart on water tablets is an emergency": [
        (
            {
                "region": "legs",
                "age": 69,
                "sex": "male",
                "medications": ["diuretic"],
                "associated": ["palpitations", "weakness", "tachycardia"],
            },
            {"emergency"},
        ),
        (
            {
                "region": "whole_body",
                "age": 50,
                "recent": ["diarrhoeal_illness"],
                "associated": ["weakness", "tachycardia"],
            },
            {"emergency"},
        ),
        # a heart that skips, with cramps and weak legs, is checked the same day
        (
            {
                "region": "legs",
                "side": "both",
                "age": 69,
                "days_since_first": 2,
                "medications": ["bendroflumethiazide"],
                "recent": ["diarrhoeal_illness"],
                "associated": ["weakness", "palpitations"],
            },
            {"urgent", "soon"},
        ),
    ],
    "tingling, cramping hands that come back with panic attacks are over-breathing": [
        (
            {
                "region": "hand",
                "age": 30,
                "sex": "female",
                "frequency": "occasional",
                "conditions": ["anxiety"],
                "associated": ["tingling", "perioral_tingling", "carpopedal_spasm"],
            },
            {"self_care", "routine", "soon"},
        ),
        (
            {
                "region": "hand",
                "age": 24,
                "frequency": "weekly",
                "conditions": ["panic attacks"],
                "associated": ["tingling", "carpopedal_spasm"],
            },
            {"self_care", "routine", "soon"},
        ),
        # the same after thyroid surgery is a low calcium until shown otherwise
        (
            {
                "region": "hand",
                "age": 30,
                "frequency": "occasional",
                "conditions": ["anxiety", "previous_thyroidectomy"],
                "associated": ["tingling", "carpopedal_spasm"],
            },
            {"urgent", "emergency"},
        ),
    ],
    "ordinary period cramps are self-care even when the age is not given": [
        (
            {
                "sex": "female",
                "region": "abdomen",
                "onset": "gradual",
                "frequency": "occasional",
                "associated": ["abdominal_pain"],
            },
            {"self_care"},
        ),
        (
            {
                "sex": "female",
                "region": "abdomen",
                "frequency": "weekly",
                "associated": ["abdominal_pain"],
            },
            {"self_care"},
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(DANGER_AND_LOOKALIKES))
def test_dangers_and_their_lookalikes_reach_their_level(kb, name: str) -> None:
    assert wrong_levels(kb, DANGER_AND_LOOKALIKES[name]) == []

"""Triage: dispositions with the red flags and case facts that drove them; calm where it is safe."""

from __future__ import annotations

import dataclasses

from spasmcare.engine.assess import assess
from spasmcare.vocabulary import urgency


def test_back_spasm_with_saddle_numbness_is_an_emergency_with_reasons(kb) -> None:
    result = assess({"region": "lower_back", "age": 45, "associated": ["saddle_numbness"]}, kb)
    assert result.disposition == "emergency"
    flag = result.red_flags[0]
    assert flag.disposition == "emergency"
    assert any("saddle_numbness" in fact for fact in flag.because)
    assert flag.sources
    assert result.causes[0].id == "cauda_equina_syndrome"


def test_ordinary_night_cramps_at_seventy_are_managed_at_home(kb) -> None:
    result = assess(
        {
            "region": "calf",
            "age": 70,
            "time_of_day": "night",
            "duration_minutes": 2,
            "frequency": "occasional",
            "associated": [],
            "recent": [],
        },
        kb,
    )
    assert result.disposition == "self_care"
    assert result.red_flags == []
    assert result.causes[0].id == "nocturnal_leg_cramps"
    assert result.plan.seek_help_if, "self-care always comes with safety-netting"


def test_sparse_dangerous_answers_still_fire(kb) -> None:
    assert assess({"region": "jaw", "associated": ["trismus"]}, kb).disposition == "emergency"
    result = assess(
        {
            "region": "hand",
            "associated": ["carpopedal_spasm", "perioral_tingling"],
            "recent": ["surgery_thyroid"],
        },
        kb,
    )
    assert urgency(result.disposition) >= urgency("urgent")


def test_one_swollen_calf_after_a_long_flight_is_not_called_a_cramp(kb) -> None:
    result = assess(
        {
            "region": "calf",
            "side": "left",
            "associated": ["swelling", "warmth"],
            "recent": ["long_flight"],
        },
        kb,
    )
    assert result.disposition == "urgent"
    assert "deep_vein_thrombosis" in [c.id for c in result.causes[:3]]


def test_the_most_urgent_rule_wins(kb) -> None:
    result = assess(
        {"region": "calf", "associated": ["swelling", "shortness_of_breath", "sleep_disturbance"]},
        kb,
    )
    assert result.disposition == "emergency"
    levels = [urgency(f.disposition) for f in result.red_flags]
    assert levels == sorted(levels, reverse=True)


def test_urgent_and_emergency_plans_hold_only_what_to_do_while_getting_care(kb) -> None:
    result = assess({"region": "lower_back", "associated": ["saddle_numbness"]}, kb)
    kinds = {s.id: next(k.kind for k in kb.steps if k.id == s.id) for s in result.plan.steps}
    assert set(kinds.values()) <= {"while_waiting", "see_clinician"}


def test_an_internal_error_fails_safe_never_reassures(kb) -> None:
    broken = dataclasses.replace(kb, follow_up_days={})  # a corrupted knowledge base
    result = assess({"region": "calf", "age": 30, "time_of_day": "night"}, broken)
    assert result.failsafe is True
    assert result.disposition == "urgent"
    assert "contact a doctor" in result.headline
    assert any("internal error" in w for w in result.warnings)


def test_unknown_names_are_reported_back_in_the_result(kb) -> None:
    result = assess({"region": "calf", "medications": ["zorblax"]}, kb)
    assert any("zorblax" in w for w in result.warnings)


def test_result_carries_the_knowledge_version(kb) -> None:
    result = assess({"region": "calf"}, kb)
    assert result.knowledge_version == kb.version
    assert result.knowledge_version.startswith(kb.manifest.version + "+")


def test_a_serious_cause_past_its_threshold_raises_the_disposition_with_its_reason(kb) -> None:
    case = {"region": "calf", "age": 40, "side": "left", "associated": ["tenderness"]}
    plain = assess(case, kb)
    dvt = next(c for c in plain.causes if c.id == "deep_vein_thrombosis")
    assert dvt.serious
    cause = kb.causes["deep_vein_thrombosis"]
    assert cause.triage is not None
    # The same knowledge base with a threshold below this case's probability of a clot.
    lowered = cause.model_copy(
        update={"triage": cause.triage.model_copy(update={"threshold": 0.001})}
    )
    strict = dataclasses.replace(kb, causes={**kb.causes, cause.id: lowered})
    raised = assess(case, strict)
    assert urgency(raised.disposition) >= urgency("urgent") > urgency(plain.disposition)
    reason = next(f for f in raised.red_flags if f.kind == "cause")
    assert reason.causes == ["deep_vein_thrombosis"]
    assert reason.disposition == "urgent"
    assert reason.probability is not None and reason.probability >= 0.001
    assert any("one leg" in b.lower() or "tender" in b.lower() for b in reason.because)
    assert set(cause.sources) <= set(reason.sources)

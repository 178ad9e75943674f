"""The over-the-counter pain relief screen: what to avoid, and why, drawn from the case."""

from __future__ import annotations

from spasmcare.engine.assess import assess


def avoided(result) -> set[str]:
    return {item.id.split(".")[0] for item in result.plan.avoid}


def test_aspirin_is_avoided_for_a_child_with_the_reason(kb) -> None:
    result = assess({"region": "calf", "age": 12, "time_of_day": "during_exercise"}, kb)
    assert "aspirin" in avoided(result)
    reason = next(i for i in result.plan.avoid if i.id.startswith("aspirin."))
    assert "age: 12" in reason.because


def test_nsaids_are_avoided_in_pregnancy_but_paracetamol_is_not(kb) -> None:
    result = assess({"region": "calf", "age": 30, "pregnant": True, "time_of_day": "night"}, kb)
    assert {"ibuprofen", "naproxen"} <= avoided(result)
    assert "paracetamol" not in avoided(result)


def test_anticoagulant_blocks_nsaids(kb) -> None:
    result = assess({"region": "lower_back", "age": 60, "medications": ["warfarin"]}, kb)
    assert {"ibuprofen", "naproxen", "aspirin"} <= avoided(result)


def test_a_healthy_adult_has_nothing_to_avoid(kb) -> None:
    result = assess(
        {
            "region": "lower_back",
            "age": 35,
            "medications": [],
            "conditions": [],
            "pregnant": False,
            "sex": "male",
        },
        kb,
    )
    assert result.plan.avoid == []

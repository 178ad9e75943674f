"""Answers that describe a true cramp speak for it (new-user review finding 12)."""

from __future__ import annotations

import pytest

from spasmcare.engine.assess import assess
from spasmcare.kb.load import KnowledgeBase

NIGHT_CRAMP = {"region": "calf", "age": 70, "time_of_day": "night", "frequency": "weekly",
               "duration_minutes": 3}  # fmt: skip


@pytest.mark.parametrize(
    "associated",
    [["muscle_stiffness"], ["muscle_stiffness", "sleep_disturbance"], []],
    ids=["goes hard", "goes hard and wakes", "nothing else"],
)
def test_a_muscle_that_goes_hard_keeps_night_cramps_first(
    kb: KnowledgeBase, associated: list[str]
) -> None:
    result = assess({**NIGHT_CRAMP, "associated": associated}, kb)
    first = result.causes[0]
    assert first.id == "nocturnal_leg_cramps"
    assert not any("stiffness" in f.lower() for f in first.against), first.against


def test_restless_legs_is_less_likely_once_the_urge_to_move_is_denied(kb: KnowledgeBase) -> None:
    result = assess({**NIGHT_CRAMP, "associated": []}, kb)
    legs = next(c for c in result.causes if c.id == "restless_legs_syndrome")
    assert legs.likelihood == "less_likely"

"""Properties of the engine over generated cases (Hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmcare.engine.assess import assess
from spasmcare.vocabulary import DISPOSITIONS, urgency

from .strategies import cases

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(case=cases)
def test_every_valid_case_gets_a_complete_result(kb, case: dict[str, Any]) -> None:
    result = assess(case, kb)
    assert not result.failsafe
    assert result.disposition in DISPOSITIONS
    expected = max((f.disposition for f in result.red_flags), key=urgency, default="self_care")
    assert result.disposition == expected
    assert result.causes and all(c.sources for c in result.causes)
    assert all(s.sources for s in result.plan.steps)
    assert result.plan.follow_up_days >= 0
    if result.disposition in ("self_care", "routine"):
        assert result.plan.seek_help_if and result.plan.steps


@SETTINGS
@given(case=cases, data=st.data())
def test_not_knowing_an_answer_never_lowers_an_urgent_disposition(kb, case, data) -> None:
    known = [k for k, value in case.items() if k != "region" and value is not None]
    if not known:
        return
    result = assess(case, kb)
    if urgency(result.disposition) < urgency("urgent"):
        return
    forgotten = data.draw(st.sampled_from(known))
    vaguer = {k: v for k, v in case.items() if k != forgotten}
    assert urgency(assess(vaguer, kb).disposition) >= urgency("urgent"), forgotten


@SETTINGS
@given(case=cases)
def test_a_drug_to_avoid_is_never_also_offered_with_a_caution(kb, case) -> None:
    plan = assess(case, kb).plan
    avoided = {item.what for item in plan.avoid}
    assert not avoided & {item.what for item in plan.check_first}

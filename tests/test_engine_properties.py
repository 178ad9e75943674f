"""Properties of the engine over generated cases (Hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmcare.engine.assess import assess
from spasmcare.vocabulary import DISPOSITIONS, urgency

from .strategies import cases

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


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
def test_not_knowing_an_answer_keeps_every_alarm_that_did_not_rest_on_it(kb, case, data) -> None:
    """A red flag whose matched facts do not involve an answer survives forgetting that answer."""
    known = [k for k, value in case.items() if k != "region" and value is not None]
    if not known:
        return
    forgotten = data.draw(st.sampled_from(known))
    result = assess(case, kb)
    # "pregnancy" among the conditions answers "pregnant" when that was not asked, so a reason
    # given as "pregnant" rests on the conditions then.
    rests_on = {forgotten}
    if forgotten == "conditions" and case.get("pregnant") is None:
        rests_on.add("pregnant")
    # Rules only: a cause's reason rests on its whole probability, which the danger-screen
    # property (tests/test_danger_screen.py) covers.
    independent = {
        f.id
        for f in result.red_flags
        if f.kind == "rule"
        and not any(b.startswith(f"{key}:") for key in rests_on for b in f.because)
    }
    vaguer = assess({k: v for k, v in case.items() if k != forgotten}, kb)
    assert independent <= {f.id for f in vaguer.red_flags}, forgotten


@SETTINGS
@given(case=cases)
def test_a_drug_to_avoid_is_never_also_offered_with_a_caution(kb, case) -> None:
    plan = assess(case, kb).plan
    avoided = {item.what for item in plan.avoid}
    assert not avoided & {item.what for item in plan.check_first}


def _terms(condition, negated: bool = False):
    """(field, term, counts against) for every list term a condition looks at: a term under
    ``not`` or in ``has_none`` counts against the condition holding."""
    from spasmcare.kb import rules

    if isinstance(condition, rules.Test):
        for op, operand in condition.operators:
            if op in ("has_any", "has_all", "has_none") and condition.field in (
                "associated",
                "recent",
            ):
                against = negated != (op == "has_none")
                yield from ((condition.field, term, against) for term in operand)
    elif isinstance(condition, rules.Not):
        yield from _terms(condition.item, not negated)
    else:
        for item in condition.items:
            yield from _terms(item, negated)


def red_flag_terms(kb) -> list[tuple[str, str]]:
    """(field, term) pairs that only ever speak for danger: some red-flag rule or serious
    cause looks for them as present, and no rule or serious cause counts them against it.

    Terms that explain a danger away (lifting before a back spasm, over-breathing under stress,
    cramps in the heat that settle) are left out: adding one may rightly lower the level, and
    each such exception is a reviewed rule with tests of its own.
    """
    speaks_for, against = set(), set()
    for flag in kb.red_flags:
        for field, term, negative in _terms(flag.when):
            (against if negative else speaks_for).add((field, term))
    for cause in kb.causes.values():
        if not cause.serious:
            continue
        for finding in cause.findings:
            for field, term, negative in _terms(finding.when):
                if negative or finding.weight < 0:
                    against.add((field, term))
                else:
                    speaks_for.add((field, term))
    return sorted(speaks_for - against)


@SETTINGS
@given(case=cases, data=st.data())
def test_adding_a_finding_that_speaks_for_danger_never_lowers_the_disposition(
    kb, case, data
) -> None:
    field, term = data.draw(st.sampled_from(red_flag_terms(kb)))
    # Compared with the same list answered without the term: going from an unanswered list to a
    # list also denies every term left out of it, which the danger screen reports instead.
    answered = {**case, field: case.get(field) or []}
    before = assess(answered, kb).disposition
    worse = {**answered, field: sorted({*answered[field], term})}
    after = assess(worse, kb).disposition
    assert urgency(after) >= urgency(before), (field, term, before, after)


BAD_VALUES = {
    "age": [-1, 121, "forty", True, 4.5],
    "sex": ["F", 1],
    "pregnant": ["yes", 1],
    "region": ["elbow", "", None],
    "side": ["middle"],
    "onset": ["slow"],
    "duration_minutes": [-5, "ten", float("inf")],
    "days_since_first": [-1, 2.5],
    "frequency": ["sometimes"],
    "time_of_day": ["evening"],
    "severity_0_10": [11, -1, "bad"],
    "associated": ["fever", ["not_a_symptom"], [1]],
    "recent": [["moon_landing"], "marathon"],
    "medications": ["statin", [3]],
    "conditions": [[None], "diabetes"],
    "home_treatment_tried_days": [-3],
}


@SETTINGS
@given(case=cases, data=st.data())
def test_any_invalid_case_gives_an_error_naming_the_field(kb, case, data) -> None:
    import pytest

    from spasmcare.case import CaseError

    key = data.draw(st.sampled_from(sorted(BAD_VALUES)))
    value = data.draw(st.sampled_from(BAD_VALUES[key]))
    with pytest.raises(CaseError) as caught:
        assess({**case, key: value}, kb)
    assert [e.key for e in caught.value.errors] == [key]
    assert (
        "allowed" in caught.value.errors[0].message or "must be" in caught.value.errors[0].message
    )

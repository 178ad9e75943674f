"""The rule indexes and compiled conditions give exactly the verdicts of `rules.holds`."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmcare.case import parse_case
from spasmcare.engine.assess import names_of
from spasmcare.engine.facts import facts_of
from spasmcare.kb import rules
from spasmcare.kb.codegen import compiled_test
from spasmcare.kb.index import RuleIndex, cuts_of, stretch
from spasmcare.kb.load import KnowledgeBase
from spasmcare.vocabulary import DISPOSITIONS

from .strategies import cases

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def every_condition(kb: KnowledgeBase) -> list[rules.Condition]:
    found: list[rules.Condition | None] = [flag.when for flag in kb.red_flags]
    for cause in kb.causes.values():
        found += [cause.requires, *(f.when for f in cause.findings)]
    for step in kb.steps:
        found += [step.applies_when, *(c.when for c in step.cautions)]
    found += [line.applies_when for line in kb.safety_net]
    found += [myth.applies_when for myth in kb.myths]
    for drug in kb.otc_screen:
        found += [item.when for item in (*drug.stop, *drug.caution)]
    return [c for c in found if c is not None]


def facts(kb: KnowledgeBase, case: dict[str, Any]) -> rules.Facts:
    return facts_of(parse_case(case, names_of(kb)), kb)


def holds(condition: rules.Condition | None, case_facts: rules.Facts) -> bool:
    return condition is None or rules.holds(condition, case_facts)


@SETTINGS
@given(case=cases)
def test_each_index_finds_exactly_the_rules_that_hold(kb, case: dict[str, Any]) -> None:
    case_facts = facts(kb, case)
    index = kb.index
    assert index.red_flags.holding(case_facts) == [
        flag for flag in kb.red_flags if holds(flag.when, case_facts)
    ]
    gated = [c for c in kb.causes.values() if holds(c.requires, case_facts)]
    assert [i for i, _ in index.causes.holding(case_facts)] == [c.id for c in gated]
    in_region = index.findings(case["region"]).holding(case_facts)
    gated_ids = {c.id for c in gated}
    assert [(i, f) for i, _, f in in_region if i in gated_ids] == [
        (c.id, f) for c in gated for f in c.findings if holds(f.when, case_facts)
    ]
    for disposition in DISPOSITIONS:
        assert index.steps[disposition].holding(case_facts) == [
            s
            for s in kb.steps
            if disposition in s.dispositions and holds(s.applies_when, case_facts)
        ]
    assert index.cautions.holding(case_facts) == [
        (s.id, c.text) for s in kb.steps for c in s.cautions if holds(c.when, case_facts)
    ]
    assert index.safety_net.holding(case_facts) == [
        line for line in kb.safety_net if holds(line.applies_when, case_facts)
    ]
    assert [item.rule for item in index.screen.holding(case_facts)] == [
        item
        for drug in kb.otc_screen
        for item in (*drug.stop, *drug.caution)
        if holds(item.when, case_facts)
    ]


@SETTINGS
@given(case=cases)
def test_a_compiled_condition_agrees_with_the_rule_language(kb, case: dict[str, Any]) -> None:
    case_facts = facts(kb, case)
    for condition in every_condition(kb):
        assert compiled_test(condition)(case_facts) == rules.holds(condition, case_facts), (
            rules.describe(condition)
        )


def test_numbers_at_below_and_above_every_threshold_are_filed_right(kb) -> None:
    """Each number a rule compares with, and the values either side of it, give the verdict of
    the rule language: the edges are where an index over numbers would go wrong."""
    conditions = every_condition(kb)
    index = RuleIndex((c, c) for c in conditions)
    base = {"region": "calf", "age": 40, "duration_minutes": 2, "days_since_first": 10}
    for field, thresholds in cuts_of(conditions).items():
        for threshold in thresholds:
            for value in (threshold - 1, threshold - 0.5, threshold, threshold + 0.5):
                if value < 0:
                    continue
                integer = field != "duration_minutes"
                if integer and not float(value).is_integer():
                    continue
                case_facts = facts(kb, {**base, field: int(value) if integer else value})
                expected = [c for c in conditions if rules.holds(c, case_facts)]
                assert index.holding(case_facts) == expected, (field, value)


def test_stretches_separate_values_below_at_and_above_a_threshold() -> None:
    cuts = (10.0, 20.0)
    assert [stretch(cuts, x) for x in (5, 10, 15, 20, 25)] == [0, 1, 2, 3, 4]


CONDITIONS = [
    {"associated": {"has_none": ["fever"]}},
    {"not": {"sex": {"in": ["male"]}}},
    {"age": {"gte": 65, "if_unknown": True}},
    {"age": {"known": False}},
    {"associated": {"has_all": ["fever", "rash"]}},
    {"all": [{"region": {"in": ["@leg"]}}, {"age": {"gt": 50, "lt": 80}}]},
    {"any": [{"pregnant": {"is": True}}, {"conditions": {"has_any": ["diabetes"]}}]},
    {"region": {"not_in": ["calf", "foot"]}},
]


@settings(max_examples=400, deadline=None)
@given(
    age=st.none() | st.integers(0, 120),
    sex=st.none() | st.sampled_from(["male", "female"]),
    region=st.sampled_from(["calf", "foot", "lower_back", "neck"]),
    pregnant=st.none() | st.booleans(),
    associated=st.none() | st.sets(st.sampled_from(["fever", "rash", "swelling"])),
    conditions=st.none() | st.sets(st.sampled_from(["diabetes", "asthma"])),
)
def test_rules_that_hold_on_missing_or_absent_answers_are_never_skipped(**answers: Any) -> None:
    """Rules about what is missing or absent (not, has_none, if_unknown, known: false) have no
    answer to be filed under; the index must still find them."""
    parsed = [rules.parse(raw) for raw in CONDITIONS]
    index = RuleIndex((i, c) for i, c in enumerate(parsed))
    case_facts = {
        k: frozenset(value) if isinstance(value, set) else value for k, value in answers.items()
    }
    assert index.holding(case_facts) == [
        i for i, c in enumerate(parsed) if rules.holds(c, case_facts)
    ]


@pytest.mark.parametrize("raw", CONDITIONS)
def test_a_compiled_condition_reads_no_other_names(raw: dict[str, Any]) -> None:
    """The generated code sees only the facts it is given and its own constants."""
    function = compiled_test(rules.parse(raw))
    assert function.__globals__["__builtins__"] == {}
    assert set(function.__globals__) - {"__builtins__"} <= {f"_c{i}" for i in range(10)}

"""Hypothesis strategies for valid cases in the case format."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from spasmcare import vocabulary as v

MEDICINES = [
    "atorvastatin",
    "statin",
    "furosemide",
    "metoclopramide",
    "haloperidol",
    "sertraline",
    "tramadol",
    "warfarin",
    "salbutamol",
    "ibuprofen",
    "paracetamol",
    "levothyroxine",
]
CONDITIONS = [
    "diabetes",
    "chronic_kidney_disease",
    "hypothyroidism",
    "cirrhosis",
    "pregnancy",
    "cancer_history",
    "osteoporosis",
    "multiple_sclerosis",
    "asthma",
    "peptic_ulcer",
]


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


cases = st.fixed_dictionaries(
    {"region": st.sampled_from(v.REGIONS)},
    optional={
        "age": _maybe(st.integers(0, 120)),
        "sex": _maybe(st.sampled_from(v.SEXES)),
        "pregnant": _maybe(st.booleans()),
        "side": _maybe(st.sampled_from(v.SIDES)),
        "onset": _maybe(st.sampled_from(v.ONSETS)),
        "duration_minutes": _maybe(st.floats(0, 600, allow_nan=False)),
        "days_since_first": _maybe(st.integers(0, 4000)),
        "frequency": _maybe(st.sampled_from(v.FREQUENCIES)),
        "time_of_day": _maybe(st.sampled_from(v.TIMES_OF_DAY)),
        "severity_0_10": _maybe(st.integers(0, 10)),
        "associated": _maybe(st.lists(st.sampled_from(v.ASSOCIATED), max_size=5, unique=True)),
        "recent": _maybe(st.lists(st.sampled_from(v.RECENT), max_size=3, unique=True)),
        "medications": _maybe(st.lists(st.sampled_from(MEDICINES), max_size=3, unique=True)),
        "conditions": _maybe(st.lists(st.sampled_from(CONDITIONS), max_size=3, unique=True)),
        "home_treatment_tried_days": _maybe(st.integers(0, 120)),
    },
)

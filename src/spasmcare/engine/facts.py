"""The facts rules are evaluated on: a case's values, with medicines expanded to their classes."""

from __future__ import annotations

from spasmcare.case import Case
from spasmcare.kb.index import IndexedFacts
from spasmcare.kb.load import KnowledgeBase
from spasmcare.kb.rules import Facts


def facts_of(case: Case, kb: KnowledgeBase) -> Facts:
    """The case as rule facts; a medicine also counts as every class it belongs to."""
    medications = None
    if case.medications is not None:
        medications = frozenset().union(*(kb.classes_of(m) for m in case.medications))
    return IndexedFacts(
        {
            "age": case.age,
            "sex": case.sex,
            "pregnant": case.pregnant,
            "region": case.region,
            "side": case.side,
            "onset": case.onset,
            "duration_minutes": case.duration_minutes,
            "days_since_first": case.days_since_first,
            "frequency": case.frequency,
            "time_of_day": case.time_of_day,
            "severity_0_10": case.severity_0_10,
            "home_treatment_tried_days": case.home_treatment_tried_days,
            "associated": _set(case.associated),
            "recent": _set(case.recent),
            "conditions": _set(case.conditions),
            "medications": medications,
        }
    )


def _set(items: tuple[str, ...] | None) -> frozenset[str] | None:
    return None if items is None else frozenset(items)

"""An answer the person does not know never counts as reassurance in the knowledge itself.

``if_unknown: true`` makes a test hold when its answer is not known. That is the safe choice
when the test raises the level, and the unsafe one under a ``not`` (an exception to an alarm) or
in a finding that lowers a serious cause: there it turns "not sure" into "no danger". The
assessment properties find such rules by search; this check finds every one of them at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from spasmcare.kb.load import default_directory

URGENT = {"emergency", "urgent"}


def _reassuring_unknowns(condition: Any, depth: int = 0) -> list[str]:
    """The fields whose unknown answer makes an exception (a test under ``not``) argue
    against danger. At an odd depth of ``not`` a test that holds when unknown does that; at an
    even depth below the first ``not``, a test that fails when unknown does."""
    if not isinstance(condition, dict):
        return []
    found: list[str] = []
    for key, value in condition.items():
        if key == "not":
            found += _reassuring_unknowns(value, depth + 1)
        elif key in ("all", "any"):
            for part in value:
                found += _reassuring_unknowns(part, depth)
        elif isinstance(value, dict) and depth:
            holds_when_unknown = value.get("if_unknown", False) is True
            if holds_when_unknown == (depth % 2 == 1):
                found.append(key)
    return found


def _knowledge(name: str) -> Any:
    return yaml.safe_load((Path(default_directory()) / name).read_text(encoding="utf-8"))


def test_no_urgent_or_emergency_rule_is_switched_off_by_an_unknown_answer() -> None:
    rules = _knowledge("red_flags.yaml")["red_flags"]
    unsafe = {
        rule["id"]: fields
        for rule in rules
        if rule["disposition"] in URGENT and (fields := _reassuring_unknowns(rule["when"]))
    }
    assert unsafe == {}


def test_no_finding_lowers_a_serious_cause_on_an_unknown_answer() -> None:
    causes = _knowledge("causes.yaml")["causes"]
    unsafe = [
        (cause["id"], finding["text"])
        for cause in causes
        if cause.get("serious")
        for finding in cause.get("findings", [])
        if finding["weight"] < 0 and _reassuring_unknowns({"not": finding["when"]})
    ]
    assert unsafe == []


def test_the_check_finds_an_alarm_switched_off_by_not_knowing() -> None:
    exception = {"not": {"all": [{"duration_minutes": {"lte": 10, "if_unknown": True}}]}}
    assert _reassuring_unknowns({"all": [{"region": {"in": ["calf"]}}, exception]}) == [
        "duration_minutes"
    ]
    assert _reassuring_unknowns({"age": {"gte": 50, "if_unknown": True}}) == []
    double = {"not": {"not": {"associated": {"has_any": ["swelling"]}}}}
    assert _reassuring_unknowns(double) == ["associated"]

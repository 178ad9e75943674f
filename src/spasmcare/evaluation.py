"""Scoring of vignette files (case-format section 3)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spasmcare.case import CaseError
from spasmcare.engine.assess import assess
from spasmcare.kb.load import KnowledgeBase
from spasmcare.vocabulary import DISPOSITIONS, urgency


@dataclass
class Summary:
    """The evaluation metrics over a set of vignettes."""

    n: int = 0
    errors: int = 0
    triage_appropriate: float = 0.0
    emergency_sensitivity: float | None = None
    under_triage: float = 0.0
    over_triage_self_care_to_urgent: float | None = None
    cause_top1: float | None = None
    cause_top3: float | None = None
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def run(lines: Iterable[str], kb: KnowledgeBase | None = None) -> Iterator[dict[str, Any]]:
    """One output record per vignette line (blank lines are skipped)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            vignette = json.loads(line)
        except json.JSONDecodeError as error:
            yield {"id": f"line {number}", "error": f"not valid JSON: {error}"}
            continue
        if not isinstance(vignette, dict) or "case" not in vignette:
            yield {"id": f"line {number}", "error": "a vignette is an object with a 'case' key"}
            continue
        yield _one(vignette, kb)


def _one(vignette: dict[str, Any], kb: KnowledgeBase | None) -> dict[str, Any]:
    record: dict[str, Any] = {"id": vignette.get("id")}
    try:
        result = assess(vignette["case"], kb)
    except CaseError as error:
        return {**record, "error": str(error), "expected": _expected(vignette)}
    return {
        **record,
        "disposition": result.disposition,
        "causes": [c.id for c in result.causes],
        "red_flags": [f.id for f in result.red_flags],
        "expected": _expected(vignette),
    }


def _expected(vignette: dict[str, Any]) -> dict[str, Any]:
    return {
        k: vignette.get(k)
        for k in ("expected_disposition", "acceptable_dispositions", "expected_causes")
    }


def summarise(records: list[dict[str, Any]]) -> Summary:
    """The metrics of case-format section 3 over output records that carry their expectations."""
    summary = Summary(n=len(records), errors=sum("error" in r for r in records))
    scored = [r for r in records if "error" not in r]
    triaged = [r for r in scored if _acceptable(r)]
    summary.triage_appropriate = (
        _share(sum(r["disposition"] in _acceptable(r) for r in triaged), len(triaged)) or 0.0
    )
    summary.under_triage = (
        _share(
            sum(urgency(r["disposition"]) < min(map(urgency, _acceptable(r))) for r in triaged),
            len(triaged),
        )
        or 0.0
    )
    emergencies = [r for r in triaged if r["expected"]["expected_disposition"] == "emergency"]
    summary.emergency_sensitivity = _share(
        sum(r["disposition"] == "emergency" for r in emergencies), len(emergencies)
    )
    self_care = [r for r in triaged if r["expected"]["expected_disposition"] == "self_care"]
    summary.over_triage_self_care_to_urgent = _share(
        sum(r["disposition"] in ("urgent", "emergency") for r in self_care), len(self_care)
    )
    with_causes = [r for r in scored if r["expected"]["expected_causes"]]
    summary.cause_top1 = _share(
        sum(r["causes"][:1] == r["expected"]["expected_causes"][:1] for r in with_causes),
        len(with_causes),
    )
    summary.cause_top3 = _share(
        sum(r["expected"]["expected_causes"][0] in r["causes"][:3] for r in with_causes),
        len(with_causes),
    )
    confusion: dict[str, Counter[str]] = {d: Counter() for d in DISPOSITIONS}
    for r in triaged:
        expected = r["expected"]["expected_disposition"] or _acceptable(r)[0]
        confusion[expected][r["disposition"]] += 1
    summary.confusion = {e: {a: row[a] for a in DISPOSITIONS} for e, row in confusion.items()}
    return summary


def _acceptable(record: dict[str, Any]) -> list[str]:
    expected = record["expected"]
    listed = expected.get("acceptable_dispositions")
    if listed:
        return list(listed)
    return [expected["expected_disposition"]] if expected.get("expected_disposition") else []


def _share(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None

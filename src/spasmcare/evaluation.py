"""Scoring of vignette files (case-format section 3)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spasmcare.case import CaseError, parse_case
from spasmcare.engine.assess import assess
from spasmcare.engine.causes import evidence_of
from spasmcare.engine.facts import facts_of
from spasmcare.engine.triage import probability
from spasmcare.kb.load import KnowledgeBase, load_default
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
    screen_incomplete: float | None = None
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    calibration: dict[str, Any] = field(default_factory=dict)

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
    kb = kb or load_default()
    try:
        case = parse_case(vignette["case"], kb.names)
    except CaseError as error:
        return {**record, "error": str(error), "expected": _expected(vignette)}
    result = assess(case, kb)
    return {
        **record,
        "disposition": result.disposition,
        "causes": [c.id for c in result.causes],
        "red_flags": [f.id for f in result.red_flags],
        "screen": result.screen.model_dump(include={"complete", "unanswered"}),
        "serious_causes": _serious_probabilities(kb, case),
        "expected": _expected(vignette),
    }


def _serious_probabilities(kb: KnowledgeBase, case: Any) -> dict[str, float]:
    """The model's probability of every serious cause whose gate holds for the case."""
    log_odds, _ = evidence_of(kb, facts_of(case, kb))
    return {
        cause: round(probability(odds), 4)
        for cause, odds in log_odds.items()
        if kb.causes[cause].serious
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
    screened = [r for r in scored if "screen" in r]
    summary.screen_incomplete = _share(
        sum(not r["screen"]["complete"] for r in screened), len(screened)
    )
    summary.calibration = calibration(scored)
    return summary


# Bins of predicted probability for the reliability table (upper bounds, the last inclusive).
BINS = (0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 1.0)


def calibration(records: list[dict[str, Any]]) -> dict[str, Any]:
    """How well the serious causes' probabilities match what the vignettes expect.

    Each (vignette, serious cause considered) pair is one prediction; the outcome is whether
    the vignette lists that cause among its expected causes. Causes whose gate did not hold
    are not predicted and are left out. Gives the Brier score and a reliability table.
    """
    pairs = [
        (p, cause in (r["expected"].get("expected_causes") or []))
        for r in records
        if r["expected"].get("expected_causes") is not None
        for cause, p in r.get("serious_causes", {}).items()
    ]
    if not pairs:
        return {"pairs": 0, "brier": None, "reliability": []}
    table = []
    low = 0.0
    for high in BINS:
        inside = [(p, y) for p, y in pairs if low <= p < high or (high == 1.0 and p == 1.0)]
        if inside:
            table.append(
                {
                    "bin": f"{low:.2f}-{high:.2f}",
                    "n": len(inside),
                    "mean_predicted": round(sum(p for p, _ in inside) / len(inside), 4),
                    "observed": round(sum(y for _, y in inside) / len(inside), 4),
                }
            )
        low = high
    brier = sum((p - y) ** 2 for p, y in pairs) / len(pairs)
    return {"pairs": len(pairs), "brier": round(brier, 4), "reliability": table}


def _acceptable(record: dict[str, Any]) -> list[str]:
    expected = record["expected"]
    listed = expected.get("acceptable_dispositions")
    if listed:
        return list(listed)
    return [expected["expected_disposition"]] if expected.get("expected_disposition") else []


def _share(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None

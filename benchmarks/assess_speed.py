"""Assessment in process: median time per vignette case, against validating the case alone."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.measure import Outcome, paired_medians
from spasmcare.case import parse_case
from spasmcare.engine.assess import assess, names_of
from spasmcare.kb.load import load_default

VIGNETTES = Path(__file__).resolve().parent.parent / "tests" / "vignettes"


def cases() -> list[dict[str, object]]:
    """The case of every vignette of the project's set."""
    return [
        json.loads(line)["case"]
        for path in sorted(VIGNETTES.glob("*.jsonl"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]


def run(quick: bool) -> Outcome:
    kb = load_default()
    names = names_of(kb)
    all_cases = cases()
    repeats = 5 if quick else 50

    def assess_all() -> None:
        for case in all_cases:
            assess(case, kb)

    def validate_all() -> None:
        for case in all_cases:
            parse_case(case, names)

    both = paired_medians(assess_all, validate_all, repeats)
    per_case, baseline = (seconds / len(all_cases) * 1e6 for seconds in both)
    ratio = per_case / baseline
    return Outcome(
        name="assess in process",
        figure=round(per_case, 1),
        unit="µs per case (median over the vignettes)",
        baseline=round(baseline, 1),
        ratio=round(ratio, 1),
        target="under 1000 µs and at most 10 x validating the same cases",
        met=per_case < 1000 and ratio <= 10,
    )

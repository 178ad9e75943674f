"""Print the Markdown table of the case-format metrics for each vignette file given.

Used to write the measured figures in docs/clinical-evaluation.md:
``python scripts/clinical_table.py tests/vignettes/*.jsonl``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from spasmcare.evaluation import run, summarise


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def main() -> None:
    print(
        "| set | n | appropriate triage | emergency sensitivity | under-triage "
        "| self-care to urgent/emergency | first cause top 1 | first cause in top 3 "
        "| screen incomplete | serious-cause Brier |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in sys.argv[1:]:
        path = Path(name)
        summary = summarise(list(run(path.read_text(encoding="utf-8").splitlines())))
        print(
            f"| {path.stem} | {summary.n} | {percent(summary.triage_appropriate)} "
            f"| {percent(summary.emergency_sensitivity)} | {percent(summary.under_triage)} "
            f"| {percent(summary.over_triage_self_care_to_urgent)} | {percent(summary.cause_top1)} "
            f"| {percent(summary.cause_top3)} | {percent(summary.screen_incomplete)} "
            f"| {summary.calibration.get('brier')} |"
        )


if __name__ == "__main__":
    main()

"""Command-line start-up: `--version` and `assess --case`, against `python -c pass`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from benchmarks.measure import Outcome, paired_medians

CASE = {"region": "calf", "age": 70, "time_of_day": "night", "duration_minutes": 3}


# As installed, Python keeps spasmcare's compiled bytecode; a shell that sets
# PYTHONDONTWRITEBYTECODE would instead compile every module on every start, a cost that
# `python -c pass` does not share. The warm-up run of each command writes the bytecode.
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _python(*args: str) -> None:
    subprocess.run([sys.executable, *args], check=True, capture_output=True, env=_ENVIRONMENT)


def run(quick: bool) -> list[Outcome]:
    repeats = 3 if quick else 15
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "case.json"
        case.write_text(json.dumps(CASE))
        commands = {
            "CLI start: --version": ("-m", "spasmcare", "--version"),
            "CLI start: assess --case --json": (
                "-m", "spasmcare", "assess", "--case", str(case), "--json",
            ),
        }  # fmt: skip
        outcomes = []
        for name, args in commands.items():
            seconds, baseline = paired_medians(
                partial(_python, *args), partial(_python, "-c", "pass"), repeats
            )
            ratio = seconds / baseline
            outcomes.append(
                Outcome(
                    name=name,
                    figure=round(seconds * 1000, 1),
                    unit="ms wall time (median)",
                    baseline=round(baseline * 1000, 1),
                    ratio=round(ratio, 1),
                    target="at most 5 x `python -c pass`",
                    met=ratio <= 5,
                )
            )
    return outcomes

"""The benchmark report (python -m benchmarks --quick --json) keeps its published shape.

The figures themselves are not judged here: speed belongs in the benchmarks, not in tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_quick_benchmark_run_reports_every_figure_beside_its_target() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    names = [r["name"] for r in report["results"]]
    assert "assess in process" in names and any(n.startswith("HTTP") for n in names)
    for result in report["results"]:
        assert set(result) == {"name", "figure", "unit", "baseline", "ratio", "target", "met"}
        assert result["figure"] > 0 and isinstance(result["met"], bool)
        assert (result["baseline"] is None) == (result["ratio"] is None)

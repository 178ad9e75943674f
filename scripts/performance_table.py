"""Print the Markdown table of a benchmark run (``python -m benchmarks --json`` on stdin).

Used to write the measured run in docs/performance.md, with the machine it ran on.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path


def main() -> None:
    report = json.load(sys.stdin)
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}.\n")  # fmt: skip
    print("| benchmark | figure | unit | baseline | ratio | target | met |")
    print("|---|---|---|---|---|---|---|")
    for r in report["results"]:
        ratio = "" if r["ratio"] is None else f"{r['ratio']} x"
        baseline = "" if r["baseline"] is None else r["baseline"]
        met = "yes" if r["met"] else "**no**"
        print(f"| {r['name']} | {r['figure']} | {r['unit']} | {baseline} | {ratio} | "
              f"{r['target']} | {met} |")  # fmt: skip


if __name__ == "__main__":
    main()

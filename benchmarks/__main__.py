"""`python -m benchmarks [--json] [--quick]`: run every benchmark and print the table."""

from __future__ import annotations

import argparse
import json
import platform

from rich.console import Console
from rich.table import Table

from benchmarks import (
    assess_speed,
    cli_start,
    clinic_dashboard,
    clinic_load,
    diary_import,
    diary_import_postgres,
    diary_page,
    http_speed,
    insights_speed,
    report_speed,
    sqlite_load,
    web_speed,
)
from benchmarks.measure import Outcome


def run(quick: bool) -> list[Outcome]:
    return [
        assess_speed.run(quick),
        *cli_start.run(quick),
        diary_import.run(quick),
        diary_import_postgres.run(quick),
        diary_page.run(quick),
        insights_speed.run(quick),
        report_speed.run(quick),
        *http_speed.run(quick),
        *clinic_load.run(quick),
        clinic_dashboard.run(quick),
        *sqlite_load.run(quick),
        *web_speed.run(quick),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for a smoke run")
    options = parser.parse_args()
    outcomes = run(options.quick)
    if options.json:
        machine = {"python": platform.python_version(), "machine": platform.machine()}
        print(json.dumps({"machine": machine, "results": [o.as_json() for o in outcomes]}))
        return
    table = Table(title="spasmcare benchmarks")
    for column in ("benchmark", "figure", "unit", "baseline", "ratio", "target", "met"):
        table.add_column(column)
    for o in outcomes:
        table.add_row(
            o.name, str(o.figure), o.unit, "" if o.baseline is None else str(o.baseline),
            "" if o.ratio is None else f"{o.ratio}x", o.target,
            "yes" if o.met else "[red]no[/red]",
        )  # fmt: skip
    Console().print(table)


if __name__ == "__main__":
    main()

"""`spasmcare eval`: run a vignette file and score the answers."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def evaluate(
    file: Path = typer.Argument(..., help="Vignettes, one JSON object a line (case-format 3)."),
    results: Path = typer.Option(..., "--results", help="Where to write one result line each."),
    json_output: bool = typer.Option(False, "--json", help="Print the summary as one JSON object."),
) -> None:
    """Assess every vignette, write the answers, and print the triage and cause metrics."""
    from spasmcare.evaluation import run, summarise

    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        typer.echo(f"error: cannot read {file}: {error.strerror}", err=True)
        raise typer.Exit(2) from None
    records = list(run(lines))
    with results.open("w", encoding="utf-8") as out:
        for record in records:
            public = {k: v for k, v in record.items() if k != "expected"}
            out.write(json.dumps(public, ensure_ascii=False) + "\n")
    summary = summarise(records)
    if json_output:
        typer.echo(json.dumps(summary.as_json(), indent=2))
    else:
        _print(summary)


def _print(summary: object) -> None:
    from rich.console import Console
    from rich.table import Table

    from spasmcare.evaluation import Summary
    from spasmcare.vocabulary import DISPOSITIONS

    assert isinstance(summary, Summary)
    console = Console()
    metrics = Table("metric", "value", title="Evaluation")
    for name, value in summary.as_json().items():
        if name not in ("confusion", "calibration"):
            metrics.add_row(name, "n/a" if value is None else str(value))
    metrics.add_row("serious-cause Brier score", str(summary.calibration.get("brier", "n/a")))
    console.print(metrics)
    reliability = Table(
        "predicted", "pairs", "mean predicted", "observed", title="Serious causes: reliability"
    )
    for row in summary.calibration.get("reliability", []):
        reliability.add_row(
            row["bin"], str(row["n"]), str(row["mean_predicted"]), str(row["observed"])
        )
    console.print(reliability)
    matrix = Table("expected \\ answered", *DISPOSITIONS, title="Confusion matrix")
    for expected, row in summary.confusion.items():
        matrix.add_row(expected, *(str(row[a]) for a in DISPOSITIONS))
    console.print(matrix)

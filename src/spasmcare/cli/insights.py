"""`spasmcare insights` and `spasmcare report`: what the diary shows, and the clinician PDF.

Both work on the local diary only; nothing leaves the machine. Heavy imports (matplotlib,
reportlab) stay inside the commands so `spasmcare --version` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from spasmcare import clock
from spasmcare.cli.diary import HOME, fail, moment, opened


def insights(
    json_output: bool = typer.Option(False, "--json", help="Print one JSON object."),
    charts_dir: Path | None = typer.Option(
        None, "--charts", help="Also write each chart as SVG and PNG into this folder."
    ),
    home: Path | None = HOME,
) -> None:
    """What your diary shows: how often, when, where, how painful, triggers and what helped."""
    from spasmcare.services import insights as service

    with opened(home) as store:
        found = service.of(store)
    written: list[Path] = []
    if charts_dir is not None:
        from spasmcare.insights import charts

        try:
            written = charts.save(charts.charts(found), charts_dir)
        except OSError as error:
            fail(f"--charts: {charts_dir}: {error.strerror}")
    if json_output:
        data = service.as_json(found)
        data["chart_files"] = [str(p) for p in written]
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    typer.echo(found.summary)
    for line in filter(None, [*service.readings(found), *found.caveats]):
        typer.echo(f"- {line}")
    if written:
        typer.echo(f"Wrote {len(written)} chart files to {charts_dir}.")


def report(
    out: Path = typer.Option(..., "--out", help="The PDF file to write."),
    since: str | None = typer.Option(
        None, "--since", help="Only episodes on or after DATE (ISO 8601 or e.g. '2 weeks ago')."
    ),
    name: str | None = typer.Option(None, "--name", help="A name to print (not stored)."),
    include_age: bool = typer.Option(False, "--include-age/--no-include-age",
                                     help="Show your age from the profile."),
    include_sex: bool = typer.Option(False, "--include-sex/--no-include-sex",
                                     help="Show your sex from the profile."),
    home: Path | None = HOME,
) -> None:  # fmt: skip
    """Write a one-to-three-page PDF summary for a clinician (made on this machine only)."""
    from spasmcare.services.reports import Who, build

    now = clock.now()
    start = moment("--since", since)
    with opened(home) as store:
        try:
            build(store, out, now, start, Who(name, include_age, include_sex))
        except OSError as error:
            fail(f"--out: {out}: {error.strerror}")
    typer.echo(f"Wrote the clinician report to {out}.")

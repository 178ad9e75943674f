"""`spasmcare kb`: check the knowledge base and render it for clinical review."""

from __future__ import annotations

import json
from pathlib import Path

import typer

app = typer.Typer(help="Check and render the clinical knowledge base.", no_args_is_help=True)

DirOption = typer.Option(None, "--dir", help="A knowledge-base folder (default: the shipped one).")


@app.command()
def check(
    json_output: bool = typer.Option(False, "--json", help="Print one JSON object."),
    directory: Path | None = DirOption,
) -> None:
    """Validate every file and cross-reference; exit 1 when anything is wrong."""
    from rich.console import Console

    from spasmcare.kb.load import check as run_check
    from spasmcare.kb.load import default_directory

    report = run_check(directory or default_directory())
    if json_output:
        typer.echo(json.dumps(report.as_json(), indent=2))
    else:
        console = Console()
        status = "[green]ok[/green]" if report.ok else "[red]errors[/red]"
        console.print(f"Knowledge base: {status}")
        for name, count in report.counts.items():
            console.print(f"  {name.replace('_', ' ')}: {count}")
        for problem in report.errors:
            console.print(f"[red]error[/red] {problem}", markup=True, highlight=False)
        for problem in report.warnings:
            console.print(f"[yellow]warning[/yellow] {problem}", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def handbook(
    out: Path = typer.Option(
        ..., "--out", help="Folder to write handbook.html and handbook.md to."
    ),
    directory: Path | None = DirOption,
) -> None:
    """Render the whole knowledge base as a handbook for clinical review (HTML and Markdown)."""
    from spasmcare.kb.handbook import write
    from spasmcare.kb.load import KnowledgeBaseError, default_directory, load

    try:
        kb = load(directory or default_directory())
    except KnowledgeBaseError as error:
        typer.echo(f"The knowledge base has errors; run `spasmcare kb check`.\n{error}", err=True)
        raise typer.Exit(1) from None
    for path in write(kb, out):
        typer.echo(f"wrote {path}")

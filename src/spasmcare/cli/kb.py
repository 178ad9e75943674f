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


CHECK_IN: dict[str, str] = {
    "snomed_ct": "the SNOMED CT International release files or SNOMED International's browser",
    "loinc": "the LOINC release files or LOINC's own search",
    "icd10": "WHO's ICD-10 browser",
    "icd10_cm": "the ICD-10-CM release files (CDC/CMS)",
    "rxnorm": "the RxNorm release files or RxNav (NLM)",
    "atc": "the WHO Collaborating Centre's ATC/DDD index",
}
"""Where a code of each terminology is verified: its own browser or release files."""


@app.command()
def codes(
    json_output: bool = typer.Option(False, "--json", help="Print one JSON object."),
    directory: Path | None = DirOption,
) -> None:
    """List the codes that await verification (exported as text only until then), and where
    to check each; verified codes show where and when they were checked."""
    from spasmcare.kb.load import default_directory, load

    kb = load(directory or default_directory())
    waiting = [c for c in kb.codes if c.status != "verified"]
    done = [c for c in kb.codes if c.status == "verified"]
    if json_output:
        typer.echo(json.dumps({
            "awaiting": [{"id": c.id, "concept": c.concept, "system": c.system, "code": c.code,
                          "display": c.display, "status": c.status,
                          "check_in": CHECK_IN[c.system]} for c in waiting],
            "verified": [{"id": c.id, "concept": c.concept, "system": c.system, "code": c.code,
                          "checked_against": c.checked_against, "checked_on": c.checked_on}
                         for c in done],
        }, indent=2))  # fmt: skip
        return
    typer.echo(f"{len(waiting)} of {len(kb.codes)} codes await verification; until then each "
               "is exported as text only.")  # fmt: skip
    for system in CHECK_IN:
        mine = [c for c in waiting if c.system == system]
        if mine:
            typer.echo(f"\n{system} ({len(mine)}), to check in {CHECK_IN[system]}:")
        for c in mine:
            typer.echo(f"  {c.code}  {c.display}  [{c.concept}; {c.status}; {c.id}]")
    if done:
        typer.echo(f"\nverified ({len(done)}):")
    for c in done:
        typer.echo(f"  {c.system} {c.code}  {c.display}  [{c.checked_against}, {c.checked_on}]")


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

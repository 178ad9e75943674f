"""`spasmcare assess`: assess a case from a file, or interactively by asking questions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from spasmcare.cli.diary import HOME, opened


def assess(
    case: Path | None = typer.Option(
        None, "--case", help="A case file in the case format (JSON); '-' reads standard input."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
    save: bool | None = typer.Option(
        None, "--save/--no-save",
        help="Keep the assessment in your diary (after questions, you are asked unless given).",
    ),
    home: Path | None = HOME,
) -> None:  # fmt: skip
    """Assess an episode: from a case file, or by answering questions when no file is given."""
    from spasmcare.case import CaseError
    from spasmcare.services.assessments import assess as run

    if case is None:
        raw: Any = _interview()
    else:
        try:
            raw = sys.stdin.read() if str(case) == "-" else case.read_text(encoding="utf-8")
        except OSError as error:
            _fail(json_output, [{"key": "case", "value": str(case), "message": error.strerror}])
    try:
        result = run(raw)
    except CaseError as error:
        _fail(json_output, error.as_json())
    if json_output:
        typer.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        from spasmcare.cli.render import show_result

        show_result(result)
    if save is None and case is None and not json_output and sys.stdin.isatty():
        save = typer.confirm("\nSave this assessment to your diary, to follow it up?",
                             default=True)  # fmt: skip
    if save:
        _save(raw if isinstance(raw, dict) else json.loads(raw), result, home, json_output)
    elif case is None and not json_output:
        typer.echo("Not saved. To keep the next one: spasmcare assess --save")


def _save(answers: dict[str, Any], result: Any, home: Path | None, quiet: bool) -> None:
    from spasmcare import clock
    from spasmcare.services.assessments import save

    with opened(home) as store:
        episode, saved = save(store, answers, result.as_json(), clock.now())
    if not quiet:
        typer.echo(f"Saved as assessment {saved.id} with episode {episode.id}; check in after "
                   f"{saved.follow_up_due:%Y-%m-%d} with `spasmcare checkin`.")  # fmt: skip


def _fail(json_output: bool, errors: list[dict[str, Any]]) -> None:
    if json_output:
        typer.echo(json.dumps({"error": "invalid case", "errors": errors}, indent=2))
    else:
        for error in errors:
            typer.echo(f"error: {error['key']}: {error['message']}", err=True)
    raise typer.Exit(2)


def _interview() -> dict[str, Any]:
    from rich.console import Console

    from spasmcare.cli.prompts import Back, Quit, ask
    from spasmcare.kb.load import load_default
    from spasmcare.services.assessments import State

    kb = load_default()
    console = Console()
    console.print(f"[bold]spasmcare[/bold]: {kb.manifest.disclaimer}")
    state = State.start(None)
    while (question := state.current(kb)) is not None:
        try:
            value, shown = ask(console, kb, question)
        except Back:
            state.back(kb)
            continue
        except Quit:
            console.print(
                "Stopped: no assessment was made. If you are worried, contact a "
                "doctor, nurse or pharmacist."
            )
            raise typer.Exit(1) from None
        state.apply(kb, question, value, shown)
    return state.answers(kb)

"""The command line: one module per command group, imported only when its command runs."""

from __future__ import annotations

import typer

from spasmcare import __version__
from spasmcare.cli import assess, clinic, diary, evaluate, kb, serve
from spasmcare.cli import insights as insights_cli

app = typer.Typer(
    help="spasmcare: assessment and self-care for muscle spasms and cramps. "
    "Information and triage support, not a diagnosis.",
    no_args_is_help=False,
    add_completion=False,
)
app.add_typer(kb.app, name="kb")
app.command("assess")(assess.assess)
app.command("eval")(evaluate.evaluate)
app.add_typer(diary.app, name="diary")
for _name, _command in diary.COMMANDS.items():
    app.command(_name)(_command)
app.command("insights")(insights_cli.insights)
app.command("report")(insights_cli.report)
app.command("serve")(serve.serve)
app.add_typer(clinic.users, name="users")
app.add_typer(clinic.tokens, name="tokens")


def _version(show: bool) -> None:
    if show:
        typer.echo(f"spasmcare {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """With no command, start the web app on this machine (see `spasmcare serve`)."""
    if ctx.invoked_subcommand is None:
        serve.serve(host="127.0.0.1", port=8000, multi_user=False, home=None)


def main() -> None:
    app()

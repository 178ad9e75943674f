"""The command line: one module per command group, imported only when its command runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

from spasmcare.cli.flags import untype_flags
from spasmcare.version import __version__

if TYPE_CHECKING:
    from typer._click import Command

# Each command: the module in spasmcare.cli that defines it and the name of its function (a
# command) or Typer app (a group of commands), in the order `spasmcare --help` lists them.
COMMANDS = {
    "assess": ("assess", "assess"),
    "eval": ("evaluate", "evaluate"),
    "log": ("diary", "log"),
    "profile": ("diary", "profile"),
    "checkin": ("diary", "checkin"),
    "export": ("diary", "export"),
    "import": ("diary", "import_"),
    "backup": ("diary", "backup"),
    "demo": ("diary", "demo"),
    "forget": ("diary", "forget"),
    "insights": ("insights", "insights"),
    "report": ("insights", "report"),
    "serve": ("serve", "serve"),
    "kb": ("kb", "app"),
    "diary": ("diary", "app"),
    "users": ("clinic", "users"),
    "tokens": ("clinic", "tokens"),
}


def _build(name: str) -> Command:
    module, attribute = COMMANDS[name]
    target = getattr(import_module(f"spasmcare.cli.{module}"), attribute)
    if isinstance(target, typer.Typer):
        command: Command = typer.main.get_group(target)
    else:
        single = typer.Typer(add_completion=False)
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


class _Commands(MutableMapping[str, "Command"]):
    """The commands by name, each built on first use: running one command imports only its
    module and reads only its options, which keeps start-up fast."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS.keys() | self._built.keys())


class _LazyGroup(TyperGroup):
    def __init__(self, **attrs: object) -> None:
        super().__init__(**attrs)  # type: ignore[arg-type]
        self.commands = _Commands()


untype_flags()
app = typer.Typer(
    cls=_LazyGroup,
    help="spasmcare: assessment and self-care for muscle spasms and cramps. "
    "Information and triage support, not a diagnosis.",
    no_args_is_help=False,
    add_completion=False,
)


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
        # Through the command table, like every command: the package imports none of its
        # modules itself. Its defaults: this machine, port 8000, one person, the usual home.
        serve = ctx.command.get_command(ctx, "serve")  # type: ignore[attr-defined]
        serve.main(args=[], prog_name="spasmcare serve", standalone_mode=False)


def main() -> None:
    try:
        app()
    finally:
        # Everything is freed with the process: without this, the interpreter's last collections
        # walk and tear down every object (the knowledge base, pydantic's schemas) one by one.
        gc.freeze()

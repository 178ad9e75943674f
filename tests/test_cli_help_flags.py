"""Every command's --help shows a flag by its name (or its pair, `--save / --no-save`), never
with a `<bool>` value type it does not take."""

from __future__ import annotations

from typer.main import get_command
from typer.testing import CliRunner

from spasmcare.cli import COMMANDS, app

runner = CliRunner()


def _every_command() -> list[list[str]]:
    """The argument lists of every command and sub-command, e.g. ["diary", "list"]."""
    root = get_command(app)
    context = root.make_context("spasmcare", [], resilient_parsing=True)
    found: list[list[str]] = [[]]
    for name in COMMANDS:
        command = root.get_command(context, name)  # type: ignore[attr-defined]
        found.append([name])
        if hasattr(command, "list_commands"):  # a group
            found += [[name, sub] for sub in command.list_commands(context)]
    return found


def test_no_help_shows_a_type_on_a_flag() -> None:
    commands = _every_command()
    assert len(commands) > len(COMMANDS) + 3  # groups' sub-commands included
    for args in commands:
        shown = runner.invoke(app, [*args, "--help"], terminal_width=120)
        assert shown.exit_code == 0, (args, shown.output)
        assert "<bool>" not in shown.output, (args, shown.output)
        assert "--help" in shown.output


def test_a_flag_pair_is_shown_by_its_two_names() -> None:
    shown = runner.invoke(app, ["assess", "--help"], terminal_width=120).output
    line = next(x for x in shown.splitlines() if "--no-save" in x)
    assert "--save" in line and "Keep the assessment" in line
    assert "<path>" in next(x for x in shown.splitlines() if "--case" in x)  # values keep types

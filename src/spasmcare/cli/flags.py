"""Help without a value type on flags: `--json` takes no value, so `--help` must not show
`<bool>` beside it (typer's rich help shows every option's type, flags included). A pair such
as `--save/--no-save` is shown by its two names, which say all there is to know."""

from __future__ import annotations

from typing import Any

from typer.core import TyperOption

_typed = TyperOption.display_type_rich


def _display_type_rich(self: TyperOption, ctx: Any) -> str | None:
    return None if self.is_flag and self.metavar is None else _typed(self, ctx)


def untype_flags() -> None:
    """Show no value type for flags in every command's help (idempotent)."""
    setattr(TyperOption, "display_type_rich", _display_type_rich)  # noqa: B010

"""`spasmcare import` of a FHIR file: the report of what it read, used and left out, and a
question before anything from another system's record is stored."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from spasmcare import vocabulary as v

if TYPE_CHECKING:
    from spasmcare.services.diary import Store


def imported(
    store: Store, file: Path, now: datetime, yes: bool, region: str | None,
    watch: Callable[[], AbstractContextManager[Callable[[str, bool], None]]] | None = None,
) -> tuple[int, dict[str, int]]:  # fmt: skip
    """Show the report, ask (unless ``yes``) when the file comes from another system, store
    it; the episodes added and the other records by kind. Exits 1 when nothing is stored."""
    from spasmcare.diary.model import Assessment
    from spasmcare.services import imports

    if region is not None and region not in v.REGIONS:
        typer.echo(f"error: --region: {region!r} is not allowed; allowed: "
                   + ", ".join(v.REGIONS), err=True)  # fmt: skip
        raise typer.Exit(2)
    # A large file takes a while to read and check: ``watch`` shows how far it is.
    with (watch or nullcontext)() as seen:
        found = imports.preview(store, file, now, region, seen)
    for line in found.report.lines():
        typer.echo(line)
    if not found.report.usable:
        typer.echo(f"Nothing in {file} is something spasmcare can import; nothing changed.")
        raise typer.Exit(1)
    if found.report.foreign and not yes:
        n, changes = found.episodes, " and the profile changes" if found.report.changes else ""
        question = f"Bring these into your diary ({n} episode{'' if n == 1 else 's'}{changes})?"
        if not typer.confirm(question, default=False):
            typer.echo("Nothing imported.")
            raise typer.Exit(1)
    count = imports.apply(store, found)
    saved = sum(isinstance(r, Assessment) for r in found.records)
    return count, {"assessment": saved, "checkin": 0}

"""How far a long export is, on standard error (the file, or standard output, stays clean).

The service layer tells each stage (``services.exports.Progress``); this only shows it: a live
bar on a terminal, and otherwise a plain line at each stage and every tenth of the episodes,
for logs. A small diary exports in a blink and shows nothing.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from spasmcare.services.exports import Progress

LARGE: Final = 5_000
"""Episodes from which an export shows its progress (about half a second of work)."""


class ExportProgress:
    """Called with each ``Progress``; ``close`` when the export has ended, however it ended."""

    def __init__(self) -> None:
        self.shown = False
        self.bar: Any = None
        self.task: Any = None
        self.told = -1
        """The last tenth of the episodes told in plain lines."""

    def __call__(self, progress: Progress) -> None:
        if progress.stage == "reading":
            self.shown = progress.total >= LARGE
        if not self.shown:
            return
        if sys.stderr.isatty():
            self._draw(progress)
        else:
            self._line(progress)

    def _draw(self, progress: Progress) -> None:
        if self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), console=Console(stderr=True),
                                transient=True)  # fmt: skip
            self.task = self.bar.add_task("Reading the diary", total=None)
            self.bar.start()
        if progress.stage == "writing":
            self.bar.update(self.task, description="Writing episodes", total=progress.total,
                            completed=progress.done)  # fmt: skip

    def _line(self, progress: Progress) -> None:
        if progress.stage == "reading":
            print(f"Reading the diary ({progress.total} episodes)...", file=sys.stderr)
            return
        tenth = progress.done * 10 // max(1, progress.total)
        if progress.stage == "writing" and tenth > self.told:
            self.told = tenth
            print(f"Writing: {progress.done} of {progress.total} episodes", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()

"""Files and folders only their owner can read: the diary database, its WAL, exports, backups
and reports hold health data, and another account on the same machine must not read them.

The permissions are given when each file is created (``os.open``'s mode, ``mkdir``'s mode), so
there is no moment when a file exists readable by others; the process umask is left alone (it
is shared by every thread). SQLite creates its WAL and shared-memory files with the database
file's permissions, so creating the database file privately covers them too.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, BinaryIO, Final, TextIO, cast

FILE_MODE: Final = 0o600
FOLDER_MODE: Final = 0o700


def folder(path: Path) -> None:
    """Make ``path`` (and missing parents) as a folder only its owner can enter; an existing
    folder keeps the permissions its owner gave it."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)


def create(path: Path) -> None:
    """Create ``path`` as an empty file only its owner can read, unless it exists."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def new_text(path: Path, **options: Any) -> TextIO:
    """A new text file at ``path`` (any old one is replaced), readable by its owner only;
    ``options`` go to ``open`` (encoding, newline)."""
    return cast(TextIO, os.fdopen(_new(path), "w", **options))


def new_binary(path: Path) -> BinaryIO:
    """A new binary file at ``path`` (any old one is replaced), readable by its owner only."""
    return cast(BinaryIO, os.fdopen(_new(path), "wb"))


def _new(path: Path) -> int:
    path.unlink(missing_ok=True)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)

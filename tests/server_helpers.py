"""Shared by the tests that start a real server process: a free port, and the process itself."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from benchmarks.servers import _wait_for, free_port

__all__ = ["free_port", "serving"]


@contextmanager
def serving(command: Sequence[str], env: Mapping[str, str], ready: str, **popen: object
            ) -> Iterator[subprocess.Popen[bytes]]:  # fmt: skip
    """The process of ``command``, once ``ready`` (a URL) answers; stopped afterwards."""
    process = subprocess.Popen(list(command), env=dict(env), **popen)  # type: ignore[call-overload]
    try:
        _wait_for(ready)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)

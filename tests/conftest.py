from __future__ import annotations

import os
import shutil
import weakref
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Connection, Engine, event

from spasmcare import clock
from spasmcare.kb.load import KnowledgeBase, default_directory, load_default

# CI runs the same examples every time (`.ci/run` sets HYPOTHESIS_PROFILE=ci), so a red build
# is always reproducible; locally each run explores new examples.
settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _close_apps() -> Iterator[None]:
    """Close the apps a test made (their database connections) when it ends."""
    from tests.web_helpers import OPEN_APPS

    yield
    while OPEN_APPS:
        OPEN_APPS.pop().state.web.close()


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_default()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge base."""
    target = tmp_path / "knowledge"
    shutil.copytree(default_directory(), target)
    return target


@pytest.fixture(autouse=True)
def _engines_closed_after_each_test() -> Iterator[None]:
    """Close the pooled connections of every database engine a test used. The apps and stores
    a test makes are not always closed by it, and their idle PostgreSQL connections would
    otherwise pile up across the suite until the server refuses new clients."""
    used: weakref.WeakSet[Engine] = weakref.WeakSet()

    def remember(connection: Connection) -> None:
        used.add(connection.engine)

    event.listen(Engine, "engine_connect", remember)
    try:
        yield
    finally:
        event.remove(Engine, "engine_connect", remember)
        for engine in list(used):
            engine.dispose()


@pytest.fixture
def stopped_clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The one clock stopped at a fixed moment (move it by changing the list's item), so
    waits measured in seconds do not run out while a loaded machine is still answering."""
    moment = [clock.now()]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    return moment

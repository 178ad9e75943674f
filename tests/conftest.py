from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

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

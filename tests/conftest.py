from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spasmcare.kb.load import KnowledgeBase, default_directory, load_default


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_default()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge base."""
    target = tmp_path / "knowledge"
    shutil.copytree(default_directory(), target)
    return target

"""The cached knowledge base: the same answers as a full load, whatever state the cache is in."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spasmcare.engine.assess import assess
from spasmcare.kb import load as kb_load
from spasmcare.kb.load import KnowledgeBase, KnowledgeBaseError, check, load

CASES = [
    {"region": "calf", "age": 70, "time_of_day": "night", "duration_minutes": 3},
    {"region": "jaw", "associated": ["trismus"], "recent": ["wound_soil"]},
]
DISCLAIMER = b"spasmcare gives information and triage support"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPASMCARE_CACHE", str(folder))
    return folder


def answers(kb: KnowledgeBase) -> list[dict[str, Any]]:
    return [assess(case, kb).as_json() for case in CASES]


def cached_files(folder: Path) -> list[Path]:
    return list(folder.glob("kb-*.pickle"))


def not_called(directory: Path) -> None:
    raise AssertionError("the knowledge base was checked again")


def test_an_unchanged_knowledge_base_is_read_from_the_cache(
    kb_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(kb_copy)
    assert len(cached_files(cache)) == 1
    monkeypatch.setattr(kb_load, "check", not_called)
    again = load(kb_copy)
    assert again.version == first.version
    assert answers(again) == answers(first)


def with_checksum(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest() + payload


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "not a pickle": lambda data: b"\x00not a pickle" * 40,
    "the disclaimer changed": lambda data: data.replace(DISCLAIMER, DISCLAIMER.upper(), 1),
    "a pickle of something else": lambda data: with_checksum(pickle.dumps({"manifest": 1})),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_cache_gives_the_same_answers_as_no_cache(
    kb_copy: Path, cache: Path, damage: Callable[[bytes], bytes]
) -> None:
    expected = answers(load(kb_copy))
    [cached] = cached_files(cache)
    damaged = damage(cached.read_bytes())
    assert damaged != cached.read_bytes()
    cached.write_bytes(damaged)
    assert answers(load(kb_copy)) == expected
    assert cached.read_bytes() != damaged  # replaced by a good copy


def test_an_edited_knowledge_base_is_checked_again(kb_copy: Path, cache: Path) -> None:
    load(kb_copy)
    manifest = kb_copy / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("version: 2026.11.0", "version: 2099.1.0"), encoding="utf-8")
    assert load(kb_copy).manifest.version == "2099.1.0"
    assert len(cached_files(cache)) == 1  # the old copy is gone

    manifest.write_text(text.replace("disclaimer:", "disclaimers:"), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"manifest\.yaml"):
        load(kb_copy)
    assert not check(kb_copy).ok


def test_a_cache_that_cannot_be_written_only_costs_time(
    kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setenv("SPASMCARE_CACHE", str(blocker))
    assert answers(load(kb_copy)) == answers(load(kb_copy))


def test_the_command_line_answers_the_same_with_a_new_cached_or_damaged_cache(
    tmp_path: Path,
) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASES[1]))
    env = {**os.environ, "SPASMCARE_CACHE": str(tmp_path / "cache")}

    def run() -> str:
        command = [sys.executable, "-m", "spasmcare", "assess", "--case", str(case), "--json"]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    fresh = run()
    assert json.loads(fresh)["disposition"] == "emergency"
    assert run() == fresh
    [cached] = cached_files(tmp_path / "cache")
    cached.write_bytes(cached.read_bytes()[:1000])
    assert run() == fresh


def test_editing_a_knowledge_file_leaves_one_parsed_copy_of_it(kb_copy: Path, cache: Path) -> None:
    load(kb_copy)
    dispositions = kb_copy / "dispositions.yaml"
    for edit in ("# reviewed\n", "# reviewed again\n"):
        dispositions.write_text(dispositions.read_text() + edit)
        load(kb_copy)
    assert len(list(cache.glob("kb-dispositions-*.json"))) == 1
    assert len(list(cache.glob("kb-red_flags-*.json"))) == 1
    assert len(cached_files(cache)) == 1

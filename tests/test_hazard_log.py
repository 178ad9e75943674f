"""The hazard log cannot drift from the code: every control and test it names exists."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOG = (ROOT / "docs" / "clinical-safety" / "hazard-log.md").read_text()
ROWS = [line for line in LOG.splitlines() if re.match(r"\| H\d\d \|", line)]


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip("|").split("|")]


def named(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_the_log_lists_every_hazard_the_clinical_review_found() -> None:
    assert len(ROWS) >= 25
    for row in ROWS:
        hazard_id, hazard, cause, effect, controls, tests, initial, residual = cells(row)
        assert hazard and cause and effect, hazard_id
        assert named(controls), f"{hazard_id} names no control"
        assert named(tests), f"{hazard_id} names no test"
        assert 1 <= int(residual) <= int(initial) <= 5, hazard_id


def known_ids(kb) -> set[str]:
    from spasmcare import vocabulary as v

    return (
        {f.id for f in kb.red_flags}
        | set(kb.causes)
        | {q.id for q in kb.questions}
        | {s.id for s in kb.steps}
        | set(kb.sources)
        | set(v.ASSOCIATED)
        | set(v.RECENT)
    )


@pytest.mark.parametrize("row", ROWS, ids=lambda r: cells(r)[0])
def test_every_control_named_exists(kb, row: str) -> None:
    ids = known_ids(kb)
    for control in named(cells(row)[4]):
        if control.startswith("spasmcare."):
            module, _, attribute = control.rpartition(".")
            assert hasattr(importlib.import_module(module), attribute), control
        else:
            assert control in ids, f"{cells(row)[0]}: {control} is not in the knowledge base"


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


@pytest.mark.parametrize("row", ROWS, ids=lambda r: cells(r)[0])
def test_every_test_named_exists(row: str) -> None:
    for test in named(cells(row)[5]):
        file, _, name = test.partition("::")
        path = ROOT / file
        assert path.is_file(), test
        assert name.startswith("test_") and name in functions_in(path), test

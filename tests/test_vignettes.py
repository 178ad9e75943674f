"""The clinical bar, measured on the vignette set (each vignette cites its public source)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spasmcare.evaluation import run, summarise

VIGNETTES = sorted((Path(__file__).parent / "vignettes").glob("*.jsonl"))


@pytest.fixture(scope="module")
def records(kb):
    lines = [line for path in VIGNETTES for line in path.read_text().splitlines()]
    return list(run(lines, kb))


def test_the_set_is_large_and_covers_every_disposition() -> None:
    vignettes = [
        json.loads(line)
        for path in VIGNETTES
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    assert len(vignettes) >= 80
    assert {v["expected_disposition"] for v in vignettes} == {
        "emergency",
        "urgent",
        "soon",
        "routine",
        "self_care",
    }
    assert all(v.get("source") for v in vignettes)


def test_every_vignette_is_a_valid_case(records) -> None:
    assert [r for r in records if "error" in r] == []


def test_no_emergency_is_missed(records) -> None:
    missed = [
        r["id"]
        for r in records
        if r["expected"]["expected_disposition"] == "emergency" and r["disposition"] != "emergency"
    ]
    assert missed == []
    assert summarise(records).emergency_sensitivity == 1.0


def test_triage_meets_the_bar(records) -> None:
    summary = summarise(records)
    assert summary.triage_appropriate >= 0.90
    assert summary.under_triage <= 0.05
    assert summary.over_triage_self_care_to_urgent is not None
    assert summary.over_triage_self_care_to_urgent <= 0.05


def test_the_expected_cause_is_in_the_top_three(records) -> None:
    summary = summarise(records)
    assert summary.cause_top3 is not None and summary.cause_top3 >= 0.80

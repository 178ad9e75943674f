"""Any text a person types shows as typed in the charts and in the PDF reports: a trigger
written ``$\\frac$`` is not read as maths (matplotlib's mathtext), and neither is ``$x^2$``.
The charts are written as PDF with real text, and read back with poppler's pdftotext."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import matplotlib
import pytest
from fastapi.testclient import TestClient

from spasmcare.app import WebConfig, create_app
from spasmcare.config import Settings
from spasmcare.diary import model
from spasmcare.diary.store import Store
from spasmcare.insights import charts
from spasmcare.insights.wording import describe
from spasmcare.report.content import Who
from spasmcare.report.pdf import render
from spasmcare.services.reports import content_of

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler is not installed")
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TYPED = ("$\\frac$", "$x^2$", "a \\n b", "$5 or $10", "naïve café ü", "\\alpha $")
"""Maths for mathtext, an unbalanced dollar, a typed backslash-n, unicode."""


def _episodes() -> list[model.Episode]:
    found = []
    for n in range(24):
        typed = TYPED[n % len(TYPED)]
        raw = {"started_at": NOW - timedelta(days=n, hours=3), "region": "calf", "severity": 4,
               "triggers": [typed], "helped": [f"{typed}=a_lot"], "notes": typed}  # fmt: skip
        found.append(model.episode(raw, NOW))
    return found


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True)  # fmt: skip
    return " ".join(done.stdout.split())


@pytest.mark.parametrize("name", ["triggers", "what_helped"])
def test_typed_text_shows_as_typed_in_the_charts(name: str, tmp_path: Path) -> None:
    made = {c.name: c for c in charts.charts(describe(_episodes(), NOW))}
    out = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):  # text pdftotext can read back
        made[name].figure.savefig(out, format="pdf")
    text = _text(out.getvalue(), tmp_path)
    for typed in TYPED:
        assert " ".join(typed.split()) in text, typed
    made[name].png()  # and it draws as a picture


@pytest.fixture
def single_person(tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    home = tmp_path / "home"
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}")
    with Store(settings) as store:
        for e in _episodes():
            store.add_episode(e)
        with TestClient(create_app(WebConfig(settings)), base_url="http://127.0.0.1") as client:
            yield client, store


def test_the_reports_and_chart_pages_take_any_typed_text(
    single_person: tuple[TestClient, Store], tmp_path: Path
) -> None:
    client, store = single_person
    for chart in ("triggers", "what_helped", "pain_over_time"):
        assert client.get(f"/insights/chart/{chart}.png").status_code == 200, chart
    assert client.get("/insights").status_code == 200
    report = client.get("/report.pdf")
    assert report.status_code == 200
    # its charts are pictures (the tests above read their text); the readings name a trigger
    assert "for $5 or $10" in _text(report.content, tmp_path)
    # the clinician's report is the same document, made for them
    clinician = _text(render(content_of(store, NOW, None, Who(name="Ann"))), tmp_path)
    assert "for $5 or $10" in clinician and "Ann" in clinician

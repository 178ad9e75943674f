"""The clinician report: it opens, holds every section, and its first page renders with the
disposition banner in its colour. Text is extracted with poppler's pdftotext, the page drawn
with pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.config import Settings
from spasmcare.diary import actions, demo
from spasmcare.diary.model import Profile
from spasmcare.diary.store import Store
from spasmcare.report.clinical import third_person
from spasmcare.report.pdf import BANNER
from spasmcare.services.reports import Who, build

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdftoppm"),
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)
NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    home = tmp_path / "home"
    with Store(Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}")) as s:
        s.save_profile(Profile(age=71, sex="female", medications=("bendroflumethiazide",
                                                                  "paracetamol")))  # fmt: skip
        s.load(demo.episodes(120, seed=5, now=NOW - timedelta(minutes=5)))
        actions.reassess(s, NOW)
        yield s


def text_of(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def test_the_report_holds_every_section(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    content = build(store, out, NOW, who=Who(name="Ann Example", include_age=True))
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(text_of(out).split())
    for section in ("Who", "Latest assessment", "Red flags", "Red-flag questions and answers",
                    "Likely causes", "Episode summary", "Medicines and conditions",
                    "Care plan and how it went", "Knowledge base and sources"):  # fmt: skip
        assert section in text, section
    assert "Name: Ann Example; Age: 71" in text
    assert "female" not in text.split("Latest assessment")[0]  # not chosen, not shown
    assert content.assessment is not None
    disposition = content.result["disposition"]
    assert f"Disposition: {disposition.replace('_', ' ').upper()}" in text
    assert "FLAGGED: grade A" in text  # a thiazide: cramp_link A in the knowledge base
    assert f"Knowledge base version {content.knowledge_version}" in text
    assert third_person(content.insights.summary).split(",")[0] in text
    assert 1 <= pages_of(out) <= 3


def test_the_first_page_renders_with_the_banner_colour(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    content = build(store, out, NOW)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    page = next(tmp_path.glob("page*.png"))
    with Image.open(page) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (331, 468)  # A4 at 40 dpi
        colours = dict((c, n) for n, c in rgb.getcolors(maxcolors=1_000_000) or [])
    banner = BANNER[content.result["disposition"]]
    wanted = tuple(int(banner[i : i + 2], 16) for i in (1, 3, 5))
    assert colours.get(wanted, 0) > 500, "the disposition banner is missing"
    white = colours.get((255, 255, 255), 0)
    assert white < rgb.size[0] * rgb.size[1] * 0.97, "the page is blank"


def test_an_empty_diary_still_gives_a_report(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store(Settings(home=home, database_url=f"sqlite:///{home / 'd.sqlite3'}")) as s:
        build(s, tmp_path / "r.pdf", NOW)
    text = text_of(tmp_path / "r.pdf")
    assert "NO ASSESSMENT SAVED" in text and "Not identified" in text


def test_the_commands_write_charts_and_the_report(tmp_path: Path) -> None:
    runner = CliRunner()
    home = str(tmp_path / "home")
    assert (
        runner.invoke(app, ["demo", "--episodes", "60", "--seed", "1", "--home", home]).exit_code
        == 0
    )
    done = runner.invoke(app, ["insights", "--home", home, "--charts", str(tmp_path / "c")])
    assert done.exit_code == 0, done.output
    assert "Your cramps" in done.output and (tmp_path / "c" / "time_of_day.svg").exists()
    since = (NOW - timedelta(days=30)).date().isoformat()
    done = runner.invoke(app, ["report", "--out", str(tmp_path / "r.pdf"), "--since", since,
                               "--home", home])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert f"from {since}" in text_of(tmp_path / "r.pdf")


def test_the_report_is_written_for_a_clinician(store: Store, tmp_path: Path) -> None:
    import re

    from spasmcare.kb.load import load_default
    from spasmcare.services import assessments

    case = {"region": "lower_back", "age": 71, "sex": "female", "duration_minutes": 30,
            "associated": ["saddle_numbness"]}  # fmt: skip
    result = assessments.result_of(load_default(), case).as_json()
    assessments.save(store, case, result, NOW)
    out = tmp_path / "report.pdf"
    build(store, out, NOW + timedelta(minutes=1))
    text = " ".join(text_of(out).split())
    body = text.split("Knowledge base and sources")[0]
    assert not re.search(r"\b(you|your|yourself)\b", body, re.IGNORECASE), re.findall(
        r".{40}\b(?:you|your)\b.{20}", body, re.IGNORECASE
    )
    assert "patient" in body
    # the red-flag answers as findings, the flag with its findings, the episodes with units
    assert "Present (1) Numbness between the legs" in text
    assert re.search(r"Absent \(\d+\)", text) and re.search(r"Not asked \(\d+\)", text)
    assert "Possible cauda equina syndrome" in text and "symptom: Numbness" in text
    for header in ("Started (local)", "Minutes", "Tried (how much it helped)"):
        assert header in text, header
    assert re.search(r"Duration median [\d.]+ min, longest 30 min", text)
    assert "Pain (NRS 0-10) median" in text
    assert "FLAGGED: grade A" in text
    # compact references: numbered, no web addresses, cited from the tables
    sources = text.split("Knowledge base and sources")[1]
    assert "[1]" in sources and "http" not in sources
    assert re.search(r"\[\d+(, \d+)*\]", body)

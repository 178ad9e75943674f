"""The charts are written as SVG and PNG, carry their reading, and are not blank."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from spasmcare.diary import demo
from spasmcare.insights import charts
from spasmcare.insights.wording import describe

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_every_chart_is_written_in_both_formats(tmp_path: Path) -> None:
    insights = describe(list(demo.episodes(300, seed=4, now=NOW)), NOW)
    made = charts.charts(insights)
    written = charts.save(made, tmp_path)
    assert {p.name for p in written} == {
        f"{c.name}.{form}" for c in made for form in ("svg", "png")
    }
    for c in made:
        svg = (tmp_path / f"{c.name}.svg").read_text()
        assert c.sentence.split()[0] in svg  # the reading is printed with the chart
        with Image.open(tmp_path / f"{c.name}.png") as image:
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
            assert colours is not None and len(colours) > 20, c.name
    body = (tmp_path / "body_regions.svg").read_text()
    assert "Front" in body and "Back" in body  # matplotlib keeps each text as a comment
    assert str(insights.regions.counts["calf"]) in body  # counts printed, not colour alone


def test_an_empty_diary_still_draws(tmp_path: Path) -> None:
    written = charts.save(charts.charts(describe([], NOW)), tmp_path, ("png",))
    assert len(written) == len(charts.MAKERS)

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


def _ticks(chart: charts.Chart, axis: str) -> list[str]:
    chart.figure.canvas.draw()
    ax = chart.figure.axes[0]
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels if t.get_text()]


def test_time_axes_show_dates_and_count_axes_whole_numbers() -> None:
    few = describe(list(demo.episodes(8, seed=3, now=NOW)), NOW)
    long = describe(list(demo.episodes(400, seed=3, now=NOW)), NOW)
    for found, shape in ((few, "%d %b %Y"), (long, "%b %Y")):
        made = {c.name: c for c in charts.charts(found)}
        for name in ("episodes_per_week", "pain_over_time"):
            labels = _ticks(made[name], "x")
            assert len(labels) >= 2, (name, labels)
            for label in labels:  # "17 Nov 2026", never a day number such as 20774
                day = datetime.strptime(label, shape).replace(tzinfo=UTC)
                assert found.first is not None
                assert abs((day - found.first).days) < 800, (name, label)
        for name, axis in (("episodes_per_week", "y"), ("time_of_day", "y"),
                           ("triggers", "x"), ("what_helped", "x")):  # fmt: skip
            labels = _ticks(made[name], axis)
            assert labels and all(t.isdigit() for t in labels), (name, labels)


def test_a_chart_with_nothing_recorded_says_so(tmp_path: Path) -> None:
    from spasmcare.diary.model import Episode

    one = [Episode(NOW.replace(hour=3), "calf")]  # no pain score, trigger or remedy
    made = {c.name: c for c in charts.charts(describe(one, NOW))}
    assert {n for n, c in made.items() if c.empty} == {"pain_over_time", "triggers", "what_helped"}
    charts.save(list(made.values()), tmp_path, ("svg",))
    for name, chart in made.items():
        svg = (tmp_path / f"{name}.svg").read_text()
        assert ("Nothing recorded yet" in svg) == chart.empty, name
        if chart.empty:  # no axes with an empty, meaningless scale
            assert chart.figure.axes == [] and "0.04" not in svg

"""The insight charts, as matplotlib figures saved to SVG and PNG (no pyplot: Agg, no window).

Readable in print and for colour-blind readers: Okabe-Ito colours and viridis shading, with
hatching, markers and printed numbers so nothing depends on colour alone. Each chart carries
its one-sentence reading; the PDF report and the web pages reuse the same figures.

Text a person typed (triggers, remedies, and the readings that name them) goes through
``shown`` first: matplotlib reads text between two ``$`` as maths, so ``$\\frac$`` would fail
to draw and ``$x^2$`` would show as a formula.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from matplotlib import colormaps, dates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from spasmcare import private
from spasmcare.insights import body_map
from spasmcare.insights.model import BAND_OF_HOUR, BANDS, Insights

OKABE_ITO: Final = {
    "blue": "#0072B2", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}  # fmt: skip
BAND_STYLE: Final = {
    "night": (OKABE_ITO["blue"], "///"),
    "morning": (OKABE_ITO["yellow"], ""),
    "afternoon": (OKABE_ITO["orange"], ".."),
    "evening": (OKABE_ITO["purple"], "xx"),
}
HELP_STYLE: Final = (
    ("a lot", OKABE_ITO["green"], ""),
    ("a little", OKABE_ITO["sky"], "//"),
    ("not at all", OKABE_ITO["vermillion"], "xx"),
)


@dataclass(frozen=True)
class Chart:
    """One chart: a short name (file stem), its title, its reading and the figure."""

    name: str
    title: str
    sentence: str
    figure: Figure
    empty: bool = False
    """Nothing recorded for it yet: the figure says so instead of drawing empty axes."""

    def png(self, dpi: int = 110) -> bytes:
        out = io.BytesIO()
        self.figure.savefig(out, format="png", dpi=dpi)
        return out.getvalue()


def shown(text: str) -> str:
    """Text to show exactly as typed: every ``$`` escaped, so that none starts maths (matplotlib
    turns ``\\$`` back into ``$``; there is no other markup in plain text)."""
    return text.replace("$", r"\$")


def charts(i: Insights, caption: bool = True) -> list[Chart]:
    """Every chart of the insights; ``caption`` prints the reading under each one."""
    made = [maker(i) for maker in MAKERS]
    if caption:
        for c in made:
            c.figure.text(0.02, 0.01, shown(textwrap.fill(c.sentence, 95)), fontsize=8, va="bottom")
    return made


def save(
    made: list[Chart], directory: Path, formats: tuple[str, ...] = ("svg", "png")
) -> list[Path]:
    """Write each chart in each format; returns the files written."""
    private.folder(directory)
    written = []
    for c in made:
        for form in formats:
            path = directory / f"{c.name}.{form}"
            with private.new_binary(path) as handle:  # charts show health data
                c.figure.savefig(handle, format=form, dpi=150, metadata=_metadata(form, c.title))
            written.append(path)
    return written


def _metadata(form: str, title: str) -> dict[str, str | None]:
    # No dates or software versions: the same diary gives the same files.
    if form == "svg":
        return {"Title": title, "Date": None, "Creator": None}
    return {"Title": title, "Software": None}


def _figure(height: float = 3.0) -> Figure:
    figure = Figure(figsize=(6.4, height), layout="constrained")
    figure.get_layout_engine().set(rect=(0, 0.17, 1, 0.83))  # type: ignore[union-attr, call-arg]
    return figure


NOTHING: Final = "Nothing recorded yet"


def _nothing(name: str, title: str, sentence: str, hint: str) -> Chart:
    """A chart with no data: its title and "Nothing recorded yet" with what to log, never an
    empty plot on a meaningless scale."""
    figure = _figure(1.8)
    figure.text(0.5, 0.8, title, ha="center", va="center", fontsize=12)
    figure.text(0.5, 0.55, NOTHING, ha="center", va="center", fontsize=11, weight="bold")
    figure.text(0.5, 0.34, hint, ha="center", va="center", fontsize=8)
    return Chart(name, title, sentence, figure, empty=True)


def _dates(ax: Axes, xs: list[float]) -> None:
    """Dates on the x-axis (the values are matplotlib's day numbers, which mean nothing to a
    reader): a few ticks, as "17 Nov 2026" within a year and "Nov 2026" over longer spans."""
    locator = dates.AutoDateLocator(minticks=3, maxticks=6)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    wide = max(xs) - min(xs) > 300
    form = "%b %Y" if wide else "%d %b %Y"
    ax.xaxis.set_major_formatter(dates.DateFormatter(form))  # type: ignore[no-untyped-call]


def _whole(axis: object) -> None:
    """Counts have whole-number ticks only (no 0.25 episodes)."""
    axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))  # type: ignore[attr-defined]


def date2num(days: list[date] | list[datetime]) -> list[float]:
    """Dates as matplotlib's numbers (its converter is untyped)."""
    return [float(x) for x in dates.date2num(days)]  # type: ignore[no-untyped-call]


def frequency(i: Insights) -> Chart:
    name, title = "episodes_per_week", "Episodes per week"
    weeks = i.frequency.weeks
    if not weeks:
        return _nothing(name, title, i.frequency.sentence, "Log episodes to see them week by week.")
    figure = _figure()
    ax = figure.subplots()
    xs = date2num([w for w, _ in weeks])
    ys = [c for _, c in weeks]
    if len(weeks) <= 60:
        ax.bar(xs, ys, width=6, color=OKABE_ITO["sky"], edgecolor="black", linewidth=0.4,
               label="episodes that week")  # fmt: skip
    else:
        ax.step(xs, ys, where="post", color=OKABE_ITO["sky"], linewidth=0.8,
                label="episodes that week")  # fmt: skip
    halves = i.frequency.halves
    if halves is not None and halves.ratio is not None:
        for period, style, half in ((halves.before, "--", "first half"),
                                    (halves.after, "-", "second half")):  # fmt: skip
            ax.plot(date2num([period.start, period.end]), [period.per_week] * 2, style,
                    color=OKABE_ITO["vermillion"], linewidth=2,
                    label=f"{half}: {period.per_week:.1f} a week")  # fmt: skip
    ax.legend(fontsize=7, loc="upper left")
    ax.set_ylabel("episodes a week")
    ax.set_title(title)
    ax.set_xlabel("week starting", fontsize=8)
    ax.tick_params(labelsize=7)
    _dates(ax, xs)
    _whole(ax.yaxis)
    ax.set_ylim(0, max(ys) * 1.5 + 1)  # room above the bars, so the legend covers none
    return Chart(name, title, i.frequency.sentence, figure)


def time_of_day(i: Insights) -> Chart:
    hours = i.time_of_day.hours
    if not any(hours):
        return _nothing("time_of_day", "Time of day", i.time_of_day.sentence,
                        "Log episodes with the time they started.")  # fmt: skip
    figure = _figure()
    ax = figure.subplots()
    for name, _, _ in BANDS:
        colour, hatch = BAND_STYLE[name]
        xs = [h for h in range(24) if BAND_OF_HOUR[h] == name]
        ax.bar(xs, [hours[h] for h in xs], color=colour, hatch=hatch, edgecolor="black",
               linewidth=0.4, label=f"{name} ({i.time_of_day.bands[name]})")  # fmt: skip
    ax.set_xticks(range(0, 24, 3), [f"{h:02d}:00" for h in range(0, 24, 3)], fontsize=7)
    ax.set_xlabel("hour the episode started (local time)")
    ax.set_ylabel("episodes")
    _whole(ax.yaxis)
    ax.set_title("Time of day")
    ax.legend(fontsize=7, ncols=4, loc="upper center")
    return Chart("time_of_day", "Time of day", i.time_of_day.sentence, figure)


def body(i: Insights) -> Chart:
    if not any(i.regions.counts.values()):
        return _nothing("body_regions", "Where the episodes were", i.regions.sentence,
                        "Log episodes with where they were.")  # fmt: skip
    figure = _figure(4.2)
    elsewhere = body_map.draw(figure, i.regions.counts, colormaps["viridis"])
    figure.suptitle("Where the episodes were (numbers: episodes)")
    if elsewhere:
        figure.text(0.5, 0.14, shown("Also: " + "; ".join(elsewhere)), ha="center", fontsize=8)
    return Chart("body_regions", "Where the episodes were", i.regions.sentence, figure)


def severity(i: Insights) -> Chart:
    buckets = i.severity.buckets
    if not buckets:
        return _nothing("pain_over_time", "Pain over time", i.severity.sentence,
                        "Rate the pain from 0 to 10 when you log an episode.")  # fmt: skip
    figure = _figure()
    ax = figure.subplots()
    xs = date2num([b[0] for b in buckets])
    ax.plot(xs, [b[1] for b in buckets], "-o", markersize=3,
            color=OKABE_ITO["blue"], label=f"average pain each {i.severity.unit}")  # fmt: skip
    s = i.severity
    if s.change is not None and i.frequency.halves is not None:
        h = i.frequency.halves
        lines = ((h.before, s.first, "--", "first half"),
                 (h.after, s.second, ":", "second half"))  # fmt: skip
        for period, moments, style, name in lines:
            ax.plot(date2num([period.start, period.end]), [moments.mean] * 2, style,
                    color=OKABE_ITO["vermillion"], linewidth=2,
                    label=f"{name}: {moments.mean:.1f}")  # fmt: skip
    ax.legend(fontsize=7, loc="lower left")
    ax.set_ylim(0, 10.5)
    ax.set_ylabel("pain (0 to 10)")
    ax.set_title("Pain over time")
    ax.tick_params(labelsize=7)
    _dates(ax, xs)
    return Chart("pain_over_time", "Pain over time", i.severity.sentence, figure)


def triggers(i: Insights) -> Chart:
    factors = list(reversed(i.factors))
    if not factors:
        hint = "Note what came before an episode (exercise, heat, a long sit)."
        return _nothing("triggers", "Triggers noted", i.triggers_sentence, hint)
    figure = _figure()
    ax = figure.subplots()
    names = [shown(f.name.replace("_", " ")) for f in factors]
    bars = ax.barh(names, [f.noted for f in factors], color=OKABE_ITO["orange"],
                   edgecolor="black", linewidth=0.4)  # fmt: skip
    labels = [_verdict(f.per_day.side(0.0) if f.per_day else None) for f in factors]
    ax.bar_label(bars, labels, fontsize=7, padding=3)
    ax.set_xlabel("episodes noted with it")
    _whole(ax.xaxis)
    ax.set_title("Triggers noted (label: what followed in the next two days)")
    ax.tick_params(labelsize=7)
    ax.margins(x=0.35)
    return Chart("triggers", "Triggers noted", i.triggers_sentence, figure)


def _verdict(side: int | None) -> str:
    if side is None:
        return "too few to compare"
    return {1: "more episodes followed", -1: "fewer episodes followed", 0: "no clear difference"}[
        side
    ]


def remedies(i: Insights) -> Chart:
    items = list(reversed(i.remedies))
    if not items:
        hint = "When you log an episode, say how much each thing you tried helped."
        return _nothing("what_helped", "What helped", i.remedies_sentence, hint)
    figure = _figure()
    ax = figure.subplots()
    names = [shown(r.name.replace("_", " ")) for r in items]
    left = [0] * len(items)
    for (label, colour, hatch), values in zip(
        HELP_STYLE, ([r.a_lot for r in items], [r.a_little for r in items],
                     [r.not_at_all for r in items]), strict=True,
    ):  # fmt: skip
        ax.barh(names, values, left=left, color=colour, hatch=hatch, edgecolor="black",
                linewidth=0.4, label=label)  # fmt: skip
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("times tried (how much it helped)")
    _whole(ax.xaxis)
    ax.set_title("What helped")
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7, ncols=3, loc="lower right")
    return Chart("what_helped", "What helped", i.remedies_sentence, figure)


MAKERS: Final[tuple[Callable[[Insights], Chart], ...]] = (
    frequency, time_of_day, body, severity, triggers, remedies,
)  # fmt: skip

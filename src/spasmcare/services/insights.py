"""Insights: what one diary shows, its readings in order, and its charts, for every interface."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from spasmcare import clock
from spasmcare.insights.model import Insights

if TYPE_CHECKING:
    from spasmcare.diary.store import Store
    from spasmcare.insights.charts import Chart

__all__ = ["Insights", "as_json", "chart", "charts", "of", "readings"]


def of(store: Store, now: datetime | None = None) -> Insights:
    """Everything the diary in ``store`` shows, as of ``now`` (default: now)."""
    from spasmcare.insights.wording import describe

    return describe(store.episodes(), now or clock.now(), store.steps())


def readings(found: Insights) -> list[str]:
    """The plain-language readings, in the order every interface shows them."""
    lines = [found.frequency.sentence, found.plan.sentence if found.plan else "",
             found.time_of_day.sentence, found.regions.sentence, found.severity.sentence,
             found.triggers_sentence, *[f.sentence for f in found.factors],
             found.remedies_sentence, *[r.sentence for r in found.remedies]]  # fmt: skip
    return [line for line in lines if line]


def as_json(found: Insights) -> dict[str, Any]:
    """Every number and sentence, as ``spasmcare insights --json`` and the API give them."""
    from spasmcare.insights.serial import as_json as serial

    return serial(found)


def charts(found: Insights, caption: bool = True) -> list[Chart]:
    """Every chart the diary has data for."""
    from spasmcare.insights import charts as made

    return made.charts(found, caption=caption)


def chart(found: Insights, name: str) -> Chart | None:
    """The chart called ``name`` (None: no such chart)."""
    from spasmcare.insights import charts as made

    for maker in made.MAKERS:
        found_chart = maker(found)
        if found_chart.name == name:
            return found_chart
    return None

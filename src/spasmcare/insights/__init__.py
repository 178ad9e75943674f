"""Insights: what the diary shows, with one plain sentence per finding, and its charts.

``model`` (what each insight holds), ``analysis`` (the numbers only, no database or plotting),
``wording`` (the sentences), ``stats`` (the formulas), ``serial`` (JSON), ``charts`` and
``body_map`` (matplotlib figures). ``describe`` puts numbers and sentences together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spasmcare.diary.model import Episode, SelfCareStep
    from spasmcare.insights.model import Insights

__all__ = ["describe"]


def describe(
    episodes: Sequence[Episode], now: datetime, steps: Sequence[SelfCareStep] = ()
) -> Insights:
    """Everything the diary shows, each part with its one-sentence reading."""
    # Imported here so that importing a submodule (such as ``stats``) stays light.
    from spasmcare.insights import analysis, wording

    return wording.worded(analysis.measure(episodes, now, steps))

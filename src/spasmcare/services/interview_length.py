"""How long the interview is likely to be, from the interview itself.

The interview is adaptive, so its length is not fixed: each answer decides what is asked next.
The estimate is what the knowledge base's own interview asks of a typical person, one who
answers no to each danger sign and has none of the listed findings, for the places cramps and
spasms are most often felt; told as a range, never a single figure. The same walk, from the
answers given so far, says about how many questions are left.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from spasmcare.engine.interview import answer, next_question
from spasmcare.kb import schema
from spasmcare.kb.load import KnowledgeBase

TYPICAL_REGIONS: Final = ("calf", "foot", "thigh", "lower_back", "neck")
SECONDS_PER_QUESTION: Final = (10, 20)
"""A quick answer, and one that needs a moment's thought (a number, a list of medicines)."""
_KEPT: Final = 128
"""Estimates kept (one per set of facts known before the first question)."""


@dataclass(frozen=True)
class Estimate:
    fewest: int
    most: int

    @property
    def minutes(self) -> tuple[int, int]:
        quick, slow = SECONDS_PER_QUESTION
        return max(1, round(self.fewest * quick / 60)), max(1, math.ceil(self.most * slow / 60))

    @property
    def words(self) -> str:
        """ "About 28 to 33 questions, about 5 to 11 minutes"."""
        many = str(self.fewest) if self.fewest == self.most else f"{self.fewest} to {self.most}"
        low, high = self.minutes
        time = f"{low} to {high} minutes" if low != high else f"{low} minute{'s' * (low != 1)}"
        return f"About {many} questions, about {time}"


_estimates: dict[tuple[str, str], Estimate] = {}


def estimate(kb: KnowledgeBase, known: Mapping[str, Any]) -> Estimate:
    """The interview's likely length for someone of whom ``known`` is known beforehand."""
    key = (kb.version, json.dumps(known, sort_keys=True, default=str))
    if key not in _estimates:
        if len(_estimates) >= _KEPT:
            _estimates.clear()
        region = next(q for q in kb.questions if q.type == "region")
        counts = [1 + left(kb, {**known, "region": r}, {region.id}) for r in TYPICAL_REGIONS]
        _estimates[key] = Estimate(min(counts), max(counts))
    return _estimates[key]


def left(kb: KnowledgeBase, answers: Mapping[str, Any], asked: set[str]) -> int:
    """About how many questions are still to come after these answers: those a typical
    person would still be asked (once the region is known: it decides the rest)."""
    answers, asked, count = dict(answers), set(asked), 0
    while (q := next_question(kb, answers, asked)) is not None and q.type != "region":
        asked.add(q.id)
        count += 1
        value = _typical(q)
        if value is not None:
            answers = answer(q, answers, value)
    return count


def _typical(q: schema.Question) -> Any:
    """A typical person's answer: no danger sign, none of the findings, numbers not known."""
    if q.type == "yes_no":
        return False
    if q.type in ("multi_choice", "names"):
        return []
    if q.type == "single_choice" and q.choices:
        return q.choices[0].value
    return None

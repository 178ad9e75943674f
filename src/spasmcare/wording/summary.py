"""What a result shows first, and what it folds away, the same on every interface.

An emergency gives one instruction (the headline) and a number to call; what to do while
waiting follows, and nothing less urgent stands beside it.
"""

from __future__ import annotations

from typing import Final

from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import FiredRedFlag, PlanStep, RankedCause, Result

CALL: Final = ("999", (("911", "the US"), ("112", "Europe")))
"""The emergency number a tap calls (the knowledge base's advice is written for the UK), and the
others its advice names, each with where it is used."""


def is_emergency(result: Result) -> bool:
    return result.disposition == "emergency" and not result.failsafe


def emergency_reasons(result: Result) -> list[FiredRedFlag]:
    """The reasons an emergency result gives: its emergency-level flags, each said once (a
    cause's estimate is left out when a rule already names that cause)."""
    named: set[str] = set()
    shown = []
    for f in sorted(result.red_flags, key=lambda f: f.kind != "rule"):
        if f.disposition != "emergency" or (f.kind == "cause" and set(f.causes) <= named):
            continue
        named |= set(f.causes)
        shown.append(f)
    return shown


def while_waiting(kb: KnowledgeBase, result: Result) -> list[PlanStep]:
    """An emergency plan's steps without the one that restates the headline: the knowledge
    base's first step for an emergency alone is that call (its order puts it first)."""
    restating = {s.id for s in kb.steps if s.dispositions == ["emergency"] and s.order == 1}
    return [s for s in result.plan.steps if s.id not in restating]


def emergency_causes(result: Result) -> list[RankedCause]:
    """Beside an emergency only the serious causes: a harmless one that "improves within days"
    is false comfort."""
    return [c for c in result.causes if c.serious]

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
    return _once([f for f in result.red_flags if f.disposition == "emergency"])


def _once(flags: list[FiredRedFlag]) -> list[FiredRedFlag]:
    """Rules first, then causes' estimates, leaving out an estimate whose causes a rule before
    it already names."""
    named: set[str] = set()
    shown = []
    for f in sorted(flags, key=lambda f: f.kind != "rule"):
        if f.kind == "cause" and set(f.causes) <= named:
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


FIRST_STEPS: Final = 3
"""Steps shown before the full plan: enough to start with, few enough to read on a phone."""
FIRST_SIGNS: Final = 5
"""Warning signs shown before the full list."""


def first_steps(result: Result) -> list[PlanStep]:
    """What to do first: the plan's leading steps (in the knowledge base's order), leaving out
    those that say what not to do (they are in the full plan)."""
    return [s for s in result.plan.steps if s.evidence != "not_recommended"][:FIRST_STEPS]


def warning_signs(kb: KnowledgeBase, result: Result) -> tuple[list[str], list[str]]:
    """The warning signs that matter most for this case, and the rest: the knowledge base's
    two leading general signs (its order puts the commonest dangers first: a cramp that will
    not ease, a swollen leg), then those it writes for cases like this one (a back, a leg),
    then the other general ones."""
    specific = {line.text for line in kb.safety_net if line.applies_when is not None}
    signs = result.plan.seek_help_if
    general = [s for s in signs if s not in specific]
    ranked = [*general[:2], *(s for s in signs if s in specific), *general[2:]]
    return ranked[:FIRST_SIGNS], ranked[FIRST_SIGNS:]


def likeliest(result: Result) -> RankedCause | None:
    """The cause a short result names: the first ranked one, when it is at least possible."""
    found = result.causes[0] if result.causes else None
    return found if found is not None and found.likelihood != "less_likely" else None


def care_reasons(result: Result) -> list[FiredRedFlag]:
    """The red flags behind a result that needs care, each cause named once."""
    if is_emergency(result):
        return emergency_reasons(result)
    return _once([f for f in result.red_flags if f.disposition != "self_care"])


def why(result: Result) -> str | None:
    """Why, in a sentence or two: the reasons for care, or else the likeliest cause and what
    points to it."""
    reasons = care_reasons(result)
    if reasons:
        return "Why: " + "; ".join(f.title for f in reasons) + "."
    cause = likeliest(result)
    if cause is None:
        return None
    name = cause.title[:1].lower() + cause.title[1:]
    return " ".join([f"Why: the most likely cause is {name}.", *cause.for_])

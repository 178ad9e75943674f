"""Triage: the red-flag rules that hold and the serious causes probable enough to need care.

Red-flag rules act on findings that need action on their own (saddle numbness, a locked jaw)
and on pairs of findings. Beside them, each serious cause carries the disposition it needs and
an action threshold: the probability at which that level of care is warranted (the threshold
approach, Pauker and Kassirer 1980). When the cause model puts a serious cause at or above its
threshold, the disposition rises to its level, with the findings that raised it as the reason.
The most urgent reason decides the disposition.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from spasmcare.kb import rules, schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import FiredRedFlag
from spasmcare.vocabulary import urgency


def fire(kb: KnowledgeBase, facts: rules.Facts) -> list[FiredRedFlag]:
    """The red-flag rules that hold, most urgent first (knowledge-base order within a level)."""
    fired = []
    for flag in kb.index.red_flags.holding(facts):
        because = flag.when.explain(facts)
        if because is not None:
            fired.append(
                FiredRedFlag(
                    id=flag.id,
                    title=flag.title,
                    disposition=flag.disposition,
                    because=because,
                    explanation=flag.explanation,
                    action=flag.action,
                    sources=flag.sources,
                    causes=flag.causes,
                )
            )
    return by_urgency(fired)


def probability(log_odds: float) -> float:
    return 1 / (1 + math.exp(-log_odds))


def from_causes(
    kb: KnowledgeBase,
    facts: rules.Facts,
    log_odds: Mapping[str, float],
    present: Mapping[str, list[schema.Finding]],
) -> list[FiredRedFlag]:
    """The serious causes at or above their action threshold, as reasons in the red-flag shape.

    A cause needs at least one finding of the case speaking for it: a prior alone, however
    high, never raises the disposition. A cause whose guidance names a case that does not need
    its level (``unless``: a usual short seizure in known epilepsy) raises nothing there; the
    red-flag rules give that case its own level.
    """
    fired = []
    for cause_id, odds in log_odds.items():
        cause = kb.causes[cause_id]
        triage = cause.triage
        supporting = [f for f in present.get(cause_id, ()) if f.weight > 0]
        if triage is None or not supporting:
            continue
        if triage.unless is not None and triage.unless.holds(facts):
            continue
        p = probability(odds)
        if p < triage.threshold:
            continue
        fired.append(
            FiredRedFlag(
                id=f"{cause_id}_probable",
                title=f"{cause.title}: possible enough to need care",
                disposition=triage.disposition,
                because=[f.text for f in supporting],
                explanation=cause.summary,
                action=triage.action,
                sources=list(dict.fromkeys([*cause.sources, *triage.basis.sources])),
                kind="cause",
                causes=[cause_id],
                probability=round(p, 4),
                threshold=triage.threshold,
            )
        )
    return fired


def reasons(
    kb: KnowledgeBase,
    facts: rules.Facts,
    log_odds: Mapping[str, float],
    present: Mapping[str, list[schema.Finding]],
) -> list[FiredRedFlag]:
    """Every reason to raise the disposition, rules and causes together, most urgent first."""
    return by_urgency([*fire(kb, facts), *from_causes(kb, facts, log_odds, present)])


def by_urgency(fired: list[FiredRedFlag]) -> list[FiredRedFlag]:
    """Most urgent first; rules before causes within a level, otherwise in the given order."""
    return sorted(fired, key=lambda f: (-urgency(f.disposition), f.kind != "rule"))


def disposition_of(fired: list[FiredRedFlag]) -> str:
    """The most urgent disposition among the reasons; self-care when there is none."""
    return fired[0].disposition if fired else "self_care"

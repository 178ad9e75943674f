"""The care plan: steps that fit the disposition, a pain-relief screen, safety-netting."""

from __future__ import annotations

from spasmcare.kb import rules
from spasmcare.kb.index import plan_step
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import Avoid, MythNote, Plan

# When care is needed today, the plan only says what to do while getting it.
_WAITING_KINDS = frozenset({"while_waiting", "see_clinician"})
# A few corrections are read; a dozen are not. Those written for this case come first.
MYTHS_SHOWN = 3


def build(kb: KnowledgeBase, facts: rules.Facts, disposition: str) -> Plan:
    """The plan for this case at this disposition."""
    urgent = disposition in ("urgent", "emergency")
    cautions: dict[str, list[str]] = {}
    for step_id, caution in kb.index.cautions.holding(facts):
        cautions.setdefault(step_id, []).append(caution)
    steps = [
        plan_step(step, cautions[step.id]) if step.id in cautions else ready
        for step, ready in kb.index.steps[disposition].holding(facts)
        if not urgent or step.kind in _WAITING_KINDS
    ]
    avoid, check_first = screen(kb, facts)
    return Plan(
        steps=steps,
        avoid=avoid,
        check_first=check_first,
        seek_help_if=[line.text for line in kb.index.safety_net.holding(facts)],
        follow_up_days=kb.follow_up_days[disposition],
        myths=[] if urgent else _myths(kb, facts),
    )


def screen(kb: KnowledgeBase, facts: rules.Facts) -> tuple[list[Avoid], list[Avoid]]:
    """Over-the-counter pain relief to avoid, and to check with a pharmacist first."""
    avoid: list[Avoid] = []
    cautions: list[tuple[str, Avoid]] = []
    stopped: set[str] = set()
    for item in kb.index.screen.holding(facts):
        because = rules.explain(item.rule.when, facts)
        if because is None:
            continue
        found = Avoid(
            id=f"{item.drug.id}.{item.rule.id}",
            what=item.drug.title,
            reason=item.rule.reason,
            because=because,
            sources=item.rule.sources,
        )
        if item.stops:
            avoid.append(found)
            stopped.add(item.drug.id)
        else:
            cautions.append((item.drug.id, found))
    # A drug to avoid is not also one to check first.
    return avoid, [found for drug, found in cautions if drug not in stopped]


def _myths(kb: KnowledgeBase, facts: rules.Facts) -> list[MythNote]:
    fitting = kb.index.myths.holding(facts)
    fitting.sort(key=lambda pair: pair[0].applies_when is None)
    return [note for _, note in fitting[:MYTHS_SHOWN]]

"""The care plan: steps that fit the disposition, a pain-relief screen, safety-netting."""

from __future__ import annotations

from spasmcare.kb import rules, schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import Avoid, MythNote, Plan, PlanStep

# When care is needed today, the plan only says what to do while getting it.
_WAITING_KINDS = frozenset({"while_waiting", "see_clinician"})
# A few corrections are read; a dozen are not. Those written for this case come first.
MYTHS_SHOWN = 3


def build(kb: KnowledgeBase, facts: rules.Facts, disposition: str) -> Plan:
    """The plan for this case at this disposition."""
    urgent = disposition in ("urgent", "emergency")
    steps = [
        _step(step, facts)
        for step in kb.steps
        if disposition in step.dispositions
        and _applies(step.applies_when, facts)
        and (not urgent or step.kind in _WAITING_KINDS)
    ]
    avoid, check_first = screen(kb, facts)
    return Plan(
        steps=steps,
        avoid=avoid,
        check_first=check_first,
        seek_help_if=[line.text for line in kb.safety_net if _applies(line.applies_when, facts)],
        follow_up_days=kb.follow_up_days[disposition],
        myths=[] if urgent else _myths(kb, facts),
    )


def screen(kb: KnowledgeBase, facts: rules.Facts) -> tuple[list[Avoid], list[Avoid]]:
    """Over-the-counter pain relief to avoid, and to check with a pharmacist first."""
    avoid: list[Avoid] = []
    check_first: list[Avoid] = []
    for drug in kb.otc_screen:
        stops = list(_matches(drug, drug.stop, facts))
        avoid += stops
        if not stops:
            check_first += _matches(drug, drug.caution, facts)
    return avoid, check_first


def _matches(
    drug: schema.OtcDrug, items: list[schema.ScreenRule], facts: rules.Facts
) -> list[Avoid]:
    found = []
    for item in items:
        if not rules.holds(item.when, facts):
            continue
        because = rules.explain(item.when, facts)
        if because is not None:
            found.append(
                Avoid(
                    id=f"{drug.id}.{item.id}",
                    what=drug.title,
                    reason=item.reason,
                    because=because,
                    sources=list(item.sources),
                )
            )
    return found


def _myths(kb: KnowledgeBase, facts: rules.Facts) -> list[MythNote]:
    fitting = [m for m in kb.myths if _applies(m.applies_when, facts)]
    fitting.sort(key=lambda m: m.applies_when is None)
    return [
        MythNote(id=m.id, claim=m.claim, evidence=m.evidence, sources=list(m.sources))
        for m in fitting[:MYTHS_SHOWN]
    ]


def _step(step: schema.CareStep, facts: rules.Facts) -> PlanStep:
    return PlanStep(
        id=step.id,
        title=step.title,
        text=step.text,
        evidence=step.evidence,
        cautions=[c.text for c in step.cautions if _applies(c.when, facts)],
        sources=list(step.sources),
    )


def _applies(condition: rules.Condition | None, facts: rules.Facts) -> bool:
    return condition is None or rules.holds(condition, facts)

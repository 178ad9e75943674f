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
    cautions: dict[str, list[str]] = {}
    for step_id, caution in kb.index.cautions.holding(facts):
        cautions.setdefault(step_id, []).append(caution)
    steps = [
        plan_step(step, cautions[step.id]) if step.id in cautions else _ready(step)
        for step in kb.index.steps[disposition].holding(facts)
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
        because = item.rule.when.explain(facts)
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
    fitting.sort(key=lambda myth: myth.applies_when is None)
    return [myth_note(myth) for myth in fitting[:MYTHS_SHOWN]]


def plan_step(step: schema.CareStep, cautions: list[str]) -> PlanStep:
    """A care step as a result shows it, with the cautions that apply to the case."""
    return PlanStep(
        id=step.id,
        title=step.title,
        text=step.text,
        evidence=step.evidence,
        cautions=cautions,
        sources=step.sources,
    )


def myth_note(myth: schema.Myth) -> MythNote:
    return MythNote(id=myth.id, claim=myth.claim, evidence=myth.evidence, sources=myth.sources)


# Per care step (immutable, living as long as its knowledge base): its plan step without
# cautions, made once, because most steps of most plans have none. Keyed by identity, with the
# step kept so a recycled id never matches.
_READY: dict[int, tuple[schema.CareStep, PlanStep]] = {}


def _ready(step: schema.CareStep) -> PlanStep:
    found = _READY.get(id(step))
    if found is None or found[0] is not step:
        found = _READY[id(step)] = (step, plan_step(step, []))
    return found[1]

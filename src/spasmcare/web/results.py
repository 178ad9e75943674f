"""What the result page shows, in the order a person needs it: disposition first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import Result
from spasmcare.wording import reasons, summary

LOOK = {
    "emergency": ("emergency", "!", "Emergency"),
    "urgent": ("urgent", "!", "Urgent"),
    "soon": ("soon", "i", "Soon"),
    "routine": ("routine", "i", "Routine"),
    "self_care": ("self-care", "\u2713", "Self-care"),
}
EVIDENCE = {
    "good": "Good evidence",
    "fair": "Fair evidence",
    "weak": "Weak evidence",
    "not_recommended": "Not recommended",
}


def result_view(
    kb: KnowledgeBase, result: Result, history: list[dict[str, Any]], saved: bool = False,
    unrecognised: Sequence[str] = (),
) -> dict[str, Any]:  # fmt: skip
    """The values the result template needs; ``unrecognised``: the medicine and condition names
    given that the knowledge base does not know."""
    style, icon, word = LOOK[result.disposition]
    text = kb.dispositions.get(result.disposition)
    cited: list[str] = []
    for ids in (
        *(f.sources for f in result.red_flags),
        *(c.sources for c in result.causes),
        *(s.sources for s in result.plan.steps),
        *(a.sources for a in result.plan.avoid),
        *(a.sources for a in result.plan.check_first),
        *(m.sources for m in result.plan.myths),
    ):
        cited += [i for i in ids if i not in cited]
    sources = [kb.sources[i] for i in cited if i in kb.sources]
    numbers = {s.id: n for n, s in enumerate(sources, 1)}
    actions = list(dict.fromkeys(f.action for f in result.red_flags))
    emergency = summary.is_emergency(result)
    signs, more_signs = summary.warning_signs(kb, result)
    if emergency:  # one instruction, the headline; nothing less urgent beside it
        actions = []
    return {
        "result": result,
        "unrecognised": list(unrecognised),
        "actions": actions,
        "emergency": emergency,
        "call": summary.CALL,
        "reasons": summary.care_reasons(result),
        "steps": summary.while_waiting(kb, result) if emergency else result.plan.steps,
        "causes": summary.emergency_causes(result) if emergency else result.causes,
        "why": summary.why(result),
        "first_steps": [] if emergency else summary.first_steps(result),
        "signs": signs,
        "more_signs": more_signs,
        "reasons_of": lambda facts: reasons.sentences(kb, facts),
        "style": style,
        "icon": icon,
        "word": word,
        "title": text.title if text and not result.failsafe else "Contact a clinician today",
        "evidence": EVIDENCE,
        "sources": sources,
        "cite": numbers,
        "history": history,
        "questions": {q.id: q.text for q in kb.questions},
        "saved": saved,
    }

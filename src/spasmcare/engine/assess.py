"""Case -> Result, failing safe: an internal error never reads as reassurance."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from spasmcare.case import Case, Names, parse_case
from spasmcare.engine import causes, plan, screen, triage
from spasmcare.engine.facts import facts_of
from spasmcare.kb.load import KnowledgeBase, load_default
from spasmcare.result import Plan, Result, Screen

log = logging.getLogger(__name__)

FAILSAFE_HEADLINE = (
    "spasmcare could not complete this assessment. Please contact a doctor, nurse or pharmacist "
    "today, and call your local emergency number (999, 911 or 112) if you feel very unwell."
)


def names_of(kb: KnowledgeBase) -> Names:
    """The name indexes a case is normalised against (made once per knowledge base)."""
    return kb.names


def assess(case: Case | Mapping[str, Any] | str, kb: KnowledgeBase | None = None) -> Result:
    """Assess a case. Raises CaseError for a case that breaks the case format."""
    try:
        kb = kb or load_default()
    except Exception:
        log.exception("the knowledge base did not load")
        return failsafe(None, ["The knowledge base could not be loaded."])
    if not isinstance(case, Case):
        case = parse_case(case, names_of(kb))
    try:
        return _assess(case, kb)
    except Exception:
        log.exception("assessment failed")
        return failsafe(kb, list(case.warnings))


def _assess(case: Case, kb: KnowledgeBase) -> Result:
    facts = facts_of(case, kb)
    evidence = causes.evidence_of(kb, facts)
    fired = triage.reasons(kb, facts, *evidence)
    disposition = triage.disposition_of(fired)
    danger_screen = screen.screen(kb, facts, disposition, evidence)
    text = kb.dispositions[disposition]
    # Only an unanswered question that could make it urgent or an emergency withholds the
    # reassurance of the headline; the others are listed, but the advice stands.
    dangerous = danger_screen.could_raise_to in ("urgent", "emergency")
    headline = text.headline_incomplete if dangerous else text.headline
    return Result(
        disposition=disposition,
        headline=headline,
        red_flags=fired,
        causes=causes.rank(kb, facts, fired, evidence),
        plan=plan.build(kb, facts, disposition),
        warnings=list(case.warnings),
        knowledge_version=kb.version,
        screen=danger_screen,
        disclaimer=kb.manifest.disclaimer,
    )


def failsafe(kb: KnowledgeBase | None, warnings: list[str]) -> Result:
    """The result shown when something inside spasmcare went wrong: get a clinician's view."""
    return Result(
        disposition="urgent",
        headline=FAILSAFE_HEADLINE,
        red_flags=[],
        causes=[],
        plan=Plan(steps=[], avoid=[], seek_help_if=[], follow_up_days=1),
        warnings=[*warnings, "internal error: the assessment is incomplete"],
        knowledge_version=kb.version if kb else "unavailable",
        screen=Screen(complete=False, unanswered=[]),
        failsafe=True,
        disclaimer=FAILSAFE_HEADLINE,
    )

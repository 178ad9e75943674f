"""Triage: every red-flag rule that holds, the most urgent deciding the disposition."""

from __future__ import annotations

from spasmcare.kb import rules
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import FiredRedFlag
from spasmcare.vocabulary import urgency


def fire(kb: KnowledgeBase, facts: rules.Facts) -> list[FiredRedFlag]:
    """The red flags that hold, most urgent first (knowledge-base order within a level)."""
    fired = []
    for flag in kb.index.red_flags.holding(facts):
        because = rules.explain(flag.when, facts)
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
                )
            )
    return sorted(fired, key=lambda f: -urgency(f.disposition))


def disposition_of(fired: list[FiredRedFlag]) -> str:
    """The most urgent disposition among the fired rules; self-care when none fired."""
    return fired[0].disposition if fired else "self_care"

"""Ranking of likely causes: prior odds updated by the findings present (log likelihood ratios)."""

from __future__ import annotations

import math
from collections import defaultdict

from spasmcare.kb import rules, schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import FiredRedFlag, Likelihood, RankedCause
from spasmcare.vocabulary import urgency

SHOWN = 6
# At most this many serious causes that a fired red flag points to are put first; the rest,
# flagged or not, follow by score, so a common explanation stays in view beside them.
PINNED = 2
# A flagged cause is pinned only when a finding at least this strong (LR 2) speaks for it.
PIN_EVIDENCE = 0.69
LIKELY = 0.5
POSSIBLE = 0.15


Evidence = tuple[dict[str, float], dict[str, list[schema.Finding]]]


def rank(
    kb: KnowledgeBase,
    facts: rules.Facts,
    fired: list[FiredRedFlag],
    evidence: Evidence | None = None,
) -> list[RankedCause]:
    """The most likely causes first, after the serious ones that a fired red flag points to.

    A flagged cause is put first only when it is serious and a real finding of the case (not
    only age or sex) speaks for it, so that a red flag about the episode itself (a cramp
    lasting too long) does not push unrelated dangers above the likely explanation.
    """
    log_odds, present = evidence or evidence_of(kb, facts)
    # Most likely first; the sort is stable, so causes of equal odds keep knowledge-base order.
    order = sorted(log_odds, key=log_odds.__getitem__, reverse=True)
    flagged = _flagged(kb, fired)
    # Flagged first by urgency, then by odds.
    pinnable = sorted(
        (
            i
            for i in flagged
            if i in log_odds and kb.causes[i].serious and _strongest(present.get(i)) >= PIN_EVIDENCE
        ),
        key=lambda i: (-flagged[i], order.index(i)),
    )
    pinned = pinnable[:PINNED]
    shown = pinned + [i for i in order[: SHOWN + PINNED] if i not in pinned][: SHOWN - len(pinned)]
    return [_ranked(kb.causes[i], log_odds[i], present.get(i, []), i in flagged) for i in shown]


def evidence_of(kb: KnowledgeBase, facts: rules.Facts) -> Evidence:
    """The log odds of each cause whose gate holds (in knowledge-base order): its prior odds
    updated by the findings present, and those findings."""
    index = kb.index
    log_odds = dict(index.causes.holding(facts))
    present: defaultdict[str, list[schema.Finding]] = defaultdict(list)
    region = facts.get("region")
    findings = index.findings(region if isinstance(region, str) else None)
    for cause_id, weight, finding in findings.holding(facts):
        if cause_id in log_odds:
            log_odds[cause_id] += weight
            present[cause_id].append(finding)
    return log_odds, present


def _strongest(findings: list[schema.Finding] | None) -> float:
    """The weight of the strongest finding for a cause (0 when none speaks for it)."""
    return max([0.0, *(f.weight for f in findings or ())])


def _flagged(kb: KnowledgeBase, fired: list[FiredRedFlag]) -> dict[str, int]:
    """Cause id -> urgency of the most urgent fired rule pointing to it."""
    pinned: dict[str, int] = {}
    for flag in fired:
        level = urgency(flag.disposition)
        for cause in flag.causes:
            pinned[cause] = max(pinned.get(cause, -1), level)
    return pinned


def _ranked(
    cause: schema.Cause, log_odds: float, present: list[schema.Finding], flagged: bool
) -> RankedCause:
    p = 1 / (1 + math.exp(-log_odds))
    likelihood: Likelihood = "less_likely"
    if p >= LIKELY:
        likelihood = "likely"
    elif p >= POSSIBLE or flagged:
        likelihood = "possible"
    for_: list[str] = []
    against: list[str] = []
    for finding in present:
        (for_ if finding.weight > 0 else against).append(finding.text)
    return RankedCause(
        id=cause.id,
        title=cause.title,
        likelihood=likelihood,
        summary=cause.summary,
        serious=cause.serious,
        for_=for_,
        against=against,
        sources=cause.sources,
    )

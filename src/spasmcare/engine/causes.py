"""Ranking of likely causes: prior odds updated by the findings present (log likelihood ratios)."""

from __future__ import annotations

import math
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Score:
    cause: schema.Cause
    log_odds: float
    for_: list[str]
    against: list[str]
    strongest: float = 0.0

    @property
    def probability(self) -> float:
        return 1 / (1 + math.exp(-self.log_odds))


def score(cause: schema.Cause, facts: rules.Facts) -> Score | None:
    """A cause's log odds given the facts, or None when its gate does not hold."""
    if cause.requires is not None and not rules.holds(cause.requires, facts):
        return None
    log_odds = math.log(cause.prior / (1 - cause.prior))
    for_: list[str] = []
    against: list[str] = []
    strongest = 0.0
    for finding in cause.findings:
        if rules.holds(finding.when, facts):
            log_odds += finding.weight
            strongest = max(strongest, finding.weight)
            (for_ if finding.weight > 0 else against).append(finding.text)
    return Score(cause, log_odds, for_, against, strongest)


def rank(kb: KnowledgeBase, facts: rules.Facts, fired: list[FiredRedFlag]) -> list[RankedCause]:
    """The most likely causes first, after the serious ones that a fired red flag points to.

    A flagged cause is put first only when it is serious and a real finding of the case (not
    only age or sex) speaks for it, so that a red flag about the episode itself (a cramp
    lasting too long) does not push unrelated dangers above the likely explanation.
    """
    scores = [s for s in (score(c, facts) for c in kb.causes.values()) if s is not None]
    flagged = _flagged(kb, fired)
    scores.sort(key=lambda s: -s.log_odds)
    candidates = [
        s
        for s in scores
        if s.cause.id in flagged and s.cause.serious and s.strongest >= PIN_EVIDENCE
    ]
    candidates.sort(key=lambda s: -flagged[s.cause.id])
    pinned = candidates[:PINNED]
    pinned_ids = {s.cause.id for s in pinned}
    ordered = pinned + [s for s in scores if s.cause.id not in pinned_ids]
    return [_ranked(s, s.cause.id in flagged) for s in ordered[:SHOWN]]


def _flagged(kb: KnowledgeBase, fired: list[FiredRedFlag]) -> dict[str, int]:
    """Cause id -> urgency of the most urgent fired rule pointing to it."""
    pinned: dict[str, int] = {}
    for flag in fired:
        entry = next(f for f in kb.red_flags if f.id == flag.id)
        for cause in entry.causes:
            pinned[cause] = max(pinned.get(cause, -1), urgency(flag.disposition))
    return pinned


def _ranked(s: Score, flagged: bool) -> RankedCause:
    p = s.probability
    likelihood: Likelihood = "less_likely"
    if p >= LIKELY:
        likelihood = "likely"
    elif p >= POSSIBLE or flagged:
        likelihood = "possible"
    return RankedCause(
        id=s.cause.id,
        title=s.cause.title,
        likelihood=likelihood,
        summary=s.cause.summary,
        serious=s.cause.serious,
        for_=s.for_,
        against=s.against,
        sources=list(s.cause.sources),
    )

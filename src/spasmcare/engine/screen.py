"""The danger screen: which unanswered questions could still raise the disposition.

A reason to raise the disposition is *pending* when it is more urgent than what the known
answers give and the answers do not yet decide it: a red-flag rule that three-valued
evaluation leaves open, or a serious cause that could still reach its action threshold if the
open findings speaking for it turned out present. The screen is complete when nothing is
pending; otherwise it lists the questions that could decide a pending reason, most urgent
first. The interview uses the same test to decide what to ask.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spasmcare.kb import rules, schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import Screen
from spasmcare.vocabulary import NAME_LIST_FIELDS, TERM_LIST_FIELDS, urgency

OpenTerms = Mapping[str, frozenset[str] | None]


@dataclass(frozen=True)
class Pending:
    """A reason that could still raise the disposition, and the tests that could decide it."""

    id: str
    disposition: str
    tests: tuple[rules.Test, ...]


def open_terms_of(facts: rules.Facts) -> dict[str, frozenset[str] | None]:
    """For a finished case: a list field that was given is complete, a missing one is open."""
    return {
        field: None if facts.get(field) is None else frozenset()
        for field in (*TERM_LIST_FIELDS, *NAME_LIST_FIELDS)
    }


def pending(
    kb: KnowledgeBase, facts: rules.Facts, open_terms: OpenTerms, disposition: str
) -> list[Pending]:
    """Every reason more urgent than ``disposition`` that open answers could still make hold."""
    current = urgency(disposition)
    found = [
        Pending(flag.id, flag.disposition, tuple(_open_tests(flag.when, facts, open_terms)))
        for flag in kb.red_flags
        if urgency(flag.disposition) > current
        and rules.settle(flag.when, facts, open_terms) is None
    ]
    for cause in kb.causes.values():
        triage = cause.triage
        if triage is None or urgency(triage.disposition) <= current:
            continue
        tests = _cause_could_pass(cause, triage, facts, open_terms)
        if tests is not None:
            found.append(Pending(f"{cause.id}_probable", triage.disposition, tests))
    return found


def emergency_decided(kb: KnowledgeBase, facts: rules.Facts, open_terms: OpenTerms) -> bool:
    """Whether the answers so far make the result an emergency, whatever the open answers
    turn out to be (an emergency that rests on an unknown answer is not yet decided)."""
    for flag in kb.red_flags:
        if flag.disposition == "emergency" and rules.settle(flag.when, facts, open_terms):
            return True
    for cause in kb.causes.values():
        triage = cause.triage
        if triage is None or triage.disposition != "emergency":
            continue
        if cause.requires is not None and not rules.settle(cause.requires, facts, open_terms):
            continue
        log_odds = math.log(cause.prior / (1 - cause.prior))
        supported = False
        for finding in cause.findings:
            verdict = rules.settle(finding.when, facts, open_terms)
            if verdict is True or (verdict is None and finding.weight < 0):
                log_odds += finding.weight
                supported |= verdict is True and finding.weight > 0
        if supported and 1 / (1 + math.exp(-log_odds)) >= triage.threshold:
            return True
    return False


def _cause_could_pass(
    cause: schema.Cause, triage: schema.CauseTriage, facts: rules.Facts, open_terms: OpenTerms
) -> tuple[rules.Test, ...] | None:
    """The open tests through which the cause could still reach its threshold, or None."""
    gate = True if cause.requires is None else rules.settle(cause.requires, facts, open_terms)
    if gate is False:
        return None
    log_odds = math.log(cause.prior / (1 - cause.prior))
    tests: list[rules.Test] = []
    if gate is None and cause.requires is not None:
        tests += _open_tests(cause.requires, facts, open_terms)
    for finding in cause.findings:
        verdict = rules.settle(finding.when, facts, open_terms)
        if verdict is True:
            log_odds += finding.weight
        elif verdict is None and finding.weight > 0:
            log_odds += finding.weight
            tests += _open_tests(finding.when, facts, open_terms)
    if not tests or 1 / (1 + math.exp(-log_odds)) < triage.threshold:
        return None
    return tuple(tests)


def _open_tests(
    condition: rules.Condition, facts: rules.Facts, open_terms: OpenTerms
) -> Iterator[rules.Test]:
    for test in rules.tests_of(condition):
        if rules.settle(test, facts, open_terms) is None:
            yield test


def could_decide(question: schema.Question, test: rules.Test) -> bool:
    """Whether an answer to the question could decide the test."""
    if test.field != question.field:
        return False
    wanted = terms_of(question)
    if wanted is None:
        return True
    return any(
        isinstance(operand, frozenset) and bool(operand & wanted) for _, operand in test.operators
    )


def terms_of(question: schema.Question) -> frozenset[str] | None:
    """The list terms an answer can add (None: the question sets a whole field)."""
    if question.type == "yes_no" and question.field in TERM_LIST_FIELDS:
        return frozenset({question.term or ""})
    if question.type == "multi_choice":
        return frozenset(str(c.value) for c in question.choices if c.value is not None)
    return None


def screen(kb: KnowledgeBase, facts: rules.Facts, disposition: str) -> Screen:
    """The danger screen of a finished case."""
    if disposition == "emergency":
        return Screen(complete=True, unanswered=[])
    reasons = pending(kb, facts, open_terms_of(facts), disposition)
    ranked: dict[str, tuple[int, int]] = {}
    for position, question in enumerate(kb.questions):
        if facts.get(question.field) is not None:
            continue
        if question.asks_when is not None and not rules.holds(question.asks_when, facts):
            continue
        levels = [
            urgency(reason.disposition)
            for reason in reasons
            if any(could_decide(question, test) for test in reason.tests)
        ]
        if levels:
            ranked[question.id] = (-max(levels), position)
    order = sorted(ranked, key=ranked.__getitem__)
    by_id = {q.id: q for q in kb.questions}
    return Screen(
        complete=not order,
        unanswered=order,
        unanswered_text=[by_id[q].text for q in order],
    )

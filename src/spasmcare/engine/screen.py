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

from spasmcare.engine.causes import Evidence
from spasmcare.engine.triage import probability
from spasmcare.kb import rules, schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import Screen
from spasmcare.vocabulary import DISPOSITIONS, NAME_LIST_FIELDS, TERM_LIST_FIELDS, urgency

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
    kb: KnowledgeBase,
    facts: rules.Facts,
    open_terms: OpenTerms,
    disposition: str,
    evidence: Evidence | None = None,
) -> list[Pending]:
    """Every reason more urgent than ``disposition`` that open answers could still make hold."""
    current = urgency(disposition)
    # A rule whose every field is answered is already decided; only the others can be open
    # (a list field counts as answered once given, whatever its open terms).
    unknown = {field for field, value in facts.items() if value is None}
    unknown |= {field for field, terms in open_terms.items() if terms is None or terms}
    found = [
        Pending(flag.id, flag.disposition, tuple(_open_tests(flag.when, facts, open_terms)))
        for flag in kb.red_flags
        if urgency(flag.disposition) > current
        and not unknown.isdisjoint(_fields(flag.when))
        and flag.when.settle(facts, open_terms) is None
    ]
    for cause in kb.causes.values():
        triage = cause.triage
        if triage is None or urgency(triage.disposition) <= current:
            continue
        if evidence is not None and not _may_reach(cause, triage.threshold, evidence, unknown):
            continue
        tests = _cause_could_pass(cause, triage, facts, open_terms, unknown)
        if tests is not None:
            found.append(Pending(f"{cause.id}_probable", triage.disposition, tests))
    return found


def unsettled(kb: KnowledgeBase, facts: rules.Facts, open_terms: OpenTerms) -> list[Pending]:
    """Red-flag rules that hold now only because an answer counts as present while unknown
    (``if_unknown``): asking it may settle them either way."""
    return [
        Pending(flag.id, flag.disposition, tuple(_open_tests(flag.when, facts, open_terms)))
        for flag in kb.index.red_flags.holding(facts)
        if flag.when.settle(facts, open_terms) is None
    ]


def emergency_decided(kb: KnowledgeBase, facts: rules.Facts, open_terms: OpenTerms) -> bool:
    """Whether the answers so far make the result an emergency, whatever the open answers
    turn out to be (an emergency that rests on an unknown answer is not yet decided)."""
    for flag in kb.red_flags:
        if flag.disposition == "emergency" and flag.when.settle(facts, open_terms):
            return True
    for cause in kb.causes.values():
        triage = cause.triage
        if triage is None or triage.disposition != "emergency":
            continue
        if cause.requires is not None and not cause.requires.settle(facts, open_terms):
            continue
        log_odds = _prior_log_odds(cause)
        supported = False
        for finding in cause.findings:
            verdict = finding.when.settle(facts, open_terms)
            if verdict is True or (verdict is None and finding.weight < 0):
                log_odds += finding.weight
                supported |= verdict is True and finding.weight > 0
        if supported and probability(log_odds) >= triage.threshold:
            return True
    return False


def _may_reach(
    cause: schema.Cause, threshold: float, evidence: Evidence, unknown: set[str]
) -> bool:
    """A quick upper bound for a finished case: the cause's log odds from the answers given,
    plus every positive finding that an unanswered question could still make present."""
    log_odds, present = evidence
    if cause.id not in log_odds:
        # The gate failed on the answers given; it can still open only through an unknown.
        if cause.requires is None or unknown.isdisjoint(_fields(cause.requires)):
            return False
        best = _prior_log_odds(cause)
    else:
        best = log_odds[cause.id]
    held = {id(f) for f in present.get(cause.id, ())}
    for finding in cause.findings:
        open_finding = not unknown.isdisjoint(_fields(finding.when))
        if finding.weight > 0 and id(finding) not in held and open_finding:
            best += finding.weight
    return probability(best) >= threshold


def _cause_could_pass(
    cause: schema.Cause,
    triage: schema.CauseTriage,
    facts: rules.Facts,
    open_terms: OpenTerms,
    unknown: set[str],
) -> tuple[rules.Test, ...] | None:
    """The open tests through which the cause could still reach its threshold, or None."""
    gate = True if cause.requires is None else _verdict(cause.requires, facts, open_terms, unknown)
    if gate is False:
        return None
    log_odds = _prior_log_odds(cause)
    tests: list[rules.Test] = []
    if gate is None and cause.requires is not None:
        tests += _open_tests(cause.requires, facts, open_terms)
    for finding in cause.findings:
        verdict = _verdict(finding.when, facts, open_terms, unknown)
        if verdict is True:
            log_odds += finding.weight
        elif verdict is None and finding.weight > 0:
            log_odds += finding.weight
            tests += _open_tests(finding.when, facts, open_terms)
    if not tests or probability(log_odds) < triage.threshold:
        return None
    return tuple(tests)


def _prior_log_odds(cause: schema.Cause) -> float:
    return math.log(cause.prior / (1 - cause.prior))


def _verdict(
    condition: rules.Condition, facts: rules.Facts, open_terms: OpenTerms, unknown: set[str]
) -> bool | None:
    """Three-valued verdict; a condition on answered fields only is decided by ``holds``."""
    if unknown.isdisjoint(_fields(condition)):
        return condition.holds(facts)
    return condition.settle(facts, open_terms)


# Per condition object (conditions are immutable and live as long as their knowledge base):
# the fields it reads and its tests. Keyed by identity, because hashing a condition tree
# costs more than the lookup saves.
_FIELDS: dict[int, tuple[rules.Condition, frozenset[str]]] = {}
_TESTS: dict[int, tuple[rules.Condition, tuple[rules.Test, ...]]] = {}


def _fields(condition: rules.Condition) -> frozenset[str]:
    found = _FIELDS.get(id(condition))
    if found is None or found[0] is not condition:
        found = _FIELDS[id(condition)] = (condition, frozenset(rules.fields_of(condition)))
    return found[1]


def _tests(condition: rules.Condition) -> tuple[rules.Test, ...]:
    found = _TESTS.get(id(condition))
    if found is None or found[0] is not condition:
        found = _TESTS[id(condition)] = (condition, tuple(rules.tests_of(condition)))
    return found[1]


def _open_tests(
    condition: rules.Condition, facts: rules.Facts, open_terms: OpenTerms
) -> Iterator[rules.Test]:
    for test in _tests(condition):
        # A test on an answered field is decided; only the others need three-valued logic.
        if test.field in open_terms:
            still = open_terms[test.field]
            if still is not None and not still:
                continue
        elif facts.get(test.field) is not None:
            continue
        if test.settle(facts, open_terms) is None:
            yield test


def could_decide(question: schema.Question, test: rules.Test) -> bool:
    """Whether an answer to the question could decide the test."""
    if test.field != question.field:
        return False
    wanted, looked_for = terms_of(question), _looked_for(test)
    return wanted is None or looked_for is None or not looked_for.isdisjoint(wanted)


def terms_of(question: schema.Question) -> frozenset[str] | None:
    """The list terms an answer can add (None: the question sets a whole field)."""
    if question.type == "yes_no" and question.field in TERM_LIST_FIELDS:
        return frozenset({question.term or ""})
    if question.type == "multi_choice":
        return frozenset(str(c.value) for c in question.choices if c.value is not None)
    return None


def screen(
    kb: KnowledgeBase, facts: rules.Facts, disposition: str, evidence: Evidence | None = None
) -> Screen:
    """The danger screen of a finished case (``evidence``: the cause model's, if at hand)."""
    if disposition == "emergency":
        return Screen(complete=True, unanswered=[])
    reasons = pending(kb, facts, open_terms_of(facts), disposition, evidence)
    open_tests = _by_field(reasons)
    ranked: dict[str, tuple[int, int]] = {}
    for position, question in enumerate(kb.questions):
        tests = open_tests.get(question.field)
        if not tests or facts.get(question.field) is not None:
            continue
        if question.asks_when is not None and not question.asks_when.holds(facts):
            continue
        wanted = terms_of(question)
        levels = [
            level
            for level, terms in tests
            if wanted is None or terms is None or not terms.isdisjoint(wanted)
        ]
        if levels:
            ranked[question.id] = (-max(levels), position)
    order = sorted(ranked, key=ranked.__getitem__)
    by_id = {q.id: q for q in kb.questions}
    return Screen(
        complete=not order,
        unanswered=order,
        unanswered_text=[by_id[q].text for q in order],
        could_raise_to=DISPOSITIONS[-ranked[order[0]][0]] if order else None,
    )


def _by_field(reasons: list[Pending]) -> dict[str, list[tuple[int, frozenset[str] | None]]]:
    """Per case field, the open tests of the pending reasons: (urgency, the terms the test
    looks for, or None when any answer to the field decides it), each pair once."""
    found: dict[str, dict[frozenset[str] | None, int]] = {}
    for reason in reasons:
        level = urgency(reason.disposition)
        for test in reason.tests:
            looked_for = _looked_for(test)
            seen = found.setdefault(test.field, {})
            seen[looked_for] = max(level, seen.get(looked_for, level))
    return {field: [(lv, terms) for terms, lv in seen.items()] for field, seen in found.items()}


def _looked_for(test: rules.Test) -> frozenset[str] | None:
    """The terms a test looks for; None (a number, a choice, ``known``): any answer decides."""
    terms = [operand for _, operand in test.operators if isinstance(operand, frozenset)]
    return frozenset().union(*terms) if terms else None

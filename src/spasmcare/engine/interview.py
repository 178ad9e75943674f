"""The adaptive questionnaire: ask the emergency screen first, then only what can matter.

A question is asked when a "yes" to it could still raise the disposition: some more urgent
red flag that mentions its answer is not yet decided by the answers so far (a flag that the
answers already rule out, such as a back-pain flag for a calf cramp, asks nothing). A question
after the emergency screen is also asked when some answer to it would change the disposition or
the three leading causes, found by assessing the case with each answer. The screen ends as soon
as nothing more urgent is possible.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spasmcare.case import parse_case
from spasmcare.engine import causes, screen, triage
from spasmcare.engine.assess import names_of
from spasmcare.engine.facts import facts_of
from spasmcare.kb import rules, schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.vocabulary import NAME_LIST_FIELDS, NUMBER_FIELDS, TERM_LIST_FIELDS

Answers = dict[str, Any]


def next_question(
    kb: KnowledgeBase, answers: Mapping[str, Any], asked: set[str]
) -> schema.Question | None:
    """The next question to ask, or None when the interview is complete.

    An answer that makes the result an emergency ends the interview at once: nothing more is
    asked before the person is told to call for help.
    """
    if answers.get("region") is None:
        # Every case needs a region: ask it (again) until it has an answer.
        return next(q for q in kb.questions if q.type == "region")
    facts = _facts(kb, answers)
    open_terms = _open_terms(kb, answers, asked)
    if screen.emergency_decided(kb, facts, open_terms):
        return None
    current = _disposition(kb, facts)
    reasons = screen.pending(kb, facts, open_terms, current) + screen.unsettled(
        kb, facts, open_terms
    )
    for question in kb.questions:
        if question.id in asked or _answered(question, answers):
            continue
        if question.asks_when is not None and not question.asks_when.holds(facts):
            continue
        if question.type == "region" or _could_raise(question, reasons):
            return question
        if question.block != "A" and _could_change(kb, question, answers):
            return question
    return None


def _disposition(kb: KnowledgeBase, facts: rules.Facts) -> str:
    evidence = causes.evidence_of(kb, facts)
    return triage.disposition_of(triage.reasons(kb, facts, *evidence))


def _open_terms(
    kb: KnowledgeBase, answers: Mapping[str, Any], asked: set[str]
) -> dict[str, frozenset[str] | None]:
    """Per list field, the terms nobody has asked about yet (None: the whole field is open)."""
    ruled_out: dict[str, set[str]] = {field: set() for field in TERM_LIST_FIELDS}
    for question in kb.questions:
        if question.id not in asked or question.field not in TERM_LIST_FIELDS:
            continue
        present = set(answers.get(question.field) or [])
        if question.type == "yes_no" and question.term is not None:
            ruled_out[question.field] |= {question.term} - present
        elif question.type == "multi_choice":
            values = {str(c.value) for c in question.choices if c.value is not None}
            ruled_out[question.field] |= values - present
    open_terms: dict[str, frozenset[str] | None] = {
        field: frozenset(terms) - ruled_out[field] - set(answers.get(field) or [])
        for field, terms in TERM_LIST_FIELDS.items()
    }
    names_asked = {q.field for q in kb.questions if q.id in asked and q.type == "names"}
    for field in NAME_LIST_FIELDS:
        open_terms[field] = frozenset() if field in answers or field in names_asked else None
    return open_terms


def _could_raise(question: schema.Question, reasons: list[screen.Pending]) -> bool:
    """Whether an answer to the question could decide a reason that would raise the level,
    or one that holds now only because an answer is not known yet."""
    return any(screen.could_decide(question, test) for r in reasons for test in r.tests)


def answer(question: schema.Question, answers: Mapping[str, Any], value: Any) -> Answers:
    """The answers with this question's answer applied (``value`` as given by the person)."""
    out = {k: list(x) if isinstance(x, list) else x for k, x in answers.items()}
    field = question.field
    if question.type == "yes_no" and field in TERM_LIST_FIELDS:
        # A list answered null ("not known") gains the term as a list of its own.
        terms = out[field] = out.get(field) or []
        if value and question.term not in terms:
            terms.append(question.term)
    elif question.type == "multi_choice":
        terms = out[field] = out.get(field) or []
        chosen = {c.id: c.value for c in question.choices}
        terms += [chosen[c] for c in value if chosen.get(c) is not None and chosen[c] not in terms]
    elif question.type == "single_choice":
        out[field] = next(c.value for c in question.choices if c.id == value)
    elif question.type == "names":
        out[field] = [*(out.get(field) or []), *value]
    else:
        out[field] = value
    return out


def _answered(question: schema.Question, answers: Mapping[str, Any]) -> bool:
    if question.type == "yes_no" and question.field in TERM_LIST_FIELDS:
        return question.term in (answers.get(question.field) or [])
    return answers.get(question.field) is not None and question.type not in ("multi_choice",)


def _facts(kb: KnowledgeBase, answers: Mapping[str, Any]) -> rules.Facts:
    return facts_of(parse_case(dict(answers), names_of(kb), partial=True), kb)


def _outcome(kb: KnowledgeBase, answers: Mapping[str, Any]) -> tuple[str, list[str]]:
    facts = _facts(kb, answers)
    evidence = causes.evidence_of(kb, facts)
    fired = triage.reasons(kb, facts, *evidence)
    ranked = causes.rank(kb, facts, fired, evidence)
    return triage.disposition_of(fired), [c.id for c in ranked[:3]]


def _could_change(kb: KnowledgeBase, question: schema.Question, answers: Mapping[str, Any]) -> bool:
    baseline = _outcome(kb, answers)
    return any(
        _outcome(kb, answer(question, answers, value)) != baseline
        for value in _possible_answers(kb, question)
    )


def _possible_answers(kb: KnowledgeBase, question: schema.Question) -> Iterator[Any]:
    if question.type == "yes_no":
        yield from (True, False)
    elif question.type == "single_choice":
        yield from (c.id for c in question.choices)
    elif question.type == "multi_choice":
        yield from ([c.id] for c in question.choices)
    elif question.type == "number":
        yield from _thresholds(kb, question.field)
    elif question.type == "names":
        # "None": a probable cause or flag that rests on a medicine or condition not yet known
        # is then ruled out, so the question is asked when that answer would change the result.
        yield []


def _thresholds(kb: KnowledgeBase, field: str) -> Iterator[float]:
    """Values on both sides of every threshold the knowledge base uses for a numeric field."""
    low, high = NUMBER_FIELDS[field]
    cuts = kb.index.cuts.get(field, ())
    for cut in sorted(cuts):
        for value in (cut - 1, cut, cut + 1):
            if value >= low and (high is None or value <= high):
                yield int(value) if field != "duration_minutes" else value

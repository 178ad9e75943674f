"""A question's ``asks_when`` as the Questionnaire's ``enableWhen`` and ``enableBehavior``.

R4's ``enableWhen`` is one flat list joined by one ``enableBehavior`` (all or any), and each
entry compares one question's answer. A condition becomes such a list when it can be written
exactly as one: a choice test as "= each passing value" (any) or "!= each failing value" (all),
a yes/no term of a list field as the questions whose answer adds it, a number test as its
comparisons. R4 reads ``!=`` as true when the question has no answer and ``= `` as false, which
is how ``if_unknown`` is kept (with ``exists`` where needed).

A condition that no flat list states exactly (an ``all`` of which some part is itself an
``any``, a number range that also holds when the number is not known, a ``not``) gets the
nearest list that is **wider**: the question is then shown in more cases than spasmcare asks
it, never in fewer, so no question spasmcare would ask is hidden. Such a question carries the
full condition in words in the ``asked-when`` extension, and ``Skip.exact`` is false.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from spasmcare import vocabulary as v
from spasmcare.fhir.terminology import BASE, JSON
from spasmcare.kb import rules
from spasmcare.kb.load import KnowledgeBase
from spasmcare.kb.schema import Question

COMPARISONS: Final = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<"}
DECIMAL_FIELDS: Final = frozenset({"duration_minutes"})

# (the list if behaviour "any" says it exactly, the list if behaviour "all" does); None: cannot
Flat = tuple[list[JSON] | None, list[JSON] | None]


@dataclass(frozen=True)
class Skip:
    """A question's enableWhen list, its behaviour, and whether it states the condition."""

    behavior: str
    conditions: tuple[JSON, ...]
    exact: bool

    def fields(self) -> JSON:
        """The Questionnaire item's enableWhen and enableBehavior (none when always asked)."""
        if not self.conditions:
            return {}
        found: JSON = {"enableWhen": list(self.conditions)}
        if len(self.conditions) > 1:
            found["enableBehavior"] = self.behavior
        return found


def skip(kb: KnowledgeBase, q: Question) -> Skip:
    """When ``q`` is enabled: exactly ``asks_when`` where a flat list can say it, else wider."""
    if q.asks_when is None:
        return Skip("all", (), True)
    logic = _Logic(kb)
    any_list, all_list = logic.flat(q.asks_when)
    if any_list is not None and (all_list is None or len(any_list) <= len(all_list)):
        return Skip("any", tuple(any_list), True)
    if all_list is not None:
        return Skip("all", tuple(all_list), True)
    # Wider: an "all" keeps the parts that are plain conjunctions (dropping the rest only
    # widens it); anything else is shown always.
    if isinstance(q.asks_when, rules.All):
        parts = [logic.flat(item) for item in q.asks_when.items]
        kept = [c for _, conjunction in parts if conjunction is not None for c in conjunction]
        if kept:
            return Skip("all", tuple(kept), False)
        first = next((disjunction for disjunction, _ in parts if disjunction is not None), None)
        if first is not None:
            return Skip("any", tuple(first), False)
    return Skip("all", (), False)


class _Logic:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.by_field: dict[str, list[Question]] = {}
        for q in kb.questions:
            self.by_field.setdefault(q.field, []).append(q)

    def flat(self, condition: rules.Condition) -> Flat:
        if isinstance(condition, rules.Test):
            return self.test(condition)
        if isinstance(condition, rules.All | rules.AnyOf):
            parts = [self.flat(item) for item in condition.items]
            joined = [p[1] if isinstance(condition, rules.All) else p[0] for p in parts]
            whole = _concat(joined)
            if len(parts) == 1:
                return parts[0]
            if isinstance(condition, rules.All):
                return (whole if whole is not None and len(whole) == 1 else None), whole
            return whole, (whole if whole is not None and len(whole) == 1 else None)
        return None, None  # a "not": no question carries one today

    def test(self, test: rules.Test) -> Flat:
        unknown = test.holds({})
        fillers = self.by_field.get(test.field, [])
        if test.field in v.TERM_LIST_FIELDS:
            return self.terms(test, unknown)
        if len(fillers) != 1:
            return None, None
        q = fillers[0]
        ops = test.resolved()
        if q.type in ("single_choice", "region") or test.field in v.BOOLEAN_FIELDS:
            values = self.values(q)
            passing = [x for x in values if all(op.passes(c, x) for op, c in ops)]
            failing = [x for x in values if x not in passing]
            any_list = [_entry(q, "=", values[x]) for x in passing]
            all_list = [_entry(q, "!=", values[x]) for x in failing]
            if unknown:
                any_list.append(_exists(q, False))
            else:
                all_list.insert(0, _exists(q, True))
            return (any_list or None), (all_list or None)
        if q.type == "number":
            found: list[JSON] = []
            for op, operand in ops:
                if op.name == "known":
                    found.append(_exists(q, bool(operand)))
                elif op.name in COMPARISONS:
                    found.append(_entry(q, COMPARISONS[op.name], _number(q, operand)))
                else:
                    return None, None
            if unknown:
                if len(found) == 1 and found[0]["operator"] != "exists":
                    return [found[0], _exists(q, False)], None
                return None, None
            return (found if len(found) == 1 else None), found
        return None, None

    def terms(self, test: rules.Test, unknown: bool) -> Flat:
        """A list field: each term is the yes of a yes/no question or a choice of a question."""
        conjunction: list[JSON] = []
        disjunction: list[JSON] | None = None
        ops = test.resolved()
        for op, operand in ops:
            sources = {term: self.sources(test.field, term) for term in sorted(operand)}
            said = [entry for found in sources.values() for entry in found]
            if op.name == "has_any" and not unknown:
                disjunction = said
                if len(said) == 1:
                    conjunction += said
                elif len(ops) > 1:
                    return None, None
            elif op.name == "has_none" and unknown:
                conjunction += [{**entry, "operator": "!="} for entry in said]
            elif op.name == "has_all" and not unknown and _single(sources):
                conjunction += said
            else:
                return None, None
        if len(ops) == 1 and disjunction is not None:
            return disjunction, (conjunction if len(disjunction) == 1 else None)
        return (conjunction if len(conjunction) == 1 else None), conjunction

    def sources(self, field: str, term: str) -> list[JSON]:
        found = []
        for q in self.by_field.get(field, []):
            if q.type == "yes_no" and q.term == term:
                found.append(_entry(q, "=", {"answerBoolean": True}))
            for choice in q.choices:
                if choice.value == term:
                    coding = {"system": answer_system(q), "code": choice.id}
                    coding["display"] = choice.label
                    found.append(_entry(q, "=", {"answerCoding": coding}))
        return found

    def values(self, q: Question) -> dict[Any, JSON]:
        if q.type == "yes_no":
            return {True: {"answerBoolean": True}, False: {"answerBoolean": False}}
        return {value: {"answerCoding": coding} for value, coding in options(self.kb, q).items()}


def answer_system(q: Question) -> str:
    """The CodeSystem of a question's answers."""
    return f"{BASE}/CodeSystem/{q.id}"


def options(kb: KnowledgeBase, q: Question) -> dict[Any, JSON]:
    """Answer codings keyed by the case value they stand for (choices that give no value, such
    as "not sure", are left out: an unanswered question says the same)."""
    system = answer_system(q)
    if q.type == "region":
        return {
            r: {"system": system, "code": r, "display": kb.label("region", r)} for r in v.REGIONS
        }
    return {
        c.value: {"system": system, "code": c.id, "display": c.label}
        for c in q.choices or ()
        if c.value is not None
    }


def _entry(q: Question, operator: str, answer: JSON) -> JSON:
    return {"question": q.id, "operator": operator, **answer}


def _exists(q: Question, present: bool) -> JSON:
    return {"question": q.id, "operator": "exists", "answerBoolean": present}


def _number(q: Question, value: float) -> JSON:
    if q.field in DECIMAL_FIELDS:
        return {"answerDecimal": float(value)}
    return {"answerInteger": int(value)} if float(value).is_integer() else {"answerDecimal": value}


def _concat(lists: Iterable[list[JSON] | None]) -> list[JSON] | None:
    found: list[JSON] = []
    for part in lists:
        if part is None:
            return None
        found += part
    return found


def _single(sources: dict[str, list[JSON]]) -> bool:
    return all(len(found) == 1 for found in sources.values())

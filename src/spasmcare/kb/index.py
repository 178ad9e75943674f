"""Rule indexes: which of many conditions hold for a case, testing only those that could.

Most rules can hold only when some answer is present: ``associated: {has_any: [fever]}`` needs
the fever answer, ``age: {gte: 50}`` needs an age at or above 50, and an ``all`` needs what any
one of its parts needs. Each rule is filed under those answers (its triggers). A case looks up
the rules filed under its own answers; a rule whose single test asks for nothing but such an
answer holds outright, the others are tested (compiled on first use). Rules that no answer can
rule out (``if_unknown``, ``not``, ``has_none``) are tested for every case. Numbers become
answers by where they fall among the thresholds the rules compare them with, so a number test
is filed like a term. The index only saves work: it gives the same verdict as ``rules.holds``.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Generic, TypeVar

from spasmcare import vocabulary as v
from spasmcare.kb import rules, schema
from spasmcare.kb.codegen import compiled_test
from spasmcare.kb.walk import Rules, conditions_of
from spasmcare.vocabulary import DISPOSITIONS

T = TypeVar("T")
# An answer: a field with one of its terms (list fields), its value (single-valued fields) or,
# for a number, which stretch between the thresholds the rules use it falls in: "region=calf",
# "pregnant=True", "age#3". Strings, because a string keeps its hash for every lookup.
Answer = str
# Per numeric field, the thresholds the rules compare it with, in ascending order.
Cuts = dict[str, tuple[float, ...]]


def cuts_of(conditions: Iterable[rules.Condition | None]) -> Cuts:
    found: dict[str, set[float]] = {}
    for condition in conditions:
        for test in rules.tests_of(condition) if condition is not None else ():
            for op, operand in test.operators:
                if op in rules.NUMBER_OPERATORS:
                    found.setdefault(test.field, set()).add(operand)
    return {field: tuple(sorted(values)) for field, values in found.items()}


def stretch(cuts: tuple[float, ...], value: float) -> int:
    """Where a value lies among the thresholds: 2i for below the i-th (and above the one
    before), 2i + 1 for equal to it. Every number test gives one verdict per stretch."""
    i = bisect_left(cuts, value)
    return 2 * i + 1 if i < len(cuts) and cuts[i] == value else 2 * i


def triggers(condition: rules.Condition, cuts: Cuts) -> tuple[frozenset[Answer], bool] | None:
    """Answers at least one of which the case must have for the condition to hold, and whether
    having one is enough (exact); None when the condition can hold without any answer."""
    return condition.needs(lambda test: _test_triggers(test, cuts))


def _test_triggers(test: rules.Test, cuts: Cuts) -> tuple[frozenset[Answer], bool] | None:
    if test.reads_absence:
        return None  # decided by whether the answer is missing
    field = test.field
    if field in v.NUMBER_FIELDS:
        inside = _inside(cuts[field])
        held = [k for k, value in enumerate(inside) if test.holds({field: value})]
        return frozenset(f"{field}#{k}" for k in held), True
    # Filed under the answers of the operator that ranks first (see ``Operator.rank``).
    options = [
        (op.rank, op.answers(field, operand))
        for op, operand in test.resolved()
        if op.rank is not None
    ]
    if not options:
        return None  # has_none: holds when terms are absent
    _, found = min(options, key=lambda option: option[0])
    assert found is not None
    values, enough = found
    return frozenset(f"{field}={t}" for t in values), enough and len(test.operators) == 1


def _inside(edges: tuple[float, ...]) -> list[float]:
    """One value inside each stretch, in order: below the lowest threshold, at each threshold
    and between it and the next, and above the highest."""
    values = [edges[0] - 1]
    for low, high in pairwise(edges):
        values += [low, (low + high) / 2]
    return [*values, edges[-1], edges[-1] + 1]


def answers_of(facts: rules.Facts, cuts: Cuts) -> list[Answer]:
    """The case's answers in the form rules are filed under."""
    answers: list[Answer] = []
    for name, value in facts.items():
        if isinstance(value, frozenset):
            answers += [f"{name}={term}" for term in value]
        elif isinstance(value, str | bool):
            answers.append(f"{name}={value}")
        elif value is not None and name in cuts:
            answers.append(f"{name}#{stretch(cuts[name], value)}")
    return answers


class IndexedFacts(dict[str, rules.Value]):
    """Case facts that work out their answers once, for every index an assessment consults
    (so they are not to be changed once made)."""

    _answers: tuple[Cuts, list[Answer]] | None = None

    def answers(self, cuts: Cuts) -> list[Answer]:
        if self._answers is None or self._answers[0] is not cuts:
            self._answers = (cuts, answers_of(self, cuts))
        return self._answers[1]


class RuleIndex(Generic[T]):
    """Entries with their conditions (None: always holds), filed by their triggers."""

    def __init__(
        self, entries: Iterable[tuple[T, rules.Condition | None]], cuts: Cuts | None = None
    ) -> None:
        pairs = list(entries)
        self._cuts = cuts if cuts is not None else cuts_of(c for _, c in pairs)
        self._entries: list[T] = []
        # The test each candidate must still pass, None when being a candidate is enough.
        self._tests: list[Callable[[rules.Facts], bool] | None] = []
        self._always: list[int] = []
        self._by_answer: dict[Answer, list[int]] = {}
        for position, (entry, condition) in enumerate(pairs):
            found = None if condition is None else triggers(condition, self._cuts)
            if found is None:
                self._always.append(position)
            for answer in found[0] if found else ():
                self._by_answer.setdefault(answer, []).append(position)
            self._entries.append(entry)
            if condition is None or (found is not None and found[1]):
                self._tests.append(None)  # being a candidate is enough
            else:
                self._tests.append(self._compiling(position, condition))

    def holding(self, facts: rules.Facts) -> list[T]:
        """The entries whose condition holds, in the order they were given."""
        cuts = self._cuts
        answers = (
            facts.answers(cuts) if isinstance(facts, IndexedFacts) else answers_of(facts, cuts)
        )
        candidates = set(self._always)
        for hit in map(self._by_answer.get, answers):
            if hit:
                candidates.update(hit)
        entries, tests = self._entries, self._tests
        return [
            entries[position]
            for position in sorted(candidates)
            if (test := tests[position]) is None or test(facts)
        ]

    def _compiling(
        self, position: int, condition: rules.Condition
    ) -> Callable[[rules.Facts], bool]:
        """A test that compiles its condition on first use, so start-up stays quick."""

        def first_use(facts: rules.Facts) -> bool:
            test = self._tests[position] = compiled_test(condition)
            return test(facts)

        return first_use


Findings = RuleIndex[tuple[str, float, schema.Finding]]


@dataclass(frozen=True)
class ScreenItem:
    """One item of the pain-relief screen: a reason to avoid a drug or to check first."""

    drug: schema.OtcDrug
    rule: schema.ScreenRule
    stops: bool


@dataclass(frozen=True)
class RuleIndexes:
    """An index over each kind of rule the engine evaluates for every case."""

    red_flags: RuleIndex[schema.RedFlag]
    causes: RuleIndex[tuple[str, float]]  # (cause id, prior log odds)
    steps: dict[str, RuleIndex[schema.CareStep]]  # by disposition: the steps offered at it
    cautions: RuleIndex[tuple[str, str]]  # (care step id, caution text)
    safety_net: RuleIndex[schema.SafetyNet]
    myths: RuleIndex[schema.Myth]
    screen: RuleIndex[ScreenItem]
    cuts: Cuts
    all_causes: tuple[schema.Cause, ...]
    _findings: dict[str | None, Findings] = field(default_factory=dict)

    @classmethod
    def of(cls, kb: Rules) -> RuleIndexes:
        cuts = cuts_of(condition for _, _, condition in conditions_of(kb))

        def index(pairs: Iterable[tuple[T, rules.Condition | None]]) -> RuleIndex[T]:
            return RuleIndex(pairs, cuts)

        return cls(
            red_flags=index((flag, flag.when) for flag in kb.red_flags),
            causes=index(
                ((cause.id, math.log(cause.prior / (1 - cause.prior))), cause.requires)
                for cause in kb.causes.values()
            ),
            cuts=cuts,
            all_causes=tuple(kb.causes.values()),
            steps={
                disposition: index(
                    (step, step.applies_when)
                    for step in kb.steps
                    if disposition in step.dispositions
                )
                for disposition in DISPOSITIONS
            },
            cautions=index(
                ((step.id, caution.text), caution.when)
                for step in kb.steps
                for caution in step.cautions
            ),
            safety_net=index((line, line.applies_when) for line in kb.safety_net),
            myths=index((myth, myth.applies_when) for myth in kb.myths),
            screen=index(
                (ScreenItem(drug, item, stops), item.when)
                for drug in kb.otc_screen
                for stops, items in ((True, drug.stop), (False, drug.caution))
                for item in items
            ),
        )

    def findings(self, region: str | None) -> Findings:
        """The findings of the causes whose gate can hold in this region, as (cause id, weight,
        finding); made for a region when it first comes up."""
        found = self._findings.get(region)
        if found is None:
            found = self._findings[region] = RuleIndex(
                [
                    ((cause.id, finding.weight, finding), finding.when)
                    for cause in self.all_causes
                    if _possible_in(cause.requires, region, self.cuts)
                    for finding in cause.findings
                ],
                self.cuts,
            )
        return found


def _possible_in(gate: rules.Condition | None, region: str | None, cuts: Cuts) -> bool:
    """Whether a gate can hold for a case in this region (False only when it needs another)."""
    found = None if gate is None else triggers(gate, cuts)
    if found is None:
        return True
    needed = found[0]
    return f"region={region}" in needed or not all(a.startswith("region=") for a in needed)

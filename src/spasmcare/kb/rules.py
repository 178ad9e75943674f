"""The rule language: declarative conditions over case facts, written as YAML.

A condition is one of:

- ``{all: [cond, ...]}``: every condition holds;
- ``{any: [cond, ...]}``: at least one holds;
- ``{not: cond}``: the condition does not hold;
- ``{FIELD: {OPERATOR: VALUE, ...}}``: a test of one case field; several operators must all hold.

Operators: ``in`` / ``not_in`` (single-valued fields), ``has_any`` / ``has_all`` / ``has_none``
(list fields), ``is`` (booleans), ``gte`` / ``gt`` / ``lte`` / ``lt`` (numbers), ``known``
(true when the field has a value). A value list may name a region group as ``@leg``.

A field that is not known (missing or null) makes its test take the value of ``if_unknown``
(default false), so a reviewer decides, rule by rule, where an unknown answer must count as
present: for example ``age: {gte: 50, if_unknown: true}`` keeps an unknown age from earning
age-based reassurance. List fields that are missing count as unknown too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from spasmcare import vocabulary as v
from spasmcare.kb.operators import LIST_FIELDS, NUMBER_OPERATORS, TABLE, Operator, RuleError

__all__ = [
    "LIST_FIELDS",
    "NUMBER_OPERATORS",
    "OPERATORS",
    "All",
    "AnyOf",
    "Condition",
    "Facts",
    "Not",
    "RuleError",
    "Test",
    "Value",
    "describe",
    "explain",
    "fields_of",
    "holds",
    "parse",
    "settle",
    "tests_of",
]

Value = str | bool | float | int | frozenset[str] | None
Facts = Mapping[str, Value]
OpenTerms = Mapping[str, frozenset[str] | None]
OPERATORS = frozenset(TABLE)
# What a condition needs of a case for it to hold (the rule indexes' triggers): the answers
# at least one of which it needs and whether one is enough; None when it needs none.
Needs = tuple[frozenset[str], bool] | None

# Each kind of condition below evaluates, explains, settles, compiles, describes and walks
# itself; the field operators are defined once, in ``operators``.


@dataclass(frozen=True)
class Test:
    """A test of one case field: every operator must pass."""

    field: str
    operators: tuple[tuple[str, Any], ...]
    if_unknown: bool = False
    # The operators resolved to their definitions, and the verdict when the field has no value.
    _resolved: tuple[tuple[Operator, Any], ...] = dataclasses.field(
        init=False, repr=False, compare=False, hash=False
    )
    _unknown: bool = dataclasses.field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        resolved = tuple((TABLE[op], operand) for op, operand in self.operators)
        object.__setattr__(self, "_resolved", resolved)
        unknown = self.if_unknown or any(op.holds_when_unknown(x) for op, x in resolved)
        object.__setattr__(self, "_unknown", unknown)

    def holds(self, facts: Facts) -> bool:
        value = facts.get(self.field)
        if value is None:
            return self._unknown
        for op, operand in self._resolved:  # noqa: SIM110 (a loop is faster here)
            if not op.passes(operand, value):
                return False
        return True

    def explain(self, facts: Facts) -> list[str] | None:
        value = facts.get(self.field)
        if value is None:
            return [f"{self.field}: not known"] if self._unknown else None
        matched: list[str] = []
        for op, operand in self._resolved:
            part = op.matched(operand, value)
            if part is None:
                return None
            matched += [f"{self.field}: {fact}" for fact in part]
        return matched

    def settle(self, facts: Facts, open_terms: OpenTerms) -> bool | None:
        if self.field not in LIST_FIELDS:
            if facts.get(self.field) is None:
                return None
            return self.explain(facts) is not None
        if self.field in open_terms and open_terms[self.field] is None:
            return None
        present = facts.get(self.field)
        have = present if isinstance(present, frozenset) else frozenset()
        still = open_terms.get(self.field) or frozenset()
        verdicts = [op.settle(operand, have, still) for op, operand in self._resolved]
        if False in verdicts:
            return False
        return None if None in verdicts else True

    def source(self, constants: dict[str, object]) -> str:
        value = f"_v{len(constants)}"
        checks = [
            op.code.format(v=value, c=_constant(operand, constants))
            for op, operand in self._resolved
        ]
        read = f"({value} := facts.get({self.field!r})) is None"
        return f"({self._unknown} if {read} else ({' and '.join(checks)}))"

    def needs(self, of_test: Callable[[Test], Needs]) -> Needs:
        return of_test(self)

    def describe(self) -> str:
        parts = [op.describe(operand) for op, operand in self._resolved]
        unknown = " (counts as true when not known)" if self.if_unknown else ""
        return f"{self.field.replace('_', ' ')} {' and '.join(parts)}{unknown}"

    def tests(self) -> Iterator[Test]:
        yield self

    @property
    def reads_absence(self) -> bool:
        """Whether the verdict can rest on the field having no value (never indexed)."""
        return self.if_unknown or any(op.name == "known" for op, _ in self._resolved)

    def resolved(self) -> tuple[tuple[Operator, Any], ...]:
        return self._resolved


@dataclass(frozen=True)
class All:
    """Every condition holds."""

    items: tuple[Condition, ...]

    def holds(self, facts: Facts) -> bool:
        for item in self.items:  # noqa: SIM110
            if not item.holds(facts):
                return False
        return True

    def explain(self, facts: Facts) -> list[str] | None:
        because: list[str] = []
        for item in self.items:
            part = item.explain(facts)
            if part is None:
                return None
            because += part
        return _unique(because)

    def settle(self, facts: Facts, open_terms: OpenTerms) -> bool | None:
        return _settle_items(self.items, facts, open_terms, decisive=False)

    def source(self, constants: dict[str, object]) -> str:
        return "(" + " and ".join(item.source(constants) for item in self.items) + ")"

    def needs(self, of_test: Callable[[Test], Needs]) -> Needs:
        # What any one part needs, the fewest answers; enough only for a single part.
        options = [n for n in (item.needs(of_test) for item in self.items) if n is not None]
        if not options:
            return None
        fewest = min((answers for answers, _ in options), key=len)
        return fewest, len(self.items) == 1 and options[0][1]

    def describe(self) -> str:
        return _joined(" AND ", self.items)

    def tests(self) -> Iterator[Test]:
        for item in self.items:
            yield from item.tests()


@dataclass(frozen=True)
class AnyOf:
    """At least one condition holds (``any`` in the YAML)."""

    items: tuple[Condition, ...]

    def holds(self, facts: Facts) -> bool:
        for item in self.items:  # noqa: SIM110
            if item.holds(facts):
                return True
        return False

    def explain(self, facts: Facts) -> list[str] | None:
        because: list[str] = []
        held = False
        for item in self.items:
            part = item.explain(facts)
            if part is not None:
                held = True
                because += part
        return _unique(because) if held else None

    def settle(self, facts: Facts, open_terms: OpenTerms) -> bool | None:
        return _settle_items(self.items, facts, open_terms, decisive=True)

    def source(self, constants: dict[str, object]) -> str:
        return "(" + " or ".join(item.source(constants) for item in self.items) + ")"

    def needs(self, of_test: Callable[[Test], Needs]) -> Needs:
        # What every part needs together; none when some part needs nothing.
        parts = [item.needs(of_test) for item in self.items]
        if any(part is None for part in parts):
            return None
        known = [part for part in parts if part is not None]
        return frozenset().union(*(a for a, _ in known)), all(exact for _, exact in known)

    def describe(self) -> str:
        return _joined(" OR ", self.items)

    def tests(self) -> Iterator[Test]:
        for item in self.items:
            yield from item.tests()


@dataclass(frozen=True)
class Not:
    """The condition does not hold."""

    item: Condition

    def holds(self, facts: Facts) -> bool:
        return not self.item.holds(facts)

    def explain(self, facts: Facts) -> list[str] | None:
        return [] if self.item.explain(facts) is None else None

    def settle(self, facts: Facts, open_terms: OpenTerms) -> bool | None:
        inner = self.item.settle(facts, open_terms)
        return None if inner is None else not inner

    def source(self, constants: dict[str, object]) -> str:
        return f"(not {self.item.source(constants)})"

    def needs(self, of_test: Callable[[Test], Needs]) -> Needs:
        return None  # holds when something is absent

    def describe(self) -> str:
        return f"not ({self.item.describe()})"

    def tests(self) -> Iterator[Test]:
        yield from self.item.tests()


Condition = Test | All | AnyOf | Not
COMBINATORS: dict[str, Callable[[tuple[Condition, ...]], Condition]] = {
    "all": All,
    "any": AnyOf,
    "not": lambda items: Not(items[0]),
}


def _settle_items(
    items: tuple[Condition, ...], facts: Facts, open_terms: OpenTerms, decisive: bool
) -> bool | None:
    """``all`` (decisive False) or ``any`` (decisive True) in three values; stops at the first
    decisive item, as ``holds`` does."""
    undecided = False
    for item in items:
        value = item.settle(facts, open_terms)
        if value is decisive:
            return decisive
        undecided = undecided or value is None
    return None if undecided else not decisive


def _joined(joiner: str, items: tuple[Condition, ...]) -> str:
    inner = [item.describe() for item in items]
    return inner[0] if len(inner) == 1 else "(" + joiner.join(inner) + ")"


def _constant(value: object, constants: dict[str, object]) -> str:
    """Binds a value as a constant of compiled code; its name is what the code reads."""
    name = f"_c{len(constants)}"
    constants[name] = value
    return name


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- parsing -------------------------------------------------------------------------------


def parse(raw: object, path: str = "when") -> Condition:
    """Parse a YAML condition, checking fields, operators and vocabulary terms."""
    if not isinstance(raw, dict) or len(raw) != 1:
        raise RuleError(
            path, "a condition is a mapping with exactly one key: all, any, not or a field"
        )
    ((key, body),) = raw.items()
    if key in ("all", "any"):
        if not isinstance(body, list) or not body:
            raise RuleError(f"{path}.{key}", "expects a non-empty list of conditions")
        items = tuple(parse(item, f"{path}.{key}[{i}]") for i, item in enumerate(body))
        return COMBINATORS[key](items)
    if key == "not":
        return COMBINATORS[key]((parse(body, f"{path}.not"),))
    return _parse_test(str(key), body, f"{path}.{key}")


def _parse_test(field: str, body: object, path: str) -> Test:
    if field not in v.CASE_FIELDS:
        raise RuleError(path, f"unknown case field {field!r}; allowed: {', '.join(v.CASE_FIELDS)}")
    if not isinstance(body, dict) or not body:
        raise RuleError(path, "a field test is a mapping of operators, e.g. {has_any: [fever]}")
    if_unknown = body.get("if_unknown", False)
    if not isinstance(if_unknown, bool):
        raise RuleError(f"{path}.if_unknown", "must be true or false")
    operators = []
    for op, value in body.items():
        if op == "if_unknown":
            continue
        if op not in TABLE:
            raise RuleError(
                f"{path}.{op}", f"unknown operator; allowed: {', '.join(sorted(OPERATORS))}"
            )
        operators.append((op, TABLE[op].operand(field, value, f"{path}.{op}")))
    if not operators:
        raise RuleError(path, "a field test needs at least one operator")
    return Test(field, tuple(operators), if_unknown)


# --- the same, as functions of a condition -------------------------------------------------


def holds(condition: Condition, facts: Facts) -> bool:
    """Whether the condition holds for these facts: ``explain`` without collecting the facts,
    which the engine calls a thousand times an assessment."""
    return condition.holds(facts)


def explain(condition: Condition, facts: Facts) -> list[str] | None:
    """The facts that made the condition hold (possibly empty), or None when it does not."""
    return condition.explain(facts)


def settle(condition: Condition, facts: Facts, open_terms: OpenTerms) -> bool | None:
    """Three-valued evaluation for an interview still under way: True or False when the answers
    so far decide the condition, None while an unanswered question could still change it.

    ``open_terms`` gives, per list field, the terms not yet asked about (None: the whole field
    is still open); a single-valued field that is not known is open.
    """
    return condition.settle(facts, open_terms)


def describe(condition: Condition) -> str:
    """The condition in words, for clinical review."""
    return condition.describe()


def tests_of(condition: Condition) -> Iterator[Test]:
    """Every field test inside a condition."""
    return condition.tests()


def fields_of(condition: Condition) -> set[str]:
    """Every case field a condition reads."""
    return {test.field for test in condition.tests()}

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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any as AnyType

from spasmcare import vocabulary as v

Value = str | bool | float | int | frozenset[str] | None
Facts = Mapping[str, Value]

SCALAR_OPERATORS = frozenset({"in", "not_in"})
LIST_OPERATORS = frozenset({"has_any", "has_all", "has_none"})
NUMBER_OPERATORS = frozenset({"gte", "gt", "lte", "lt"})
OPERATORS = SCALAR_OPERATORS | LIST_OPERATORS | NUMBER_OPERATORS | {"is", "known"}

LIST_FIELDS = frozenset(v.TERM_LIST_FIELDS) | frozenset(v.NAME_LIST_FIELDS)


class RuleError(ValueError):
    """A condition that does not follow the rule language; ``path`` says where."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Test:
    field: str
    operators: tuple[tuple[str, AnyType], ...]
    if_unknown: bool = False


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Any:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = Test | All | Any | Not


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
        return All(items) if key == "all" else Any(items)
    if key == "not":
        return Not(parse(body, f"{path}.not"))
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
        if op not in OPERATORS:
            raise RuleError(
                f"{path}.{op}", f"unknown operator; allowed: {', '.join(sorted(OPERATORS))}"
            )
        operators.append((op, _check_operand(field, op, value, f"{path}.{op}")))
    if not operators:
        raise RuleError(path, "a field test needs at least one operator")
    return Test(field, tuple(operators), if_unknown)


def _check_operand(field: str, op: str, value: object, path: str) -> object:
    if op == "known":
        if not isinstance(value, bool):
            raise RuleError(path, "expects true or false")
        return value
    if op == "is":
        if field not in v.BOOLEAN_FIELDS or not isinstance(value, bool):
            raise RuleError(
                path,
                f"'is' takes true or false and a boolean field ({', '.join(v.BOOLEAN_FIELDS)})",
            )
        return value
    if op in NUMBER_OPERATORS:
        if (
            field not in v.NUMBER_FIELDS
            or isinstance(value, bool)
            or not isinstance(value, int | float)
        ):
            raise RuleError(
                path, f"{op!r} takes a number and a numeric field ({', '.join(v.NUMBER_FIELDS)})"
            )
        return float(value)
    wants_list = op in LIST_OPERATORS
    if wants_list != (field in LIST_FIELDS) or field not in (LIST_FIELDS | set(v.ENUM_FIELDS)):
        kind = "list" if wants_list else "single-valued"
        raise RuleError(path, f"{op!r} applies to {kind} fields, not to {field!r}")
    if not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value):
        raise RuleError(path, "expects a non-empty list of terms")
    return frozenset(_expand_terms(field, value, path))


def _expand_terms(field: str, terms: list[str], path: str) -> Iterator[str]:
    allowed = v.ENUM_FIELDS.get(field) or v.TERM_LIST_FIELDS.get(field)
    for term in terms:
        if term.startswith("@"):
            group = v.REGION_GROUPS.get(term[1:])
            if field != "region" or group is None:
                raise RuleError(
                    path,
                    f"unknown group {term!r}; region groups: "
                    + ", ".join("@" + g for g in v.REGION_GROUPS),
                )
            yield from group
        elif allowed is not None and term not in allowed:
            raise RuleError(path, f"{term!r} is not a {field} term; allowed: {', '.join(allowed)}")
        else:
            yield term


# --- evaluation ----------------------------------------------------------------------------


def holds(condition: Condition, facts: Facts) -> bool:
    """Whether the condition holds for these facts: ``explain`` without collecting the facts,
    which the engine calls a thousand times an assessment (loops, not generators, for speed).
    """
    if isinstance(condition, Test):
        value = facts.get(condition.field)
        if value is None:
            return condition.if_unknown or dict(condition.operators).get("known") is False
        for op, operand in condition.operators:  # noqa: SIM110 (a loop is faster here)
            if not _passes(op, operand, value):
                return False
        return True
    if isinstance(condition, All):
        for item in condition.items:  # noqa: SIM110
            if not holds(item, facts):
                return False
        return True
    if isinstance(condition, Any):
        for item in condition.items:  # noqa: SIM110
            if holds(item, facts):
                return True
        return False
    return not holds(condition.item, facts)


def _passes(op: str, operand: AnyType, value: AnyType) -> bool:
    if op == "has_any":
        return not operand.isdisjoint(value)
    if op == "in":
        return value in operand
    if op == "not_in":
        return value not in operand
    if op == "gte":
        return bool(value >= operand)
    if op == "lt":
        return bool(value < operand)
    if op == "lte":
        return bool(value <= operand)
    if op == "gt":
        return bool(value > operand)
    return _apply(op, operand, value) is not None


def explain(condition: Condition, facts: Facts) -> list[str] | None:
    """The facts that made the condition hold (possibly empty), or None when it does not."""
    if isinstance(condition, Test):
        return _explain_test(condition, facts)
    if isinstance(condition, All | Any):
        everything = isinstance(condition, All)
        because: list[str] = []
        held = False
        for item in condition.items:
            part = explain(item, facts)
            if part is None:
                if everything:
                    return None
                continue
            held = True
            because += part
        return _unique(because) if held else None
    return [] if explain(condition.item, facts) is None else None


def _explain_test(test: Test, facts: Facts) -> list[str] | None:
    value = facts.get(test.field)
    if value is None:
        if dict(test.operators).get("known") is False:
            return [f"{test.field}: not known"]
        return [f"{test.field}: not known"] if test.if_unknown else None
    matched: list[str] = []
    for op, operand in test.operators:
        part = _apply(op, operand, value)
        if part is None:
            return None
        matched += [f"{test.field}: {fact}" for fact in part]
    return matched


def _apply(op: str, operand: AnyType, value: Value) -> list[str] | None:
    """Apply one operator to a known value: the matched items, or None when it fails."""
    if op == "has_any":
        assert isinstance(value, frozenset)
        return sorted(value & operand) or None
    if op == "in":
        return [str(value)] if value in operand else None
    if op in NUMBER_OPERATORS:
        assert isinstance(value, int | float)
        return [_number(value)] if _passes(op, operand, value) else None
    if op == "known":
        return [] if operand else None
    if op == "is":
        return ["yes" if value else "no"] if value == operand else None
    if op == "not_in":
        return [] if value not in operand else None
    assert isinstance(value, frozenset)
    if op == "has_all":
        return sorted(operand) if operand <= value else None
    return [] if not value & operand else None  # has_none


def settle(
    condition: Condition, facts: Facts, open_terms: Mapping[str, frozenset[str] | None]
) -> bool | None:
    """Three-valued evaluation for an interview still under way: True or False when the answers
    so far decide the condition, None while an unanswered question could still change it.

    ``open_terms`` gives, per list field, the terms not yet asked about (None: the whole field
    is still open); a single-valued field that is not known is open.
    """
    if isinstance(condition, Test):
        return _settle_test(condition, facts, open_terms)
    if isinstance(condition, Not):
        inner = settle(condition.item, facts, open_terms)
        return None if inner is None else not inner
    decisive = isinstance(condition, Any)
    undecided = False
    for item in condition.items:  # stops at the first decisive item, as holds() does
        value = settle(item, facts, open_terms)
        if value is decisive:
            return decisive
        undecided = undecided or value is None
    return None if undecided else not decisive


def _settle_test(
    test: Test, facts: Facts, open_terms: Mapping[str, frozenset[str] | None]
) -> bool | None:
    if test.field not in LIST_FIELDS:
        if facts.get(test.field) is None:
            return None
        return _explain_test(test, facts) is not None
    if test.field in open_terms and open_terms[test.field] is None:
        return None
    present = facts.get(test.field)
    have = present if isinstance(present, frozenset) else frozenset()
    still = open_terms.get(test.field) or frozenset()
    verdicts: list[bool | None] = []
    for op, operand in test.operators:
        if op == "has_any":
            verdicts.append(True if have & operand else (None if still & operand else False))
        elif op == "has_all":
            done = operand <= have
            verdicts.append(True if done else (None if operand <= have | still else False))
        elif op == "has_none":
            verdicts.append(False if have & operand else (None if still & operand else True))
        else:  # known
            verdicts.append(bool(operand))
    if False in verdicts:
        return False
    return None if None in verdicts else True


def fields_of(condition: Condition) -> set[str]:
    """Every case field a condition reads."""
    if isinstance(condition, Test):
        return {condition.field}
    if isinstance(condition, Not):
        return fields_of(condition.item)
    return set().union(*(fields_of(item) for item in condition.items))


def tests_of(condition: Condition) -> Iterator[Test]:
    """Every field test inside a condition."""
    if isinstance(condition, Test):
        yield condition
    elif isinstance(condition, Not):
        yield from tests_of(condition.item)
    else:
        for item in condition.items:
            yield from tests_of(item)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- description ---------------------------------------------------------------------------

_WORDS = {
    "in": "is {}",
    "not_in": "is not {}",
    "has_any": "includes any of {}",
    "has_all": "includes all of {}",
    "has_none": "includes none of {}",
    "is": "is {}",
    "gte": "is at least {}",
    "gt": "is more than {}",
    "lte": "is at most {}",
    "lt": "is less than {}",
}


def describe(condition: Condition) -> str:
    """The condition in words, for clinical review."""
    if isinstance(condition, Test):
        parts = []
        for op, operand in condition.operators:
            if op == "known":
                parts.append("is known" if operand else "is not known")
                continue
            if isinstance(operand, frozenset):
                shown = (
                    " or ".join(sorted(operand))
                    if op in ("in", "has_any")
                    else ", ".join(sorted(operand))
                )
            elif isinstance(operand, bool):
                shown = "yes" if operand else "no"
            else:
                shown = _number(operand)
            parts.append(_WORDS[op].format(shown))
        unknown = " (counts as true when not known)" if condition.if_unknown else ""
        return f"{condition.field.replace('_', ' ')} {' and '.join(parts)}{unknown}"
    if isinstance(condition, Not):
        return f"not ({describe(condition.item)})"
    joiner = " AND " if isinstance(condition, All) else " OR "
    inner = [describe(item) for item in condition.items]
    if len(inner) == 1:
        return inner[0]
    return "(" + joiner.join(inner) + ")"

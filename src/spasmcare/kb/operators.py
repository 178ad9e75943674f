"""The field operators of the rule language, each defined once.

An operator says, in one class, everything the rest of the code needs to know about it: which
fields and operands it accepts (parsing), whether it passes for a known value (evaluation), the
facts it matched (explanation), its verdict while list terms are still open (an interview under
way), the Python expression it compiles to, the answers a case needs for it to pass (the rule
indexes) and how it reads in words (the handbook). A new operator is a new class in ``TABLE``.

Operands are checked and normalised when a rule is parsed: term lists become frozensets (with
region groups expanded), numbers become floats, booleans stay booleans.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

from spasmcare import vocabulary as v

LIST_FIELDS = frozenset(v.TERM_LIST_FIELDS) | frozenset(v.NAME_LIST_FIELDS)


class RuleError(ValueError):
    """A condition that does not follow the rule language; ``path`` says where."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class Operator:
    """One operator of a field test: ``{FIELD: {name: operand}}``."""

    name: str
    words: str
    """How ``describe`` says it, with ``{}`` for the operand."""
    code: str
    """A Python expression true when the known value ``{v}`` passes against the operand ``{c}``
    (only these fixed snippets and constant names enter compiled code)."""
    rank: int | None = None
    """When a test has several operators, the rule indexes file it under the answers of the
    one with the lowest rank; None: this operator gives no answers to file under."""

    def operand(self, field: str, value: object, path: str) -> object:
        """The checked, normalised operand; RuleError when the field or the value do not fit."""
        raise NotImplementedError

    def passes(self, operand: Any, value: Any) -> bool:
        """Whether a known value passes."""
        raise NotImplementedError

    def matched(self, operand: Any, value: Any) -> list[str] | None:
        """The facts a known value matched (possibly none), or None when it does not pass."""
        return [] if self.passes(operand, value) else None

    def settle(
        self, operand: Any, have: frozenset[str], still: frozenset[str]
    ) -> bool | None:  # pragma: no cover - only list operators and ``known`` reach it
        """For a list field: the verdict given the terms present (``have``) and those not yet
        asked about (``still``); None while an open term could change it."""
        raise AssertionError(f"{self.name} does not apply to list fields")

    def holds_when_unknown(self, operand: Any) -> bool:
        """Whether the test holds when the field has no value (``if_unknown`` aside)."""
        return False

    def answers(self, field: str, operand: Any) -> tuple[frozenset[object], bool] | None:
        """Values of the field at least one of which a case needs for this operator to pass, and
        whether having one is enough; None when it gives none (see ``rank``)."""
        return None

    #: How ``describe`` joins the values of an operand: "calf or thigh" reads as a choice.
    joiner = ", "

    def describe(self, operand: Any) -> str:
        return self.words.format(_shown(operand, self.joiner))

    def __reduce__(self) -> tuple[Callable[[str], Operator], tuple[str]]:
        # Pickled (in the knowledge-base cache) as its name: one definition per operator.
        return named, (self.name,)


class _Terms(Operator):
    """An operator over vocabulary terms; ``lists``: whether it applies to list fields."""

    lists: bool

    def operand(self, field: str, value: object, path: str) -> object:
        if self.lists != (field in LIST_FIELDS) or field not in (LIST_FIELDS | set(v.ENUM_FIELDS)):
            kind = "list" if self.lists else "single-valued"
            raise RuleError(path, f"{self.name!r} applies to {kind} fields, not to {field!r}")
        if not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value):
            raise RuleError(path, "expects a non-empty list of terms")
        return frozenset(_expand_terms(field, value, path))


class In(_Terms):
    name, words, code, rank, lists = "in", "is {}", "{v} in {c}", 0, False
    joiner = " or "

    def passes(self, operand: frozenset[str], value: Any) -> bool:
        return value in operand

    def matched(self, operand: frozenset[str], value: Any) -> list[str] | None:
        return [str(value)] if value in operand else None

    def answers(self, field: str, operand: frozenset[str]) -> tuple[frozenset[object], bool]:
        return frozenset(operand), True


class NotIn(_Terms):
    name, words, code, rank, lists = "not_in", "is not {}", "{v} not in {c}", 1, False

    def passes(self, operand: frozenset[str], value: Any) -> bool:
        return value not in operand

    def answers(self, field: str, operand: frozenset[str]) -> tuple[frozenset[object], bool]:
        return frozenset(t for t in v.ENUM_FIELDS[field] if t not in operand), True


class HasAny(_Terms):
    name, words, code, rank, lists = (
        "has_any",
        "includes any of {}",
        "not {c}.isdisjoint({v})",
        0,
        True,
    )
    joiner = " or "

    def passes(self, operand: frozenset[str], value: frozenset[str]) -> bool:
        return not operand.isdisjoint(value)

    def matched(self, operand: frozenset[str], value: frozenset[str]) -> list[str] | None:
        return sorted(value & operand) or None

    def settle(
        self, operand: frozenset[str], have: frozenset[str], still: frozenset[str]
    ) -> bool | None:
        return True if have & operand else (None if still & operand else False)

    def answers(self, field: str, operand: frozenset[str]) -> tuple[frozenset[object], bool]:
        return frozenset(operand), True


class HasAll(_Terms):
    name, words, code, rank, lists = "has_all", "includes all of {}", "{c} <= {v}", 3, True

    def passes(self, operand: frozenset[str], value: frozenset[str]) -> bool:
        return operand <= value

    def matched(self, operand: frozenset[str], value: frozenset[str]) -> list[str] | None:
        return sorted(operand) if operand <= value else None

    def settle(
        self, operand: frozenset[str], have: frozenset[str], still: frozenset[str]
    ) -> bool | None:
        return True if operand <= have else (None if operand <= have | still else False)

    def answers(self, field: str, operand: frozenset[str]) -> tuple[frozenset[object], bool]:
        return frozenset(operand), False  # one of the terms is needed, but is not enough


class HasNone(_Terms):
    # Holds when terms are absent, so no answer can file it: it is tested for every case.
    name, words, code, lists = "has_none", "includes none of {}", "{c}.isdisjoint({v})", True

    def passes(self, operand: frozenset[str], value: frozenset[str]) -> bool:
        return operand.isdisjoint(value)

    def settle(
        self, operand: frozenset[str], have: frozenset[str], still: frozenset[str]
    ) -> bool | None:
        return False if have & operand else (None if still & operand else True)


class Is(Operator):
    name, words, code, rank = "is", "is {}", "{v} == {c}", 2

    def operand(self, field: str, value: object, path: str) -> object:
        if field not in v.BOOLEAN_FIELDS or not isinstance(value, bool):
            raise RuleError(
                path,
                f"'is' takes true or false and a boolean field ({', '.join(v.BOOLEAN_FIELDS)})",
            )
        return value

    def passes(self, operand: bool, value: Any) -> bool:
        return bool(value == operand)

    def matched(self, operand: bool, value: Any) -> list[str] | None:
        return ["yes" if value else "no"] if value == operand else None

    def answers(self, field: str, operand: bool) -> tuple[frozenset[object], bool]:
        return frozenset({operand}), True


class Compare(Operator):
    """A comparison of a number with a threshold. Number tests are indexed by where the value
    falls among the thresholds (``index.stretch``), not by ``answers``."""

    def __init__(self, name: str, words: str, symbol: str, test: Callable[[Any, Any], Any]) -> None:
        self.name, self.words, self.code, self._test = name, words, f"{{v}} {symbol} {{c}}", test

    def operand(self, field: str, value: object, path: str) -> object:
        if (
            field not in v.NUMBER_FIELDS
            or isinstance(value, bool)
            or not isinstance(value, int | float)
        ):
            raise RuleError(
                path,
                f"{self.name!r} takes a number and a numeric field ({', '.join(v.NUMBER_FIELDS)})",
            )
        return float(value)

    def passes(self, operand: float, value: Any) -> bool:
        return bool(self._test(value, operand))

    def matched(self, operand: float, value: Any) -> list[str] | None:
        return [number(value)] if self._test(value, operand) else None


class Known(Operator):
    """``known: true`` passes when the field has a value, ``known: false`` when it has none;
    a test with it is decided by whether the answer is missing, so it is never indexed."""

    name, code = "known", "{c}"

    def operand(self, field: str, value: object, path: str) -> object:
        if not isinstance(value, bool):
            raise RuleError(path, "expects true or false")
        return value

    def passes(self, operand: bool, value: Any) -> bool:
        return operand

    def settle(self, operand: bool, have: frozenset[str], still: frozenset[str]) -> bool | None:
        return bool(operand)

    def holds_when_unknown(self, operand: bool) -> bool:
        return operand is False

    def describe(self, operand: bool) -> str:
        return "is known" if operand else "is not known"


TABLE: dict[str, Operator] = {
    op.name: op
    for op in (
        In(),
        NotIn(),
        HasAny(),
        HasAll(),
        HasNone(),
        Is(),
        Compare("gte", "is at least {}", ">=", operator.ge),
        Compare("gt", "is more than {}", ">", operator.gt),
        Compare("lte", "is at most {}", "<=", operator.le),
        Compare("lt", "is less than {}", "<", operator.lt),
        Known(),
    )
}
NUMBER_OPERATORS = frozenset(name for name, op in TABLE.items() if isinstance(op, Compare))


def named(name: str) -> Operator:
    """The operator of this name."""
    return TABLE[name]


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _shown(operand: object, joiner: str) -> str:
    if isinstance(operand, frozenset):
        return joiner.join(sorted(operand))
    if isinstance(operand, bool):
        return "yes" if operand else "no"
    assert isinstance(operand, float)
    return number(operand)


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

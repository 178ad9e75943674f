"""Conditions compiled to Python functions, for the rules evaluated for every case.

``rules.holds`` walks the condition tree on each call; a compiled condition is one generated
expression. Only vocabulary field names, fixed operator snippets and the names of constants
enter the generated source: the operands themselves are bound as constants, so nothing from
the rule text is executed, and the code sees no builtins. The tests check every compiled
condition of the knowledge base against ``holds``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from spasmcare.kb.rules import All, Condition, Facts, Not, Test
from spasmcare.kb.rules import Any as AnyOf


def compiled_test(condition: Condition) -> Callable[[Facts], bool]:
    """The condition as a function giving what ``rules.holds`` gives."""
    constants: dict[str, object] = {}
    return cast(Callable[[Facts], bool], _function(_test(condition, constants), constants))


def _function(source: str, constants: dict[str, object]) -> Any:
    return eval(f"lambda facts: {source}", {"__builtins__": {}, **constants})


def _constant(value: object, constants: dict[str, object]) -> str:
    name = f"_c{len(constants)}"
    constants[name] = value
    return name


def _test(condition: Condition, constants: dict[str, object]) -> str:
    if isinstance(condition, All | AnyOf):
        joiner = " and " if isinstance(condition, All) else " or "
        return "(" + joiner.join(_test(item, constants) for item in condition.items) + ")"
    if isinstance(condition, Not):
        return f"(not {_test(condition.item, constants)})"
    value = f"_v{len(constants)}"
    checks = [
        _CHECKS[op].format(v=value, c=_constant(operand, constants))
        for op, operand in condition.operators
    ]
    return f"({_unknown(condition)} if {_read(condition, value)} else ({' and '.join(checks)}))"


# How each operator tests a known value {v} against its operand {c}.
_CHECKS = {
    "has_any": "not {c}.isdisjoint({v})",
    "has_all": "{c} <= {v}",
    "has_none": "{c}.isdisjoint({v})",
    "in": "{v} in {c}",
    "not_in": "{v} not in {c}",
    "is": "{v} == {c}",
    "gte": "{v} >= {c}",
    "gt": "{v} > {c}",
    "lte": "{v} <= {c}",
    "lt": "{v} < {c}",
    "known": "{c}",
}


def _unknown(test: Test) -> bool:
    """What a test gives when its field has no value."""
    return test.if_unknown or ("known", False) in test.operators


def _read(test: Test, value: str) -> str:
    """Reads the field into ``value``; true when the field has no value."""
    return f"({value} := facts.get({test.field!r})) is None"

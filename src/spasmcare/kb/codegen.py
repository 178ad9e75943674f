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

from spasmcare.kb.rules import Condition, Facts


def compiled_test(condition: Condition) -> Callable[[Facts], bool]:
    """The condition as a function giving what ``rules.holds`` gives."""
    constants: dict[str, object] = {}
    # Each kind of condition writes its own expression (``source``), from the fixed snippet
    # of each operator (``operators.Operator.code``) and the names of bound constants.
    return cast(Callable[[Facts], bool], _function(condition.source(constants), constants))


def _function(source: str, constants: dict[str, object]) -> Any:
    return eval(f"lambda facts: {source}", {"__builtins__": {}, **constants})

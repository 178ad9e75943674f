"""The case format (case-format.md section 1) as JSON Schema, for the OpenAPI document.

The schema only describes the case; ``spasmcare.case.parse_case`` still checks every request,
so errors carry the same messages as the command line.
"""

from __future__ import annotations

from typing import Any, Final

from spasmcare import vocabulary as v

INTEGER_FIELDS: Final = frozenset(
    {"age", "days_since_first", "severity_0_10", "home_treatment_tried_days"}
)
"""Number fields that take whole numbers (the others take any number)."""


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _number(name: str) -> dict[str, Any]:
    low, high = v.NUMBER_FIELDS[name]
    schema: dict[str, Any] = {"type": "integer" if name in INTEGER_FIELDS else "number"}
    schema["minimum"] = low
    if high is not None:
        schema["maximum"] = high
    return schema


def case_schema(*, partial: bool = False) -> dict[str, Any]:
    """JSON Schema of a case; ``partial`` drops the required region (an interview so far)."""
    properties: dict[str, Any] = {}
    for name in v.NUMBER_FIELDS:
        properties[name] = _nullable(_number(name))
    for name in v.BOOLEAN_FIELDS:
        properties[name] = _nullable({"type": "boolean"})
    for name, values in v.ENUM_FIELDS.items():
        properties[name] = _nullable({"type": "string", "enum": list(values)})
    for name, values in v.TERM_LIST_FIELDS.items():
        item = {"type": "string", "enum": list(values)}
        properties[name] = _nullable({"type": "array", "items": item})
    for name in v.NAME_LIST_FIELDS:
        properties[name] = _nullable({"type": "array", "items": {"type": "string"}})
    schema: dict[str, Any] = {
        "title": "PartialCase" if partial else "Case",
        "description": "One person's answers in the case format (format 1); null means not known.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if not partial:
        schema["required"] = ["region"]
        schema["properties"]["region"] = {"type": "string", "enum": list(v.REGIONS)}
    return schema

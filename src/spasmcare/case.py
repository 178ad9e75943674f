"""The case: one person's answers (case-format section 1), checked strictly.

Every problem is reported at once, each naming the key, the bad value and what is allowed.
Medicine and condition names are matched to the knowledge base; unknown ones are kept and
reported as warnings so a reviewer can extend the knowledge base.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from spasmcare import vocabulary as v
from spasmcare.names import NameIndex, snake


@dataclass(frozen=True)
class FieldError:
    """One problem with one key of a case."""

    key: str
    value: Any
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


class CaseError(ValueError):
    """A case that does not follow the case format; ``errors`` lists every problem."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors

    def as_json(self) -> list[dict[str, Any]]:
        return [{"key": e.key, "value": e.value, "message": e.message} for e in self.errors]


@dataclass(frozen=True)
class Case:
    """A checked case. ``None`` means not known; lists hold canonical ids or terms."""

    region: str | None = None
    age: int | None = None
    sex: str | None = None
    pregnant: bool | None = None
    side: str | None = None
    onset: str | None = None
    duration_minutes: float | None = None
    days_since_first: int | None = None
    frequency: str | None = None
    time_of_day: str | None = None
    severity_0_10: int | None = None
    associated: tuple[str, ...] | None = None
    medications: tuple[str, ...] | None = None
    conditions: tuple[str, ...] | None = None
    recent: tuple[str, ...] | None = None
    home_treatment_tried_days: int | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def as_json(self) -> dict[str, Any]:
        """The case in the case format, without unknown keys."""
        data = asdict(self)
        data.pop("warnings")
        return {k: list(x) if isinstance(x, tuple) else x for k, x in data.items() if x is not None}


@dataclass(frozen=True)
class Names:
    """The name indexes a case is normalised against."""

    medications: NameIndex
    conditions: NameIndex


_INTEGER_FIELDS = {"age", "days_since_first", "severity_0_10", "home_treatment_tried_days"}


def parse_case(raw: object, names: Names, *, partial: bool = False) -> Case:
    """Check a case and normalise its names; raise CaseError listing every problem.

    ``partial`` accepts a case without a region (an interview in progress).
    """
    if isinstance(raw, str | bytes):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as error:
            raise CaseError([FieldError("case", None, f"not valid JSON: {error}")]) from None
    if not isinstance(raw, Mapping):
        raise CaseError([FieldError("case", None, "a case is a JSON object of keys and values")])
    errors: list[FieldError] = []
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        if key not in v.CASE_FIELDS:
            errors.append(
                FieldError(
                    str(key),
                    value,
                    "unknown key; allowed keys: " + ", ".join(sorted(v.CASE_FIELDS)),
                )
            )
        elif value is not None:
            checked = _check(key, value, names, warnings)
            if isinstance(checked, FieldError):
                errors.append(checked)
            else:
                values[key] = checked
    if not partial and raw.get("region") is None and "region" not in {e.key for e in errors}:
        errors.append(FieldError("region", None, "is required; allowed: " + ", ".join(v.REGIONS)))
    if errors:
        raise CaseError(errors)
    if "pregnancy" in values.get("conditions", ()) and values.get("pregnant") is None:
        values["pregnant"] = True
    return Case(**values, warnings=tuple(warnings))


def _check(key: str, value: Any, names: Names, warnings: list[str]) -> Any:
    """The checked value, or a FieldError."""
    if key in v.NUMBER_FIELDS:
        return _number(key, value)
    if key in v.BOOLEAN_FIELDS:
        return value if isinstance(value, bool) else FieldError(key, value, "must be true or false")
    if key in v.ENUM_FIELDS:
        allowed = v.ENUM_FIELDS[key]
        if isinstance(value, str) and value in allowed:
            return value
        return FieldError(key, value, f"{value!r} is not allowed; allowed: {', '.join(allowed)}")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return FieldError(key, value, "must be a list of strings")
    if key in v.TERM_LIST_FIELDS:
        allowed = v.TERM_LIST_FIELDS[key]
        bad = [item for item in value if item not in allowed]
        if bad:
            return FieldError(
                key,
                bad if len(bad) > 1 else bad[0],
                f"{', '.join(map(repr, bad))} not allowed; allowed: {', '.join(allowed)}",
            )
        return tuple(dict.fromkeys(value))
    return _names(key, value, names, warnings)


def _number(key: str, value: Any) -> Any:
    low, high = v.NUMBER_FIELDS[key]
    integer = key in _INTEGER_FIELDS
    kind = "an integer" if integer else "a number"
    bounds = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
    valid_type = isinstance(value, int | float) and not isinstance(value, bool)
    if valid_type and integer and isinstance(value, float) and value.is_integer():
        value = int(value)
    if not valid_type or (integer and not isinstance(value, int)) or not math.isfinite(value):
        return FieldError(key, value, f"{value!r} is not {kind}; allowed: {kind} {bounds}")
    if value < low or (high is not None and value > high):
        return FieldError(key, value, f"{value!r} is out of range; allowed: {kind} {bounds}")
    return value


def _names(key: str, value: list[str], names: Names, warnings: list[str]) -> tuple[str, ...]:
    index = names.medications if key == "medications" else names.conditions
    found: list[str] = []
    for name in value:
        canonical = index.find(name)
        if canonical is None:
            warnings.append(
                f"{key}: {name!r} is not in the knowledge base; it is kept but "
                "the assessment could not take it into account"
            )
            canonical = snake(name)
        found.append(canonical)
    return tuple(dict.fromkeys(found))

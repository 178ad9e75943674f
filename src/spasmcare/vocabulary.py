"""The case vocabulary: the closed term lists of the case format (section 1).

The terms themselves are knowledge (``knowledge/vocabulary.yaml``); this module gives them to
the code as constants and says which case field takes which kind of value.
"""

from __future__ import annotations

from typing import Any, Final

from spasmcare.kb.parsed import shipped


def _terms(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(t, str) for t in raw):
        raise ValueError(f"vocabulary.yaml: {where}: expected a non-empty list of terms")
    return tuple(raw)


_FILE: Final[dict[str, Any]] = shipped("vocabulary.yaml")
_TERMS: Final[dict[str, Any]] = _FILE["terms"]

DISPOSITIONS: Final = _terms(_FILE["dispositions"], "dispositions")
"""Dispositions, least urgent first: the index is the urgency rank."""

SEXES: Final = _terms(_TERMS["sex"], "terms.sex")
SIDES: Final = _terms(_TERMS["side"], "terms.side")
ONSETS: Final = _terms(_TERMS["onset"], "terms.onset")
FREQUENCIES: Final = _terms(_TERMS["frequency"], "terms.frequency")
TIMES_OF_DAY: Final = _terms(_TERMS["time_of_day"], "terms.time_of_day")
REGIONS: Final = _terms(_TERMS["region"], "terms.region")
ASSOCIATED: Final = _terms(_TERMS["associated"], "terms.associated")
RECENT: Final = _terms(_TERMS["recent"], "terms.recent")

CAUSE_IDS: Final = _terms(_FILE["cause_ids"], "cause_ids")
"""Cause ids of case-format section 2.1, which outside suites use to score rankings."""

ENUM_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "sex": SEXES,
    "side": SIDES,
    "onset": ONSETS,
    "frequency": FREQUENCIES,
    "time_of_day": TIMES_OF_DAY,
    "region": REGIONS,
}
"""Single-valued fields with a closed set of values."""

TERM_LIST_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "associated": ASSOCIATED,
    "recent": RECENT,
}
"""List fields whose items come from a closed set."""

NAME_LIST_FIELDS: Final = ("medications", "conditions")
"""Open list fields: names are normalised against the knowledge base, unknown ones warned about."""

NUMBER_FIELDS: Final[dict[str, tuple[float, float | None]]] = {
    "age": (0, 120),
    "duration_minutes": (0, None),
    "days_since_first": (0, None),
    "severity_0_10": (0, 10),
    "home_treatment_tried_days": (0, None),
}
"""Numeric fields with their inclusive bounds (None: no upper bound)."""

BOOLEAN_FIELDS: Final = ("pregnant",)

CASE_FIELDS: Final = (
    *NUMBER_FIELDS,
    *ENUM_FIELDS,
    *TERM_LIST_FIELDS,
    *NAME_LIST_FIELDS,
    *BOOLEAN_FIELDS,
)


def urgency(disposition: str) -> int:
    """Rank of a disposition: 0 for self_care up to 4 for emergency."""
    return DISPOSITIONS.index(disposition)


REGION_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    name: _terms(regions, f"region_groups.{name}")
    for name, regions in _FILE["region_groups"].items()
}
"""Named groups of regions that rules may use as `@name` inside a value list."""

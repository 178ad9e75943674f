"""Insights as plain JSON values (for `spasmcare insights --json` and later the web API)."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime
from typing import Any

from spasmcare.insights.model import Insights


def as_json(insights: Insights) -> dict[str, Any]:
    """Every number and sentence of the insights; NaN (no data) becomes null."""
    value = _plain(insights)
    assert isinstance(value, dict)
    return value


def _plain(x: object) -> Any:
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, datetime | date):
        return x.isoformat()
    if isinstance(x, float):
        return None if math.isnan(x) or math.isinf(x) else round(x, 4)
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    return x

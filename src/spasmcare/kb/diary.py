"""The diary's thresholds (``knowledge/diary.yaml``): when its episodes count as disturbing
sleep, and the follow-up interval of a saved result that names none."""

from __future__ import annotations

from typing import Any, Final

from spasmcare.kb.parsed import shipped


def _whole(raw: Any, where: str, low: int, high: int | None = None) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < low or (high and raw > high):
        raise ValueError(f"diary.yaml: {where}: expected a whole number of at least {low}")
    return raw


_FILE: Final[dict[str, Any]] = shipped("diary.yaml")
_SLEEP: Final[dict[str, Any]] = _FILE["disturbed_sleep"]
_FIRST: Final = _whole(_SLEEP["first_hour"], "disturbed_sleep.first_hour", 0, 23)
_LAST: Final = _whole(_SLEEP["last_hour"], "disturbed_sleep.last_hour", 0, 23)

NIGHT_HOURS: Final = frozenset(h % 24 for h in range(_FIRST, _LAST + 1 + 24 * (_LAST < _FIRST)))
"""Hours (local time as recorded) in which an episode counts as a night-time one."""
DISTURBED_NIGHTS_PER_WEEK: Final = _whole(
    _SLEEP["nights_per_week"], "disturbed_sleep.nights_per_week", 1, 7
)
"""Nights with an episode in a week before the diary speaks of cramps disturbing sleep."""
FOLLOW_UP_DAYS: Final = _whole(_FILE["follow_up_days_default"], "follow_up_days_default", 0)
"""Days until a saved result's follow-up is due when its plan names none."""

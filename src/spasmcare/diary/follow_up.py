"""From a diary to a case, and from the case to advice: the diary's escalation rules.

The rules themselves (an episode over 10 minutes, disturbed nights, no improvement after
weeks, red-flag findings) live in the knowledge base; this module only summarises the diary in
the case format so the engine can apply them, and reports the red flags that fired with their
reasons and sources.

The advice is about one episode, the one just logged (``about``): its own duration and pain
decide the rules about a single cramp, while the rest of the diary (same region, last four
weeks) gives the pattern: how often, at what time of day, disturbed nights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from spasmcare import vocabulary as v
from spasmcare.diary.model import Assessment, CheckIn, Episode, Profile, SelfCareStep
from spasmcare.kb import diary as diary_rules
from spasmcare.result import FiredRedFlag, Result

WINDOW: Final = timedelta(days=28)
"""How far back the pattern is read: long enough for weekly patterns, short enough to be current."""

NIGHT_HOURS: Final = diary_rules.NIGHT_HOURS
DISTURBED_NIGHTS_PER_WEEK: Final = diary_rules.DISTURBED_NIGHTS_PER_WEEK


@dataclass(frozen=True)
class Evaluation:
    """The case the diary amounts to, what the engine said, and whether to see a doctor."""

    case: dict[str, Any]
    result: Result
    at: datetime
    episode: Episode
    """The episode the advice is about: the one just logged."""

    @property
    def reasons(self) -> list[FiredRedFlag]:
        """The red flags that mean getting care (anything beyond self-care)."""
        return [f for f in self.result.red_flags if f.disposition != "self_care"]

    @property
    def see_doctor(self) -> bool:
        return bool(self.reasons) or self.result.failsafe

    def assessment(self, episode_id: int | None) -> Assessment:
        return Assessment(
            at=self.at,
            case=self.case,
            result=self.result.as_json(),
            knowledge_version=self.result.knowledge_version,
            episode_id=episode_id,
        )


def just_logged(episodes: Sequence[Episode]) -> Episode:
    """The episode logged last (the highest id), whatever time it says it started: a person
    may log last night's cramp after this morning's. Unsaved episodes go by their start."""
    return max(episodes, key=lambda e: (e.id is not None, e.id or 0, e.started_at))


def case_of(
    profile: Profile | None,
    episodes: Sequence[Episode],
    checkins: Sequence[CheckIn],
    steps: Sequence[SelfCareStep],
    now: datetime,
    about: Episode | None = None,
) -> dict[str, Any]:
    """The case-format case for one episode (default: the one just logged) in the light of the
    whole diary."""
    latest = about if about is not None else just_logged(episodes)
    same = sorted(
        (e for e in episodes if e.region == latest.region and e.deleted_at is None),
        key=lambda e: e.started_at,
    )
    recent = [e for e in same if e.started_at >= now - WINDOW]
    case: dict[str, Any] = {"region": latest.region}
    if profile is not None:
        case.update({k: x for k, x in profile.as_json().items() if x not in (None, [])})
    if latest.side:
        case["side"] = latest.side
    case["days_since_first"] = max(0, (now - same[0].started_at).days)
    case["frequency"] = _frequency(same, recent, now)
    # How long and how bad are this episode's own: a summary over the diary (a median, say)
    # would judge a short cramp by an earlier long one, and a long one only once repeated.
    if latest.duration_minutes is not None:
        case["duration_minutes"] = latest.duration_minutes
    if latest.severity is not None:
        case["severity_0_10"] = latest.severity
    case["time_of_day"] = _time_of_day(recent)
    # Other symptoms not asked stay unknown (the knowledge base then stays cautious); a
    # derived finding must not turn "not asked" into "asked, and only this".
    if latest.associated is not None:
        associated = list(latest.associated)
        if _disturbed_nights(same, now):
            associated.append("sleep_disturbance")
        case["associated"] = list(dict.fromkeys(associated))
    happened = [t for t in latest.triggers if t in v.RECENT]
    if happened:
        case["recent"] = happened
    tried = _self_care_days(checkins, steps, now)
    if tried is not None:
        case["home_treatment_tried_days"] = tried
    return case


def evaluate(
    profile: Profile | None,
    episodes: Sequence[Episode],
    checkins: Sequence[CheckIn],
    steps: Sequence[SelfCareStep],
    now: datetime,
    about: Episode | None = None,
) -> Evaluation:
    """Apply the knowledge base's rules to the diary as it stands now, about one episode
    (default: the one just logged)."""
    from spasmcare.engine.assess import assess

    episode = about if about is not None else just_logged(episodes)
    case = case_of(profile, episodes, checkins, steps, now, episode)
    return Evaluation(case, assess(case), now, episode)


def _frequency(same: Sequence[Episode], recent: Sequence[Episode], now: datetime) -> str:
    if len(same) == 1:
        return "first_time"
    days = max(1.0, min(WINDOW, now - same[0].started_at).total_seconds() / 86400)
    per_day = len(recent) / days
    if per_day >= 2:
        return "several_daily"
    if per_day >= 1:
        return "daily"
    return "weekly" if per_day * 7 >= 1 else "occasional"


def _time_of_day(recent: Sequence[Episode]) -> str:
    if not recent:
        return "any"
    nights = sum(e.started_at.hour in NIGHT_HOURS for e in recent)
    if nights * 3 >= len(recent) * 2:
        return "night"
    return "day" if nights * 3 <= len(recent) else "any"


def _disturbed_nights(same: Sequence[Episode], now: datetime) -> bool:
    """Three or more nights with an episode in each of the last two weeks."""
    for week in (0, 1):
        end = now - timedelta(days=7 * week)
        nights = {
            (e.started_at - timedelta(hours=12)).date()
            for e in same
            if end - timedelta(days=7) < e.started_at <= end and e.started_at.hour in NIGHT_HOURS
        }
        if len(nights) < DISTURBED_NIGHTS_PER_WEEK:
            return False
    return True


def _self_care_days(
    checkins: Sequence[CheckIn], steps: Sequence[SelfCareStep], now: datetime
) -> int | None:
    """Days of self-care so far, unless the latest check-in says it has got better."""
    if checkins and max(checkins, key=lambda c: c.at).answer == "better":
        return None
    active = [s.started_at for s in steps if s.stopped_at is None]
    return max(0, (now - min(active)).days) if active else None

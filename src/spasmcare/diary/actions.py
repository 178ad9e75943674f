"""What happens when the diary changes: the rules run again, and advice is saved when it matters.

Shared by every interface so the command line and any later web page give the same advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spasmcare.diary.follow_up import Evaluation, evaluate
from spasmcare.diary.model import Assessment, CheckIn, Episode
from spasmcare.diary.person import known_person
from spasmcare.diary.store import Store


@dataclass(frozen=True)
class Outcome:
    """The evaluation after a change, and the assessment saved because of it (if any)."""

    evaluation: Evaluation | None
    saved: Assessment | None


def reassess(store: Store, now: datetime, episode_id: int | None = None) -> Outcome:
    """Run the rules over the diary about the episode ``episode_id`` (default: the one logged
    last); save a fresh assessment when the advice changed."""
    episodes = store.episodes()
    if not episodes:
        return Outcome(None, None)
    about = next((e for e in episodes if e.id == episode_id), None)
    previous = store.assessments()
    person = known_person(store.profile(), previous)
    evaluation = evaluate(person, episodes, store.checkins(), store.steps(), now, about)
    fired = {f.id for f in evaluation.result.red_flags}
    before = {f["id"] for f in previous[-1].result.get("red_flags", [])} if previous else None
    if fired and fired != before:
        saved = store.add_assessment(evaluation.assessment(evaluation.episode.id))
        return Outcome(evaluation, saved)
    return Outcome(evaluation, None)


def log_episode(store: Store, episode: Episode, now: datetime) -> tuple[Episode, Outcome]:
    """Save an episode, then evaluate the diary it is now part of."""
    saved = store.add_episode(episode)
    return saved, reassess(store, now, saved.id)


def due_assessment(store: Store, now: datetime) -> Assessment | None:
    """The latest assessment whose follow-up is due and not yet answered."""
    assessments = store.assessments()
    if not assessments:
        return None
    latest = assessments[-1]
    answered = any(c.assessment_id == latest.id for c in store.checkins())
    return latest if latest.follow_up_due <= now and not answered else None


def check_in(store: Store, answer: str, note: str, now: datetime) -> tuple[CheckIn, Outcome]:
    """Record a follow-up answer for the latest assessment, then evaluate the diary again."""
    assessments = store.assessments()
    target = assessments[-1].id if assessments else None
    saved = store.add_checkin(CheckIn(now, answer, target, note))
    return saved, reassess(store, now)

"""What the diary knows about the person: the profile, with the gaps filled from assessments.

An assessment asks the age, sex, medicines and conditions when the profile does not hold them.
Those answers are facts about the person, so the diary's later re-assessments must use them:
left out, an age the person gave would read as unknown, and a rule that is cautious about an
unknown age would fire for someone who said they are 45. What the person set in their profile
always wins; an answer only fills a field the profile leaves empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from spasmcare.diary.model import Assessment, InvalidValue, Profile, profile

FACTS: Final = ("age", "sex", "pregnant", "medications", "conditions")
"""The answers that are facts about the person rather than about one episode."""


def filled(known: Profile | None, answers: Mapping[str, Any]) -> Profile:
    """``known`` with each empty field taken from ``answers`` (when given and valid)."""
    base = known or Profile()
    current = base.as_json()
    gaps = {}
    for name in FACTS:
        given = answers.get(name)
        if current[name] in (None, []) and given not in (None, []):
            gaps[name] = given
    for name, value in gaps.items():
        try:
            base = profile({name: value}, base)
        except InvalidValue:
            continue  # an answer the profile cannot hold stays in its assessment only
    return base


def known_person(known: Profile | None, assessments: Sequence[Assessment]) -> Profile | None:
    """The profile, its empty fields filled from the saved assessments, the latest first."""
    found = known
    for saved in reversed(assessments):
        found = filled(found, saved.case)
    return found if found != Profile() else known

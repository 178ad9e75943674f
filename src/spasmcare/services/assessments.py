"""Assessments: a case assessed, and the interview that builds one, for every interface.

The interview's state is plain JSON (the pages keep it in the server-side session, the terminal
in memory): every answer given, kept through "Back" and "Change" (``services.interview``).
``parse`` turns what a person gave (a form's values, the terminal's typed choices) into the
engine's value, "not sure" included, or an ``AnswerError`` that says what to give instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from spasmcare.case import CaseError
from spasmcare.diary.model import Assessment, Episode, Profile
from spasmcare.diary.person import filled
from spasmcare.engine.assess import assess, failsafe
from spasmcare.errors import Problem
from spasmcare.kb import schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.result import Result
from spasmcare.services.interview import State
from spasmcare.vocabulary import REGIONS

if TYPE_CHECKING:
    from spasmcare.diary.store import Store

BLOCKS = {"A": "Danger signs", "B": "About the cramp", "C": "About you", "D": "Your history"}
NOT_SURE = "not_sure"
"""The choice of a yes-or-no question that leaves its answer unknown."""

__all__ = [
    "NOT_SURE", "AnswerError", "State", "allowed", "assess", "checklist", "on_scale", "parse",
    "result_of", "save", "unrecognised",
]  # fmt: skip


class AnswerError(Problem):
    """An answer that cannot be used, with a message for the person."""

    def __init__(self, message: str) -> None:
        super().__init__("", message=message)


def parse(kb: KnowledgeBase, q: schema.Question, values: list[str]) -> tuple[Any, str]:
    """The engine's value for what the form sent, and the words to show it back."""
    given = [v.strip() for v in values if v.strip()]
    if q.type == "multi_choice":
        labels = {c.id: c.label for c in q.choices}
        if not given or any(v not in labels and v != "none" for v in given):
            raise AnswerError('Tick each one that applies, or "None of these".')
        picked = [v for v in given if v != "none"]
        if "none" in given and picked:
            raise AnswerError('"None of these" cannot go with another choice.')
        return picked, ", ".join(labels[v] for v in picked) or "None of these"
    if q.type == "number":
        if not given:
            return None, "Not known"
        wanted = f"Enter {allowed(q)}, or leave it blank if you do not know."
        try:
            number = float(given[0]) if _fractions(q) else int(given[0])
        except ValueError:
            raise AnswerError(wanted) from None
        low, high = q.minimum, q.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            raise AnswerError(wanted)
        return number, f"{_n(number)} {q.unit or ''}".strip()
    if q.type == "names":
        names = [n.strip() for n in (given[0] if given else "").split(",") if n.strip()]
        return names, ", ".join(names) or "None"
    if len(given) != 1:
        raise AnswerError("Choose one answer.")
    choice = given[0]
    if q.type == "yes_no":
        words = {"yes": (True, "Yes"), "no": (False, "No"), NOT_SURE: (None, "Not sure")}
        if choice not in words:
            raise AnswerError("Choose Yes, No or Not sure.")
        return words[choice]
    if q.type == "region":
        if choice not in REGIONS:
            raise AnswerError("Choose where the cramp is.")
        return choice, kb.label("region", choice)
    labels = {c.id: c.label for c in q.choices}
    if choice not in labels:
        raise AnswerError("Choose one of the answers.")
    return choice, labels[choice]


def _fractions(q: schema.Question) -> bool:
    """Whether the number may have a fraction: only minutes do (0.5 for a few seconds)."""
    return q.field == "duration_minutes"


def allowed(q: schema.Question) -> str:
    """What a number question accepts, in words: "a whole number from 0 to 120"."""
    kind = "a number" if _fractions(q) else "a whole number"
    low, high = q.minimum, q.maximum
    if low is not None and high is not None:
        return f"{kind} from {_n(low)} to {_n(high)}"
    if low is not None:
        return f"{kind} of {_n(low)} or more"
    return kind if high is None else f"{kind} up to {_n(high)}"


def on_scale(q: schema.Question) -> bool:
    """Whether a number question is a rating from 0 to 10, shown as a row of choices."""
    return q.type == "number" and not _fractions(q) and (q.minimum, q.maximum) == (0, 10)


def _n(x: float | None) -> str:
    if x is None:
        return "any"
    return str(int(x)) if float(x).is_integer() else str(x)


def unrecognised(kb: KnowledgeBase, facts: Mapping[str, Any]) -> list[str]:
    """The medicine and condition names in ``facts`` that the knowledge base does not know:
    they are kept as typed, but no rule can use them until a reviewer adds them."""
    indexes = {"medications": kb.names.medications, "conditions": kb.names.conditions}
    found = [str(name) for key, index in indexes.items() for name in facts.get(key) or ()
             if index.find(str(name)) is None]  # fmt: skip
    return list(dict.fromkeys(found))


def checklist(q: schema.Question) -> list[tuple[str, str]]:
    """A checklist's boxes, always ending with "None of these"."""
    boxes = [(c.id, c.label) for c in q.choices if c.value is not None]
    return [*boxes, ("none", "None of these")]


def result_of(kb: KnowledgeBase, answers: dict[str, Any]) -> Result:
    """The assessment of an interview's answers; the fail-safe advice when they cannot be read."""
    try:
        return assess(answers, kb)
    except CaseError:
        return failsafe(kb, ["the answers could not be read"])


def save(
    store: Store, answers: dict[str, Any], result: dict[str, Any], now: datetime
) -> tuple[Episode, Assessment]:
    """Keep an interview in the diary: the episode it describes, and its assessment linked to it
    (``spasmcare.diary.follow_up.case_of`` reads such an episode back into a case). The
    profile's empty fields are filled from the answers (age, sex, medicines, conditions), so
    the next interview does not ask them again; what the person set is never overwritten."""
    a = answers
    before = store.profile()
    after = filled(before, a)
    if after != (before or Profile()):
        store.save_profile(after)
    episode = store.add_episode(
        Episode(
            started_at=now,
            region=a["region"] if a.get("region") in REGIONS else "whole_body",
            side=a.get("side"),
            severity=a.get("severity_0_10"),
            duration_minutes=a.get("duration_minutes"),
            associated=tuple(a["associated"]) if "associated" in a else None,
            triggers=tuple(a.get("recent") or ()),
        )
    )
    saved = store.add_assessment(
        Assessment(now, dict(a), result, str(result["knowledge_version"]), episode.id)
    )
    return episode, saved

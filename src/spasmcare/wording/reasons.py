"""The engine's facts as sentences a person reads: "associated: sleep_disturbance" becomes
"You mentioned: cramps keep waking you, so you struggle the next day."

The words come from the knowledge base's own labels (terms, medicines, conditions); only the
sentence around them is written here, one frame per case field. A fact this module does not
know (a cause's finding is already a sentence) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from spasmcare.kb.load import KnowledgeBase

NOT_KNOWN: Final = "not known"

UNKNOWN: Final = {
    "age": "how old you are", "sex": "your sex", "pregnant": "whether you are pregnant",
    "region": "where it is", "side": "which side it is on", "onset": "how it started",
    "duration_minutes": "how long it lasts", "days_since_first": "when it started",
    "frequency": "how often it happens", "time_of_day": "when it comes on",
    "severity_0_10": "how bad the pain is", "associated": "what else you have noticed",
    "medications": "which medicines you take", "conditions": "which conditions you have",
    "recent": "what happened just before", "home_treatment_tried_days":
    "how long you have looked after it yourself",
}  # fmt: skip
"""What is missing when a field is not known, to finish "You have not said ..."."""


def _lower(label: str) -> str:
    """A label inside a sentence: first letter small, unless it starts an abbreviation."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _region(label: str) -> str:
    words = _lower(label)
    if words.startswith("all "):
        return f"It is {words}."
    return f"It is in {words}." if words.startswith("both ") else f"It is in your {words}."


def _side(label: str) -> str:
    words = _lower(label)
    return f"It is on {words}." if words.startswith("both ") else f"It is on the {words}."


def _frequency(term: str, label: str) -> str:
    return "This is the first time." if term == "first_time" else f"It happens {_lower(label)}."


def _duration(minutes: str) -> str:
    try:
        value = float(minutes)
    except ValueError:
        return f"It lasts {minutes} minutes."
    if value >= 2 * 1440:
        return f"It lasts about {value / 1440:g} days."
    if value >= 120:
        return f"It lasts about {value / 60:g} hours."
    return f"It lasts about {value:g} minute{'' if value == 1 else 's'}."


def _days(days: str) -> str:
    if days in ("0", "0.0"):
        return "It started less than a day ago."
    return f"It started {days} day{'' if days == '1' else 's'} ago."


def _yes_no(field: str, value: str) -> str:
    if field == "pregnant":
        return "You are pregnant." if value in ("yes", "True", "true") else "You are not pregnant."
    return f"You said {value}."


def sentence(kb: KnowledgeBase, fact: str) -> str:
    """One engine fact ("field: value") as a sentence; anything else as it is."""
    field, sep, value = fact.partition(": ")
    if not sep or field not in UNKNOWN:
        return fact
    if value == NOT_KNOWN:
        return f"You have not said {UNKNOWN[field]}."
    label = kb.label(field, value)
    frames: dict[str, Callable[[], str]] = {
        "age": lambda: f"You are {value}.",
        "sex": lambda: f"You said you are {_lower(label)}.",
        "pregnant": lambda: _yes_no(field, value),
        "region": lambda: _region(label),
        "side": lambda: _side(label),
        "onset": lambda: f"It {_lower(label)}.",
        "duration_minutes": lambda: _duration(value),
        "days_since_first": lambda: _days(value),
        "frequency": lambda: _frequency(value, label),
        "time_of_day": lambda: f"It comes on {_lower(label)}.",
        "severity_0_10": lambda: f"The worst pain is {value} out of 10.",
        "associated": lambda: f"You mentioned: {_lower(label)}.",
        "recent": lambda: f"You mentioned, just before: {_lower(label)}.",
        "medications": lambda: f"Your medicines include: {_lower(_medicine(kb, value))}.",
        "conditions": lambda: f"Your conditions include: {_lower(_condition(kb, value))}.",
        "home_treatment_tried_days": lambda: f"You have looked after it yourself for {value} days.",
    }
    return frames[field]()


def _medicine(kb: KnowledgeBase, ident: str) -> str:
    found = kb.medicines.get(ident)
    return found.title if found else ident.replace("_", " ")


def _condition(kb: KnowledgeBase, ident: str) -> str:
    found = kb.conditions.get(ident)
    return found.title if found else ident.replace("_", " ")


def sentences(kb: KnowledgeBase, facts: Iterable[str]) -> str:
    """The facts behind a red flag or a caution as a few sentences, each said once."""
    return " ".join(dict.fromkeys(sentence(kb, f) for f in facts))

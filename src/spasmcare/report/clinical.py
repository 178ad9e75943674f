"""The clinician report's wording: the diary in third person, in numbers with units, and the
red-flag screen as findings (present, absent, not asked), so the page reads as a clinical
summary rather than as the patient's own advice."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from spasmcare.diary.model import Episode
from spasmcare.kb import diary as diary_rules
from spasmcare.kb.load import KnowledgeBase
from spasmcare.kb.schema import Question

_THIRD_PERSON: Final = (
    (r"\bYou have\b", "The patient has"), (r"\byou have\b", "the patient has"),
    (r"\bYou are\b", "The patient is"), (r"\byou are\b", "the patient is"),
    (r"\bYou were\b", "The patient was"), (r"\byou were\b", "the patient was"),
    (r"\byourself\b", "themselves"), (r"\bYou\b", "The patient"), (r"\byou\b", "the patient"),
    (r"\bYour\b", "The"), (r"\byour\b", "the"),
)  # fmt: skip
"""Ordered: the longer phrases first, so "you have" becomes "the patient has"."""
LONG_MINUTES: Final = 10
"""An episode this long or longer is counted apart (the diary rules' threshold)."""
RECENT: Final = 10
"""Episodes listed one by one, newest first."""


def third_person(text: str) -> str:
    """A sentence written to the patient ("Your cramps…", "you had…") as written about them."""
    for pattern, replacement in _THIRD_PERSON:
        text = re.sub(pattern, replacement, text)
    return text


@dataclass(frozen=True)
class Screen:
    """The red-flag screening items of the latest assessment, by what the answer was."""

    present: list[str]
    absent: list[str]
    not_asked: list[str]
    other: list[str]
    """Answers that are values, not findings (e.g. duration 2.1 min)."""


def screen(kb: KnowledgeBase, questions: Sequence[Question], case: dict[str, Any]) -> Screen:
    """Every emergency-screen (block A) item, named by its finding, and whether it was there."""
    found = Screen([], [], [], [])
    for q in questions:
        if q.block != "A" or q.field in ("region", "age", "sex"):
            continue
        asked = q.field in case
        value = case.get(q.field)
        if q.type == "yes_no" and q.term:
            _put(found, kb.label(q.field, q.term), asked, isinstance(value, list)
                 and q.term in value)  # fmt: skip
        elif q.type == "yes_no":
            _put(found, q.field.replace("_", " "), asked, value is True)
        elif q.type == "multi_choice" or (q.choices and isinstance(value, list)):
            for c in q.choices:
                if isinstance(c.value, str):
                    held = isinstance(value, list) and c.value in value
                    _put(found, kb.label(q.field, c.value), asked, held)
        elif asked:
            found.other.append(f"{q.field.replace('_', ' ')}: {_value(q, value)}")
        else:
            found.not_asked.append(q.field.replace("_", " "))
    for part in (found.present, found.absent, found.not_asked):
        part[:] = list(dict.fromkeys(part))
    return found


def _put(found: Screen, label: str, asked: bool, held: bool) -> None:
    label = third_person(label.replace("_", " "))
    label = label[:1].upper() + label[1:]
    (found.present if held else found.absent if asked else found.not_asked).append(label)


def _value(q: Question, value: object) -> str:
    if q.field == "duration_minutes" and isinstance(value, int | float):
        return f"{value:g} min"
    for c in q.choices:
        if c.value == value:
            return c.label
    return str(value)


FIELD_NAMES: Final = {"associated": "symptom", "region": "site", "medications": "medicine",
                      "conditions": "condition", "recent": "recent event"}  # fmt: skip


def fact(kb: KnowledgeBase, text: str) -> str:
    """An engine fact such as "medications: thiazide_diuretic" in words ("medicine: thiazide
    diuretic"); a sentence stays as it is, without its full stop (facts are joined by "; ")."""
    name, sep, value = text.partition(": ")
    if not sep or " " in name:
        return text.rstrip(".").replace("_", " ")
    words = ", ".join(kb.label(name, v).replace("_", " ") for v in value.split(", "))
    return f"{FIELD_NAMES.get(name, name.replace('_', ' '))}: {words}"


def numbers(episodes: Sequence[Episode]) -> list[tuple[str, str]]:
    """The diary in figures with their units, for a table."""
    if not episodes:
        return [("Episodes", "0")]
    first = min(e.started_at for e in episodes)
    last = max(e.started_at for e in episodes)
    weeks = max(1.0, (last - first).total_seconds() / (7 * 86400))
    rows = [("Episodes", f"{len(episodes)} ({first:%d %b %Y} to {last:%d %b %Y})"),
            ("Rate", f"{len(episodes) / weeks:.1f} per week")]  # fmt: skip
    durations = [e.duration_minutes for e in episodes if e.duration_minutes is not None]
    if durations:
        long = sum(d >= LONG_MINUTES for d in durations)
        rows.append(("Duration", f"median {statistics.median(durations):g} min, longest "
                     f"{max(durations):g} min; {long} of {len(durations)} lasted "
                     f"{LONG_MINUTES} min or more"))  # fmt: skip
    else:
        rows.append(("Duration", "not recorded"))
    pains = [e.severity for e in episodes if e.severity is not None]
    rows.append(("Pain (NRS 0-10)", f"median {statistics.median(pains):g}, worst {max(pains)} "
                 f"({len(pains)} rated)" if pains else "not recorded"))  # fmt: skip
    night = sum(e.started_at.hour in diary_rules.NIGHT_HOURS for e in episodes)
    rows.append(("At night", f"{night} of {len(episodes)} ({100 * night / len(episodes):.0f}%)"))
    regions = Counter(e.region.replace("_", " ") for e in episodes).most_common(3)
    rows.append(("Sites", ", ".join(f"{r} {n}" for r, n in regions)))
    return rows


def recent(episodes: Sequence[Episode]) -> list[list[str]]:
    """The newest episodes as table rows: start, site, pain, minutes, triggers, what helped."""
    rows = []
    for e in sorted(episodes, key=lambda x: x.started_at, reverse=True)[:RECENT]:
        site = e.region.replace("_", " ") + (f" ({e.side})" if e.side else "")
        helped = "; ".join(h.what + (f" ({h.how_much.replace('_', ' ')})" if h.how_much else "")
                           for h in e.helped)  # fmt: skip
        rows.append([
            f"{e.started_at:%Y-%m-%d %H:%M}", site,
            "" if e.severity is None else str(e.severity),
            "" if e.duration_minutes is None else f"{e.duration_minutes:g}",
            "; ".join(t.replace("_", " ") for t in e.triggers), helped,
        ])  # fmt: skip
    return rows

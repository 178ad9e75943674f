"""Diary values, checked on the way in so the store only ever holds valid data.

Every error names the field, the bad value and what is allowed, the same on every interface
(command line, import file, Python). No database imports here: this is the domain core.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Final

from spasmcare import clock
from spasmcare import vocabulary as v
from spasmcare.errors import Problem
from spasmcare.kb import diary as diary_rules

HOW_MUCH: Final = ("not_at_all", "a_little", "a_lot")
"""How much something helped an episode."""

CHECKIN_ANSWERS: Final = ("better", "same", "worse")
"""Answers to the follow-up question "has it got better?"."""

ISO_8601: Final = "a date and time in ISO 8601, e.g. 2024-05-01T22:30"

CLOCK_SKEW: Final = timedelta(minutes=1)
"""Times up to this far ahead are accepted: two clocks on one machine can disagree slightly."""

EARLIEST: Final = datetime(1970, 1, 1, tzinfo=UTC)
"""No diary time is earlier (the insights count weeks from the first episode)."""

NOTE_MAX: Final = 4000
"""The longest note, in characters: the same on the pages, the API and every import."""

MAX_ID: Final = 2**31 - 1
"""The largest record id: ids are 32-bit integers in the database (SQLite and PostgreSQL)."""

_NUL: Final = "\x00"
_STORABLE: Final = "text without the NUL character (U+0000) or lone surrogates"


class InvalidValue(Problem):
    """One bad value: which field, what it was, and what is allowed."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        super().__init__(field, value, allowed)
        self.field = field


@dataclass(frozen=True)
class Helped:
    """Something the person tried during an episode and how much it helped (None: not said)."""

    what: str
    how_much: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {"what": self.what, "how_much": self.how_much}


@dataclass(frozen=True)
class Episode:
    """One spasm or cramp as the person recorded it."""

    started_at: datetime
    region: str
    side: str | None = None
    severity: int | None = None
    duration_minutes: float | None = None
    triggers: tuple[str, ...] = ()
    helped: tuple[Helped, ...] = ()
    associated: tuple[str, ...] | None = None
    """Other symptoms (case-format terms); None: not asked, so not known to be absent."""
    notes: str = ""
    id: int | None = None
    deleted_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "region": self.region,
            "side": self.side,
            "severity": self.severity,
            "duration_minutes": self.duration_minutes,
            "triggers": list(self.triggers),
            "helped": [h.as_json() for h in self.helped],
            "associated": None if self.associated is None else list(self.associated),
            "notes": self.notes,
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
        }


@dataclass(frozen=True)
class Profile:
    """Facts about the person, filled once and reused by every assessment."""

    age: int | None = None
    sex: str | None = None
    pregnant: bool | None = None
    medications: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "age": self.age,
            "sex": self.sex,
            "pregnant": self.pregnant,
            "medications": list(self.medications),
            "conditions": list(self.conditions),
        }


@dataclass(frozen=True)
class CheckIn:
    """The answer to a follow-up: has it got better since the assessment?"""

    at: datetime
    answer: str
    assessment_id: int | None = None
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class SelfCareStep:
    """A self-care step from a plan that the person is following."""

    step_id: str
    title: str
    started_at: datetime
    assessment_id: int | None = None
    stopped_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class Assessment:
    """A saved assessment: the case, the full result, and the knowledge base that produced it."""

    at: datetime
    case: dict[str, Any]
    result: dict[str, Any]
    knowledge_version: str
    episode_id: int | None = None
    id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def follow_up_due(self) -> datetime:
        days = int(self.result.get("plan", {}).get("follow_up_days", diary_rules.FOLLOW_UP_DAYS))
        return self.at + timedelta(days=days)


def moment(name: str, raw: object, now: datetime | None = None) -> datetime:
    """A time with its zone: ISO 8601 text or a datetime; naive times get the local zone."""
    if isinstance(raw, datetime):
        value = raw
    elif isinstance(raw, str):
        try:
            value = datetime.fromisoformat(raw.strip())
        except ValueError:
            raise InvalidValue(
                name, raw, "a date and time in ISO 8601, e.g. 2024-05-01T22:30"
            ) from None
    else:
        raise InvalidValue(name, raw, "a date and time in ISO 8601, e.g. 2024-05-01T22:30")
    try:
        if value.tzinfo is None:
            value = value.astimezone()
        early = value < EARLIEST
    except (OverflowError, ValueError):  # a time near year 1 that no zone can shift
        early = True
    if early:
        raise InvalidValue(name, raw if isinstance(raw, str) else value.isoformat(),
                           "a time from 1970 on")  # fmt: skip
    limit = (now or clock.now()) + CLOCK_SKEW
    if value > limit:
        raise InvalidValue(
            name, raw if isinstance(raw, str) else value.isoformat(), "a time not in the future"
        )
    return value


def note(name: str, raw: object, longest: int = NOTE_MAX) -> str:
    """A free text (None: empty) of at most ``longest`` characters, without NUL characters
    (PostgreSQL cannot store them)."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise InvalidValue(name, raw, "text")
    if len(raw) > longest:
        raise InvalidValue(name, raw[:40] + "…", f"text of at most {longest} characters")
    if not storable(raw):
        raise InvalidValue(name, raw[:40], _STORABLE)
    return raw


def storable(text: str) -> bool:
    """Text every database keeps: no NUL character and no lone surrogate (half of a UTF-16
    pair, which a JSON escape such as \\ud800 can make)."""
    if _NUL in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def first_text(value: object, wrong: Callable[[str], bool]) -> str | None:
    """The dotted path (``triggers.0``) of the first text in a JSON value, key or string, that
    is ``wrong``; "json" for the value itself or one nested too deeply to walk."""
    try:
        return _first_text(value, wrong, "")
    except RecursionError:
        return "json"


def _first_text(value: object, wrong: Callable[[str], bool], path: str) -> str | None:
    if isinstance(value, str):
        return (path or "json") if wrong(value) else None
    items: Iterable[tuple[object, object]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        here = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and wrong(key):
            return here
        found = _first_text(item, wrong, here)
        if found is not None:
            return found
    return None


def choice(name: str, raw: object, allowed: Iterable[str], *, optional: bool = True) -> str | None:
    """One value of a closed list (None allowed when ``optional``)."""
    if raw is None or raw == "":
        if optional:
            return None
    elif isinstance(raw, str) and raw in allowed:
        return raw
    raise InvalidValue(name, raw, ", ".join(allowed))


def integer(name: str, raw: object, low: int, high: int) -> int | None:
    """An optional whole number within inclusive bounds."""
    if type(raw) is int and low <= raw <= high:
        return raw
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            raw = int(raw.strip())
        except ValueError:
            raise InvalidValue(name, raw, f"a whole number from {low} to {high}") from None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise InvalidValue(name, raw, f"a whole number from {low} to {high}")
    return raw


def minutes(name: str, raw: object) -> float | None:
    """An optional duration in minutes, zero or more."""
    if type(raw) is float and 0 <= raw < math.inf:
        return raw
    if raw is None or raw == "":
        return None
    try:
        value = (
            float(raw) if isinstance(raw, int | float | str) and not isinstance(raw, bool) else None
        )
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value < 0:
        raise InvalidValue(name, raw, "a number of minutes, 0 or more")
    return value


def words(name: str, raw: object, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """A list of short texts (from ``allowed`` when given), without repeats."""
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        raise InvalidValue(name, raw, "a list of non-empty texts")
    items: list[str] = []  # a loop, not generators: imports check millions of these
    for item in raw:
        text = item.strip() if isinstance(item, str) else ""
        if not text:
            raise InvalidValue(name, raw, "a list of non-empty texts")
        if not storable(text):
            raise InvalidValue(name, text, _STORABLE)
        if allowed is not None and text not in allowed:
            raise InvalidValue(name, text, ", ".join(allowed))
        if text not in items:
            items.append(text)
    return tuple(items)


def helped_list(raw: object) -> tuple[Helped, ...]:
    """What helped: "what" or "what=how_much" texts, or {"what", "how_much"} objects."""
    if not raw and isinstance(raw, list | tuple | None):
        return ()
    if not isinstance(raw, list | tuple):
        raise InvalidValue("helped", raw, 'a list of "what" or "what=' + "|".join(HOW_MUCH) + '"')
    found: list[Helped] = []
    for item in raw:
        what: object = None
        how: object = None
        if isinstance(item, str):
            what, _, how = item.partition("=")
        elif isinstance(item, dict | Mapping):  # dict first: no ABC check for it
            what, how = item.get("what"), item.get("how_much")
        if not isinstance(what, str) or not what.strip():
            raise InvalidValue("helped", item, 'a non-empty "what", optionally "=how_much"')
        if not storable(what):
            raise InvalidValue("helped", what, _STORABLE)
        how = how.strip() if isinstance(how, str) else how
        if how is not None and how not in HOW_MUCH:
            how = choice("helped.how_much", how or None, HOW_MUCH)
        found.append(Helped(what.strip(), how))
    return tuple(found)


def episode(raw: Mapping[str, Any], now: datetime | None = None) -> Episode:
    """Check one episode given as plain values (command line, import file, Python)."""
    if not EPISODE_FIELDS.issuperset(raw):
        name = sorted(set(raw) - EPISODE_FIELDS)[0]
        raise InvalidValue(name, raw[name], "fields " + ", ".join(sorted(EPISODE_FIELDS)))
    notes = note("notes", raw.get("notes"))
    ident = raw.get("id")
    if ident is not None and ident != "":
        ident = integer("id", ident, 1, MAX_ID)
    deleted = raw.get("deleted_at")
    associated = raw.get("associated")
    # Every field is checked above or here, in this order (the first bad one is reported).
    return _checked_episode({
        "id": ident or None,
        "started_at": moment("started_at", raw.get("started_at"), now),
        "region": choice("region", raw.get("region"), v.REGIONS, optional=False) or "",
        "side": choice("side", raw.get("side"), v.SIDES),
        "severity": integer("severity", raw.get("severity"), 0, 10),
        "duration_minutes": minutes("duration_minutes", raw.get("duration_minutes")),
        "triggers": words("triggers", raw.get("triggers")),
        "helped": helped_list(raw.get("helped")),
        "associated": None if associated is None else words("associated", associated, v.ASSOCIATED),
        "notes": notes,
        "deleted_at": moment("deleted_at", deleted, now) if deleted else None,
    })  # fmt: skip


def _checked_episode(fields: dict[str, Any]) -> Episode:
    """An Episode from checked values of every field, without the frozen dataclass's
    ``__init__``: it sets each field through ``object.__setattr__`` and costs three times as
    much (imports build millions of episodes)."""
    made = object.__new__(Episode)
    made.__dict__.update(fields)
    return made


EPISODE_FIELDS: Final = frozenset(
    ("id", "started_at", "region", "side", "severity", "duration_minutes", "triggers", "helped",
     "associated", "notes", "deleted_at")
)  # fmt: skip


def profile(raw: Mapping[str, Any], base: Profile | None = None) -> Profile:
    """Check profile values; keys not given keep the value from ``base``."""
    allowed = {"age", "sex", "pregnant", "medications", "conditions"}
    for name in raw:
        if name not in allowed:
            raise InvalidValue(name, raw[name], "fields " + ", ".join(sorted(allowed)))
    changes: dict[str, Any] = {}
    if "age" in raw:
        changes["age"] = integer("age", raw["age"], 0, 120)
    if "sex" in raw:
        changes["sex"] = choice("sex", raw["sex"], v.SEXES)
    if "pregnant" in raw:
        if raw["pregnant"] is not None and not isinstance(raw["pregnant"], bool):
            raise InvalidValue("pregnant", raw["pregnant"], "true or false")
        changes["pregnant"] = raw["pregnant"]
    for name in ("medications", "conditions"):
        if name in raw:
            changes[name] = words(name, raw[name])
    return replace(base or Profile(), **changes)


def checkin_answer(raw: object) -> str:
    """The answer to "has it got better?"."""
    return choice("answer", raw, CHECKIN_ANSWERS, optional=False) or ""


def offset_zone(minutes: int) -> timezone:
    """The fixed zone of a stored UTC offset."""
    return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


@dataclass(frozen=True)
class Diary:
    """Everything stored about the person: what an export holds and an import restores."""

    profile: Profile | None = None
    episodes: tuple[Episode, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    steps: tuple[SelfCareStep, ...] = ()

"""What the clinician report says, gathered from the diary and the knowledge base (no PDF here).

Only what the person chooses to include identifies them; the clinical content (assessment,
medicines, episodes) is the point of the report and is always included.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from spasmcare.diary.model import Assessment, CheckIn, Episode, Profile, SelfCareStep
from spasmcare.insights.model import Insights
from spasmcare.insights.wording import describe
from spasmcare.kb.load import KnowledgeBase
from spasmcare.kb.schema import Question
from spasmcare.report.clinical import Screen, fact
from spasmcare.report.clinical import numbers as episode_numbers
from spasmcare.report.clinical import recent as recent_rows
from spasmcare.report.clinical import screen as screen_of
from spasmcare.result import Result
from spasmcare.wording import reasons, summary

CAUSES = 4
"""Likely causes the report lists."""


@dataclass(frozen=True)
class Who:
    """What the person chose to show about themselves."""

    name: str | None = None
    include_age: bool = False
    include_sex: bool = False


@dataclass(frozen=True)
class MedicineLine:
    name: str
    known_as: str | None
    cramp_link: str | None
    """The strongest cramp link of the medicine or its classes (A, B, C), if any."""
    note: str | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Short:
    """What a result shows first, as the pages and the terminal show it."""

    first_steps: list[str]
    why: str | None
    signs: list[str]

    @classmethod
    def of(cls, kb: KnowledgeBase, raw: dict[str, Any]) -> Short | None:
        try:
            result = Result.model_validate(raw)
        except ValueError:  # an assessment saved by an older version: the full text only
            return None
        signs = [] if summary.is_emergency(result) else summary.warning_signs(kb, result)[0]
        steps = (summary.while_waiting(kb, result) if summary.is_emergency(result)
                 else summary.first_steps(result))  # fmt: skip
        return cls([s.title for s in steps], summary.why(result), signs)


@dataclass(frozen=True)
class Content:
    """Every section of the report, in order."""

    now: datetime
    since: datetime | None
    who: list[tuple[str, str]]
    assessment: Assessment | None
    answers: list[tuple[str, str]]
    insights: Insights
    medicines: list[MedicineLine]
    conditions: list[str]
    steps: list[SelfCareStep]
    checkins: list[CheckIn]
    knowledge_version: str
    sources: list[str] = field(default_factory=list)
    short: Short | None = None
    """The assessment's short part: what to do now, why, the warning signs that matter."""
    because: dict[str, str] = field(default_factory=dict)
    """Each red flag's reasons (by the flag's id) as sentences."""
    source_ids: list[str] = field(default_factory=list)
    screen: Screen | None = None
    numbers: list[tuple[str, str]] = field(default_factory=list)
    recent: list[list[str]] = field(default_factory=list)
    flags: list[tuple[str, str, str, str]] = field(default_factory=list)
    """Each red flag that fired: title, level, the findings behind it, its reference numbers."""

    def refs(self, ids: list[str]) -> str:
        """Reference numbers ("[1, 3]") of the cited sources among ``ids``."""
        numbers = [str(self.source_ids.index(i) + 1) for i in ids if i in self.source_ids]
        return f"[{', '.join(numbers)}]" if numbers else ""

    @property
    def result(self) -> dict[str, Any]:
        return self.assessment.result if self.assessment else {}


def gather(
    kb: KnowledgeBase, profile: Profile | None, episodes: list[Episode],
    assessments: list[Assessment], checkins: list[CheckIn], steps: list[SelfCareStep],
    now: datetime, since: datetime | None = None, who: Who | None = None,
) -> Content:  # fmt: skip
    """The report's content for the diary from ``since`` (all of it when None)."""
    who = who or Who()
    chosen = [e for e in episodes if since is None or e.started_at >= since]
    latest = assessments[-1] if assessments else None
    medicines = [_medicine(kb, m) for m in (profile.medications if profile else ())]
    cited = _cited(latest.result if latest else {}) + [s for m in medicines for s in m.sources]
    source_ids = list(dict.fromkeys(cited))
    made = Content(
        now=now,
        since=since,
        who=_who(who, profile),
        assessment=latest,
        answers=_answers(kb.questions, latest.case) if latest else [],
        insights=describe(chosen, now, steps),
        medicines=medicines,
        conditions=[_condition(kb, c) for c in (profile.conditions if profile else ())],
        steps=steps,
        checkins=checkins,
        knowledge_version=latest.knowledge_version if latest else kb.version,
        short=Short.of(kb, latest.result) if latest else None,
        because={
            str(f.get("id")): reasons.sentences(kb, f.get("because", []))
            for f in (latest.result.get("red_flags", []) if latest else [])
        },
        sources=[_source(kb, s) for s in source_ids],
        source_ids=source_ids,
        screen=screen_of(kb, kb.questions, latest.case) if latest else None,
        numbers=episode_numbers(chosen),
        recent=recent_rows(chosen),
    )
    flags = [(f["title"], str(f["disposition"]).replace("_", " "),
              "; ".join(fact(kb, b) for b in f.get("because", [])),
              made.refs(list(f.get("sources", []))))
             for f in made.result.get("red_flags", [])]  # fmt: skip
    return replace(made, flags=flags)


def _who(who: Who, profile: Profile | None) -> list[tuple[str, str]]:
    lines = []
    if who.name:
        lines.append(("Name", who.name))
    if who.include_age and profile and profile.age is not None:
        lines.append(("Age", str(profile.age)))
    if who.include_sex and profile and profile.sex:
        lines.append(("Sex", profile.sex))
    return lines


def _answers(questions: tuple[Question, ...], case: dict[str, Any]) -> list[tuple[str, str]]:
    """The emergency-screen questions (block A) with the answers the case holds."""
    found = []
    for q in questions:
        if q.block != "A" or q.field in ("region", "age", "sex"):
            continue
        found.append((q.text, answer(q, case)))
    return found


def answer(q: Question, case: dict[str, Any]) -> str:
    """A question's answer as read from the case; 'not asked' when the case lacks the field."""
    if q.field not in case:
        return "not asked"
    value = case[q.field]
    if q.type == "yes_no":
        held = q.term in value if q.term and isinstance(value, list) else value is True
        return "yes" if held else "no"
    if q.choices:
        values = value if isinstance(value, list) else [value]
        chosen = [c.label for c in q.choices if c.value is not None and c.value in values]
        return "; ".join(chosen) or "none of these"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _medicine(kb: KnowledgeBase, name: str) -> MedicineLine:
    ident = kb.medicine_names.find(name)
    if ident is None:
        return MedicineLine(name, None, None, None)
    linked = [kb.medicines[c] for c in sorted(kb.classes_of(ident)) if c in kb.medicines]
    linked = [m for m in linked if m.cramp_link]
    best = min(linked, key=lambda m: m.cramp_link or "Z") if linked else None
    entry = kb.medicines[ident]
    return MedicineLine(
        name,
        entry.title,
        best.cramp_link if best else None,
        best.note if best else None,
        tuple(best.sources) if best else (),
    )


def _condition(kb: KnowledgeBase, name: str) -> str:
    ident = kb.condition_names.find(name)
    return kb.conditions[ident].title if ident and ident in kb.conditions else name


def _cited(result: dict[str, Any]) -> list[str]:
    """The sources of what the report shows: the red flags and the causes listed (the care
    plan's own sources stay with the patient's copy)."""
    found: list[str] = []
    for flag in result.get("red_flags", []):
        found += flag.get("sources", [])
    for cause in result.get("causes", [])[:CAUSES]:
        found += cause.get("sources", [])
    return found


def _source(kb: KnowledgeBase, ident: str) -> str:
    """A compact reference: the first author (et al.), the year and the title."""
    s = kb.sources.get(ident)
    if s is None:
        return ident
    authors = s.authors.split(",")
    first = authors[0].strip() + (" et al." if len(authors) > 2 else "")
    if len(authors) == 2:
        first = f"{authors[0].strip()}, {authors[1].strip()}"
    year = f" {s.year}" if s.year else ""
    return f"{first}{year}. {s.title}."

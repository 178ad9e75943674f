"""An interview under way, as plain JSON: the answers given so far, kept through Back and Change.

Each answer is kept with the question it answers, in the order they were asked; the case the
engine reads is made from them afresh after every change (``answers``). So going back to a
question, or changing an answer on the result page, never loses the other answers:

- Back shows the previous question with its answer filled in; Next moves on to the question
  after it, again filled in, until the first one not yet answered.
- Change reopens one question; once it is answered the interview goes on with only the
  questions the new answer makes necessary, and ends at the result when there are none.

An answer whose question would no longer be asked (a pregnancy answer after the sex changed to
male) stops counting, and is kept in case the change is undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spasmcare.case import parse_case
from spasmcare.diary.model import Profile
from spasmcare.engine.assess import names_of
from spasmcare.engine.facts import facts_of
from spasmcare.engine.interview import answer, next_question
from spasmcare.kb import schema
from spasmcare.kb.load import KnowledgeBase

FORMAT = 2
"""The session format; a session in an older one starts the interview again."""


@dataclass
class Given:
    """One answer: the question, the form's values (to fill the form in again), the engine's
    value (None: not known) and the words shown for it."""

    question: str
    values: list[str]
    value: Any
    shown: str

    def as_json(self) -> dict[str, Any]:
        return {"question": self.question, "values": self.values, "value": self.value,
                "shown": self.shown}  # fmt: skip


@dataclass
class State:
    base: dict[str, Any]
    """What was known before the first question (the saved profile)."""
    given: list[Given] = field(default_factory=list)
    revisit: str | None = None
    """The question shown again (after Back or Change) instead of the next new one."""
    stepping: bool = False
    """After Back: Next moves through the answers already given, one at a time."""

    @classmethod
    def start(cls, profile: Profile | None) -> State:
        """A new interview; what the profile already knows is not asked again."""
        known = profile.as_json() if profile is not None else {}
        return cls({k: x for k, x in known.items() if x not in (None, [])})

    @classmethod
    def of(cls, raw: dict[str, Any]) -> State | None:
        """The interview kept as ``as_json`` made it; None for an older format."""
        if raw.get("format") != FORMAT:
            return None
        given = [Given(g["question"], list(g["values"]), g["value"], g["shown"])
                 for g in raw["given"]]  # fmt: skip
        return cls(dict(raw["base"]), given, raw.get("revisit"), bool(raw.get("stepping")))

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "base": self.base, "given": [g.as_json() for g in self.given],
                "revisit": self.revisit, "stepping": self.stepping}  # fmt: skip

    # What the answers amount to ---------------------------------------------------------

    def counted(self, kb: KnowledgeBase) -> list[Given]:
        """The answers that count: in the order given, each whose question would still be asked
        after the answers before it."""
        questions = {q.id: q for q in kb.questions}
        answers = dict(self.base)
        kept = []
        for g in self.given:
            q = questions.get(g.question)
            if q is None or not _still_asked(kb, q, answers):
                continue
            kept.append(g)
            if g.value is not None:
                answers = answer(q, answers, g.value)
        return kept

    def answers(self, kb: KnowledgeBase) -> dict[str, Any]:
        """The case the answers that count make."""
        questions = {q.id: q for q in kb.questions}
        answers = dict(self.base)
        for g in self.counted(kb):
            if g.value is not None:
                answers = answer(questions[g.question], answers, g.value)
        return answers

    def history(self, kb: KnowledgeBase) -> list[dict[str, Any]]:
        """The questions answered and the words for each answer, in order."""
        return [{"question": g.question, "shown": g.shown} for g in self.counted(kb)]

    def current(self, kb: KnowledgeBase) -> schema.Question | None:
        """The question to show: one being revisited, else the next one needed (None: done)."""
        if self.revisit is not None:
            found = next((q for q in kb.questions if q.id == self.revisit), None)
            if found is not None:
                return found
            self.revisit = None
        asked = {g.question for g in self.counted(kb)}
        return next_question(kb, self.answers(kb), asked)

    def filled(self, question: schema.Question) -> list[str]:
        """The form values given before for this question (empty: not answered yet)."""
        found = self._given(question.id)
        return found.values if found else []

    def number(self, kb: KnowledgeBase, question: schema.Question) -> int:
        """The question's place in the interview, counting from 1."""
        ids = [g.question for g in self.counted(kb)]
        return ids.index(question.id) + 1 if question.id in ids else len(ids) + 1

    # Moving through the interview -----------------------------------------------------

    def apply(
        self, kb: KnowledgeBase, question: schema.Question, value: Any, shown: str,
        values: list[str] | None = None,
    ) -> None:  # fmt: skip
        """Record an answer (replacing an earlier one to the same question), then move on."""
        new = Given(question.id, list(values or []), value, shown)
        old = self._given(question.id)
        if old is None:
            self.given.append(new)
        else:
            self.given[self.given.index(old)] = new
        self.revisit = self._after(kb, question.id) if self.stepping else None
        self.stepping = self.revisit is not None

    def back(self, kb: KnowledgeBase, to: str | None = None) -> None:
        """Show an earlier question with its answer filled in: ``to`` (Change, from the result),
        or the one before the question on screen (Back). No answer is lost."""
        if to is not None:
            if self._given(to) is not None:
                self.revisit, self.stepping = to, False
            return
        ids = [g.question for g in self.counted(kb)]
        on_screen = self.revisit if self.revisit in ids else None
        place = ids.index(on_screen) if on_screen is not None else len(ids)
        if place > 0:
            self.revisit, self.stepping = ids[place - 1], True

    def can_go_back(self, kb: KnowledgeBase) -> bool:
        ids = [g.question for g in self.counted(kb)]
        return ids.index(self.revisit) > 0 if self.revisit in ids else bool(ids)

    def _given(self, question_id: str) -> Given | None:
        return next((g for g in self.given if g.question == question_id), None)

    def _after(self, kb: KnowledgeBase, question_id: str) -> str | None:
        """The answered question after this one that still counts, while stepping forward."""
        ids = [g.question for g in self.counted(kb)]
        later = ids[ids.index(question_id) + 1 :] if question_id in ids else []
        return later[0] if later else None


def _still_asked(kb: KnowledgeBase, q: schema.Question, answers: dict[str, Any]) -> bool:
    if q.asks_when is None:
        return True
    facts = facts_of(parse_case(dict(answers), names_of(kb), partial=True), kb)
    return bool(q.asks_when.holds(facts))

"""The result of an assessment (case-format section 2), as typed, serialisable values."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Disposition = Literal["emergency", "urgent", "soon", "routine", "self_care"]
Likelihood = Literal["likely", "possible", "less_likely"]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class FiredRedFlag(Model):
    """A reason the disposition rose: a red-flag rule that held, or a serious cause probable
    enough to need care (its action threshold passed), with the findings behind it."""

    id: str
    title: str
    disposition: Disposition
    because: list[str]
    explanation: str
    action: str
    sources: list[str]
    kind: Literal["rule", "cause"] = Field(
        "rule",
        description="rule: a red-flag rule held; cause: a serious cause passed its threshold.",
    )
    causes: list[str] = Field(default=[], description="The causes this reason points to.")
    probability: float | None = Field(
        None, description="For a cause: its estimated probability given the answers."
    )
    threshold: float | None = Field(
        None, description="For a cause: the probability at which its level of care is warranted."
    )


class Screen(Model):
    """Whether the danger screen is complete (case-format section 2)."""

    complete: bool
    unanswered: list[str] = Field(
        description="Questions whose answer could still raise the disposition, most urgent first."
    )
    unanswered_text: list[str] = Field(
        default=[], description="The same questions as they are asked."
    )
    could_raise_to: Disposition | None = Field(
        None, description="The most urgent level an unanswered question could still lead to."
    )


class RankedCause(Model):
    """A possible cause, with the facts for and against it."""

    id: str
    title: str
    likelihood: Likelihood
    summary: str
    serious: bool
    for_: list[str] = Field(serialization_alias="for", validation_alias="for")
    against: list[str]
    sources: list[str]
    model_config = ConfigDict(frozen=True, populate_by_name=True)


class PlanStep(Model):
    id: str
    title: str
    text: str
    evidence: str
    cautions: list[str] = []
    sources: list[str]


class Avoid(Model):
    """Something not to take or do, with the reason drawn from the case."""

    id: str
    what: str
    reason: str
    because: list[str]
    sources: list[str]


class MythNote(Model):
    id: str
    claim: str
    evidence: str
    sources: list[str]


class Plan(Model):
    steps: list[PlanStep]
    avoid: list[Avoid]
    check_first: list[Avoid] = Field(
        default=[], description="Pain relief to check with a pharmacist before taking."
    )
    seek_help_if: list[str]
    follow_up_days: int
    myths: list[MythNote] = []


class Result(Model):
    """What spasmcare says about a case."""

    disposition: Disposition
    headline: str
    red_flags: list[FiredRedFlag]
    causes: list[RankedCause]
    plan: Plan
    warnings: list[str]
    knowledge_version: str
    screen: Screen = Field(
        default=Screen(complete=False, unanswered=[]),
        description="Whether every answer that could raise the disposition is known.",
    )
    failsafe: bool = Field(False, description="True when the assessment could not be completed.")
    disclaimer: str

    def as_json(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)

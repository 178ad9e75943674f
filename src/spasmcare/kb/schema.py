"""Typed entries of the knowledge base: one model per kind of entry, one file per kind.

Every field is described here; ``spasmcare kb handbook`` and ``docs/knowledge-base.md`` build
on these descriptions, and a test fails when a field has none.
"""

# Annotations are not postponed (no `from __future__ import annotations`): pydantic would
# otherwise evaluate each one from its text when the classes are created.
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, model_validator

from spasmcare.kb import rules
from spasmcare.vocabulary import DISPOSITIONS

Id = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable snake_case identifier.")
]
if TYPE_CHECKING:
    Disposition = str
else:
    # From the one list of dispositions (knowledge/vocabulary.yaml), most urgent first, so an
    # error lists the allowed values in the order it always has.
    Disposition = Literal[tuple(reversed(DISPOSITIONS))]
Evidence = Literal["good", "fair", "weak", "not_recommended"]
Strength = Literal["A", "B", "C"]


def _parse_rule(raw: object) -> rules.Condition:
    if isinstance(raw, rules.Test | rules.All | rules.AnyOf | rules.Not):
        return raw
    return rules.parse(raw, "")


Rule = Annotated[
    rules.Condition,
    PlainValidator(_parse_rule),
    PlainSerializer(lambda c: repr(c), return_type=str),
]


class Entry(BaseModel):
    # The schema is built on first validation: entries read from the cached knowledge base
    # (see spasmcare.kb.load) are never validated, so most commands never pay for it.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Entry):
    """One work in the bibliography."""

    id: Id
    tag: str | None = Field(None, description="Tag used in the clinical reference, e.g. C1.")
    authors: str = Field(description="Authors or the organisation that published it.")
    title: str = Field(description="Title of the work.")
    year: int | None = Field(None, description="Year of publication or of the version read.")
    url: str | None = Field(None, description="Where to read it.")
    kind: Literal[
        "guideline",
        "review",
        "trial",
        "observational",
        "case_report",
        "patient_information",
        "drug_label",
        "regulator",
        "reference_work",
        "code_system",
        "lay_summary",
    ] = Field(description="What kind of evidence it is.")
    checked: bool = Field(description="Whether the cited facts were checked against the original.")
    note: str | None = Field(None, description="What was read and what a reviewer should re-check.")


class RedFlag(Entry):
    """A rule that sets a disposition when its condition holds."""

    id: Id
    ref: str = Field(description="Rule number in the clinical reference (E1, U3, S2, R7, X1...).")
    title: str = Field(description="Short name of the danger, for people and clinicians.")
    disposition: Disposition = Field(description="How urgently to get care when the rule fires.")
    when: Rule = Field(description="The condition over case fields, in the rule language.")
    explanation: str = Field(description="Patient-facing: why this matters.")
    action: str = Field(description="Patient-facing: what to do now.")
    causes: list[Id] = Field(default_factory=list, description="Causes this rule points to.")
    sources: list[Id] = Field(min_length=1, description="Sources that support the rule.")
    review: Literal["needs_review", "reviewed"] = Field(
        "needs_review", description="Clinical sign-off status of the rule."
    )


class Basis(Entry):
    """Where a number comes from: the sources that report it, or an estimate and its reason."""

    sources: list[Id] = Field(
        default_factory=list, description="Sources that report the figure the number rests on."
    )
    figure: str | None = Field(
        None, description="What the sources report, e.g. 'LR+ 2.1 (95% CI 1.6 to 2.8)'."
    )
    estimate: str | None = Field(
        None, description="Marks the number as an expert estimate, with the reason for its value."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> "Basis":
        if bool(self.sources) == bool(self.estimate):
            raise ValueError("give either sources (with the figure) or an estimate with its reason")
        return self

    @property
    def kind(self) -> Literal["sourced", "estimate"]:
        return "sourced" if self.sources else "estimate"


class Finding(Entry):
    """A finding that speaks for (positive weight) or against (negative weight) a cause."""

    when: Rule = Field(description="The condition that makes the finding present.")
    weight: float = Field(
        ge=-5, le=5, description="Natural log of the likelihood ratio: +1.1 is about LR 3."
    )
    text: str = Field(description="Plain-language statement of the finding.")
    basis: Basis | None = Field(
        None,
        description="Where the likelihood ratio comes from; the cause's weights_basis if absent.",
    )


class CauseTriage(Entry):
    """The care a serious cause needs once it is probable enough (the threshold approach)."""

    disposition: Disposition = Field(description="The level of care the cause needs.")
    threshold: float = Field(
        gt=0, lt=1, description="The probability at or above which that level is warranted."
    )
    basis: Basis = Field(description="Where the threshold comes from.")
    action: str = Field(description="Patient-facing: what to do now.")
    unless: Rule | None = Field(
        None,
        description="A case the guidance itself says does not need this level (it gets its "
        "level from a red-flag rule instead).",
    )


class Cause(Entry):
    """A condition or factor that can cause or mimic spasms and cramps."""

    id: Id
    title: str = Field(description="Name of the cause, for people.")
    summary: str = Field(description="Plain-language explanation.")
    serious: bool = Field(False, description="Whether missing it can cause harm.")
    prior: float = Field(
        gt=0, lt=1, description="How common it is among people who seek help for spasms (0 to 1)."
    )
    prior_basis: Basis = Field(description="Where the prior comes from.")
    weights_basis: Basis = Field(
        description="Where the findings' likelihood ratios come from, unless a finding says."
    )
    triage: CauseTriage | None = Field(
        None, description="For a serious cause: the care it needs and at what probability."
    )
    requires: Rule | None = Field(
        None, description="Gate: the cause is considered only when it holds."
    )
    findings: list[Finding] = Field(min_length=1, description="What speaks for and against it.")
    next_steps: str | None = Field(None, description="What a clinician usually does next.")
    sources: list[Id] = Field(min_length=1, description="Sources that support the entry.")


class Caution(Entry):
    """A caution attached to a care step, shown when its condition holds (or always)."""

    text: str = Field(description="What to be careful about.")
    when: Rule | None = Field(None, description="When the caution applies; always when absent.")
    sources: list[Id] = Field(default_factory=list, description="Sources for the caution.")


class CareStep(Entry):
    """A self-care step or treatment with its evidence level."""

    id: Id
    title: str = Field(description="Short name of the step.")
    text: str = Field(description="Patient-facing instruction.")
    kind: Literal[
        "stretch",
        "massage",
        "heat",
        "cold",
        "fluids",
        "pain_relief",
        "exercise",
        "activity",
        "medicine_review",
        "see_clinician",
        "while_waiting",
        "diary",
        "treatment_info",
    ] = Field(description="What kind of step it is.")
    evidence: Evidence = Field(
        description="Strength of evidence: good, fair, weak, not_recommended."
    )
    self_care: bool = Field(True, description="Whether the app may suggest it without a clinician.")
    order: int = Field(50, description="Position in the plan, lower first.")
    dispositions: list[Disposition] = Field(
        min_length=1, description="Dispositions whose plan may include this step."
    )
    applies_when: Rule | None = Field(
        None, description="When the step applies; always when absent."
    )
    cautions: list[Caution] = Field(
        default_factory=list, description="Cautions shown with the step."
    )
    sources: list[Id] = Field(min_length=1, description="Sources for the step.")


class Myth(Entry):
    """A popular claim, with what the evidence shows instead."""

    id: Id
    claim: str = Field(description="The claim as people meet it.")
    verdict: Literal["unsupported", "weak", "partly_true"] = Field(
        description="What the evidence says of it."
    )
    evidence: str = Field(description="Plain-language correction.")
    applies_when: Rule | None = Field(None, description="When to show it; always when absent.")
    sources: list[Id] = Field(min_length=1, description="Sources for the correction.")


class SafetyNet(Entry):
    """A 'get help straight away if' line shown with the plan."""

    id: Id
    text: str = Field(description="Patient-facing warning sign and what to do.")
    applies_when: Rule | None = Field(None, description="When to show it; always when absent.")
    sources: list[Id] = Field(min_length=1, description="Sources for the warning sign.")


class Medicine(Entry):
    """A medicine (generic) or a class of medicines."""

    id: Id
    kind: Literal["generic", "class"] = Field(description="A generic medicine or a drug class.")
    title: str = Field(description="Display name.")
    synonyms: list[str] = Field(default_factory=list, description="Other names: brands, spellings.")
    classes: list[Id] = Field(default_factory=list, description="Classes it belongs to.")
    cramp_link: Strength | None = Field(
        None, description="Strength of its link to cramps: A, B or C; none when not linked."
    )
    note: str | None = Field(None, description="What the link is, for people and clinicians.")
    sources: list[Id] = Field(default_factory=list, description="Sources for the link.")


class ScreenRule(Entry):
    """One stop or caution item of the over-the-counter pain-relief screen."""

    id: Id
    when: Rule = Field(description="When the item applies.")
    reason: str = Field(description="Patient-facing reason.")
    sources: list[Id] = Field(min_length=1, description="Sources for the item.")


class LabelDose(Entry):
    """A maximum dose as printed on a label: a fact, not an instruction."""

    jurisdiction: str = Field(description="Where the label applies (US, UK).")
    text: str = Field(description="The label's maximum-dose statement.")


class OtcDrug(Entry):
    """An over-the-counter pain reliever and its safety screen."""

    id: Id
    title: str = Field(description="Display name.")
    medicine: Id = Field(description="The medicine entry it refers to.")
    stop: list[ScreenRule] = Field(description="Items that block the drug.")
    caution: list[ScreenRule] = Field(
        description="Items that ask to check with a pharmacist first."
    )
    label_max: list[LabelDose] = Field(
        description="Label maximum doses, as facts per jurisdiction."
    )
    sources: list[Id] = Field(min_length=1, description="Sources for the drug's screen.")


class Condition(Entry):
    """A named health condition a person may report."""

    id: Id
    title: str = Field(description="Display name.")
    synonyms: list[str] = Field(default_factory=list, description="Other names and spellings.")


class Choice(Entry):
    """One answer to a question and the value it gives the case field."""

    id: Id
    label: str = Field(description="What the person sees.")
    value: str | bool | float | None = Field(
        None, description="Value for the field (a term for list fields); none adds nothing."
    )


class Question(Entry):
    """One question of the adaptive questionnaire."""

    id: Id
    ref: str = Field(description="Question number in the clinical reference (A1, B3...).")
    block: Literal["A", "B", "C", "D"] = Field(
        description="A: emergency screen; B: the episode; C: associated features; D: medicines."
    )
    text: str = Field(description="The question as asked.")
    help: str | None = Field(None, description="A hint shown under the question.")
    type: Literal["yes_no", "single_choice", "multi_choice", "number", "region", "names"] = Field(
        description="How it is answered."
    )
    field: str = Field(description="The case field the answer fills.")
    term: str | None = Field(
        None, description="For a yes/no question on a list field: the term a yes adds."
    )
    choices: list[Choice] = Field(default_factory=list, description="Answer choices.")
    minimum: float | None = Field(None, description="Smallest number allowed (number questions).")
    maximum: float | None = Field(None, description="Largest number allowed (number questions).")
    unit: str | None = Field(None, description="Unit of a number answer.")
    asks_when: Rule | None = Field(
        None, description="Asked only when this holds; always when absent."
    )
    sources: list[Id] = Field(default_factory=list, description="Sources behind the question.")


class Code(Entry):
    """A code in a standard terminology for a concept of the knowledge base."""

    id: Id
    concept: str = Field(
        pattern=r"^(cause|region|side|medicine|observation|finding|red_flag|disposition):[a-z0-9_]+$",
        description="What it codes, as kind:id (cause:tetanus, region:calf, side:left).",
    )
    system: Literal["snomed_ct", "icd10", "icd10_cm", "loinc", "rxnorm", "atc"] = Field(
        description="The terminology."
    )
    code: str = Field(description="The code.")
    display: str = Field(description="The terminology's label.")
    status: Literal["verified", "seen_third_party", "unverified"] = Field(
        description="verified: checked in the official release; otherwise still to check."
    )
    sources: list[Id] = Field(default_factory=list, description="Where the code was seen.")
    checked_against: str | None = Field(
        None,
        description="For a verified code: the terminology's own browser or release file it was "
        "checked in, with its version (SNOMED CT International 2025-01-01 release).",
    )
    checked_on: str | None = Field(
        None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="For a verified code: the day checked."
    )

    @model_validator(mode="after")
    def _verified_says_where(self) -> "Code":
        if self.status == "verified" and not (self.checked_against and self.checked_on):
            raise ValueError(
                "a verified code needs checked_against (the terminology's own browser or "
                "release file, with its version) and checked_on (YYYY-MM-DD)"
            )
        return self


class Term(Entry):
    """A plain-language label for a case vocabulary term."""

    id: Id
    field: str = Field(description="The case field the term belongs to.")
    label: str = Field(description="Plain-language label.")


class DispositionText(Entry):
    """What a disposition means for the person, in plain words."""

    id: Disposition
    title: str = Field(description="Short name, e.g. 'Call emergency services now'.")
    headline: str = Field(description="The first thing the person reads with this result.")
    headline_incomplete: str = Field(
        description="The headline when questions that could raise the level are unanswered."
    )
    sources: list[Id] = Field(min_length=1, description="Sources for the wording.")


class Manifest(Entry):
    """The knowledge base's name and version."""

    name: str = Field(description="Name of the knowledge base.")
    version: str = Field(description="Version, changed by every reviewed release.")
    disclaimer: str = Field(description="Intended use and limits, shown with every result.")
    reviewed_by: list[str] = Field(default_factory=list, description="Clinicians who signed off.")
    terminology_releases: dict[str, str] = Field(
        default_factory=dict, description="Pinned terminology release per code system."
    )

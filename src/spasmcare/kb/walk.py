"""Every rule of a knowledge base, in one walk that the checks, the indexes and the interview
share, so none of them can miss a kind of rule the others see."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

from spasmcare.kb import rules, schema


class Rules(Protocol):
    """The parts of a knowledge base that hold rules (``KnowledgeBase`` has them all; a
    protocol, so the modules that walk rules need not import the knowledge-base type)."""

    @property
    def red_flags(self) -> tuple[schema.RedFlag, ...]: ...
    @property
    def causes(self) -> Mapping[str, schema.Cause]: ...
    @property
    def steps(self) -> tuple[schema.CareStep, ...]: ...
    @property
    def myths(self) -> tuple[schema.Myth, ...]: ...
    @property
    def safety_net(self) -> tuple[schema.SafetyNet, ...]: ...
    @property
    def otc_screen(self) -> tuple[schema.OtcDrug, ...]: ...
    @property
    def questions(self) -> tuple[schema.Question, ...]: ...


def conditions_of(kb: Rules) -> Iterator[tuple[str, str, rules.Condition]]:
    """(file, entry id, condition) for every rule in the knowledge base."""
    for flag in kb.red_flags:
        yield "red_flags.yaml", flag.id, flag.when
    for cause in kb.causes.values():
        if cause.requires is not None:
            yield "causes.yaml", cause.id, cause.requires
        for finding in cause.findings:
            yield "causes.yaml", cause.id, finding.when
        if cause.triage is not None and cause.triage.unless is not None:
            yield "causes.yaml", cause.id, cause.triage.unless
    for step in kb.steps:
        yield from _optional("care.yaml", step.id, step.applies_when)
        for caution in step.cautions:
            yield from _optional("care.yaml", step.id, caution.when)
    for myth in kb.myths:
        yield from _optional("care.yaml", myth.id, myth.applies_when)
    for line in kb.safety_net:
        yield from _optional("care.yaml", line.id, line.applies_when)
    for drug in kb.otc_screen:
        for item in (*drug.stop, *drug.caution):
            yield "medicines.yaml", f"{drug.id}.{item.id}", item.when
    for question in kb.questions:
        yield from _optional("questions.yaml", question.id, question.asks_when)


def _optional(
    file: str, entry: str, condition: rules.Condition | None
) -> Iterator[tuple[str, str, rules.Condition]]:
    if condition is not None:
        yield file, entry, condition

"""The knowledge base as the engine sees it, and the findings of its checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from spasmcare.kb import schema
from spasmcare.names import NameIndex

if TYPE_CHECKING:
    from spasmcare.case import Names
    from spasmcare.kb.index import RuleIndexes


@dataclass(frozen=True)
class Problem:
    """One finding of the checks: where it is and what is wrong."""

    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.message}"


@dataclass(frozen=True)
class KnowledgeBase:
    """The whole knowledge base, typed and cross-checked."""

    manifest: schema.Manifest
    sources: dict[str, schema.Source]
    red_flags: tuple[schema.RedFlag, ...]
    causes: dict[str, schema.Cause]
    steps: tuple[schema.CareStep, ...]
    myths: tuple[schema.Myth, ...]
    safety_net: tuple[schema.SafetyNet, ...]
    follow_up_days: dict[str, int]
    medicines: dict[str, schema.Medicine]
    otc_screen: tuple[schema.OtcDrug, ...]
    conditions: dict[str, schema.Condition]
    questions: tuple[schema.Question, ...]
    codes: tuple[schema.Code, ...]
    terms: dict[tuple[str, str], schema.Term]
    dispositions: dict[str, schema.DispositionText]
    digest: str
    medicine_names: NameIndex = field(repr=False)
    condition_names: NameIndex = field(repr=False)

    @property
    def version(self) -> str:
        """The manifest version with a short hash of the content, e.g. 2026.11.0+3fa2c1d9."""
        return f"{self.manifest.version}+{self.digest[:8]}"

    @cached_property
    def names(self) -> Names:
        """The name indexes cases are normalised against."""
        from spasmcare.case import Names

        return Names(medications=self.medicine_names, conditions=self.condition_names)

    @cached_property
    def index(self) -> RuleIndexes:
        """The rules indexed by the answers that can make them hold, built on first use (the
        index module does not import this one: it reads a knowledge base through a protocol)."""
        from spasmcare.kb.index import RuleIndexes

        return RuleIndexes.of(self)

    def classes_of(self, medicine_id: str) -> set[str]:
        """A medicine's id with every class it belongs to, directly or through a parent class."""
        found: set[str] = set()
        pending = [medicine_id]
        while pending:
            current = pending.pop()
            if current in found:
                continue
            found.add(current)
            entry = self.medicines.get(current)
            pending += entry.classes if entry else []
        return found

    def label(self, field_name: str, term: str) -> str:
        """The plain-language label of a vocabulary term (the term itself when none is given)."""
        entry = self.terms.get((field_name, term))
        return entry.label if entry else term.replace("_", " ")


class KnowledgeBaseError(Exception):
    """The knowledge base did not load; ``problems`` lists every error."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class Report:
    """The outcome of ``check``: counts, errors and warnings."""

    counts: dict[str, int]
    errors: list[Problem]
    warnings: list[Problem]
    knowledge: KnowledgeBase | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "counts": self.counts,
            "errors": [str(p) for p in self.errors],
            "warnings": [str(p) for p in self.warnings],
        }

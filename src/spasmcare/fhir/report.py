"""What an import of a FHIR file read, what it used and what it left out, and why.

``Tally`` collects it while a file is read (``spasmcare.fhir.read``); ``ImportReport`` is the
finished account that the command line and the import page show before anything is stored.
Resources are grouped by type and reason, so a file of 200 Observations gives one line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from spasmcare.fhir.foreign import Demographics

DERIVED: Final = "part of a saved spasmcare assessment: restored from its RiskAssessment"
FROM_OTHER_SYSTEM: Final = "from another system"


@dataclass(frozen=True)
class Used:
    resource: str
    """``Type/id``."""
    became: str
    """What it became: ``an episode``, ``a medicine: Simvastatin 20 MG``…"""
    foreign: bool = False
    """Brought in from another system's record (not a spasmcare export)."""


@dataclass(frozen=True)
class LeftOut:
    resource: str
    reason: str


@dataclass
class Tally:
    """Filled while a file is read."""

    read: Counter[str] = field(default_factory=Counter)
    used: list[Used] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    demographics: Demographics | None = None
    medicines: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)

    def report(self, changes: tuple[str, ...] = ()) -> ImportReport:
        return ImportReport(dict(self.read), tuple(self.used), tuple(self.left_out), changes)


@dataclass(frozen=True)
class ImportReport:
    """The account of one import, before (or after) it is stored."""

    read: dict[str, int]
    """Resources read, by type."""
    used: tuple[Used, ...]
    left_out: tuple[LeftOut, ...]
    changes: tuple[str, ...] = ()
    """What the import changes in the profile, in words (``age: 74 (from the birth date)``)."""

    @property
    def total(self) -> int:
        return sum(self.read.values())

    @property
    def foreign(self) -> bool:
        """Whether anything comes from another system (and so is worth confirming)."""
        return any(u.foreign for u in self.used)

    @property
    def usable(self) -> bool:
        return bool(self.used)

    def sections(self) -> list[tuple[str, list[str]]]:
        """The report as headings, each with its lines."""
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.read.items()))
        head = f"Read {_count(self.total, 'resource')}" + (f" ({kinds})." if kinds else ".")
        found: list[tuple[str, list[str]]] = [(head, [])]
        used = _grouped((u.resource, u.became) for u in self.used)
        used += [f"profile: {change}" for change in self.changes]
        found.append((f"Used {len(self.used)}:" if self.used else "Used none of them.", used))
        if self.left_out:
            left = _grouped((x.resource, x.reason) for x in self.left_out)
            found.append((f"Left out {len(self.left_out)}:", left))
        return found

    def lines(self) -> list[str]:
        """The report in plain sentences, one a line."""
        return [
            text for head, items in self.sections() for text in [head, *(f"  {i}" for i in items)]
        ]


def _grouped(items: Iterable[tuple[str, str]]) -> list[str]:
    """``Type/id: what`` lines, grouped: ``200 Observation: an episode (Observation/a, …)``."""
    groups: dict[tuple[str, str], list[str]] = {}
    for resource, what in items:
        groups.setdefault((resource.partition("/")[0], what), []).append(resource)
    found = []
    for (kind, what), names in groups.items():
        if len(names) == 1:
            found.append(f"{names[0]}: {what}")
        else:
            shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
            found.append(f"{len(names)} {kind}: {what} ({shown})")
    return found


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"

"""Importing a FHIR file, in two steps: ``preview`` reads and checks all of it and says what it
would bring in (an ``ImportReport``), ``apply`` stores exactly that, all or nothing.

A spasmcare export is restored as it was. From another system's record, what fits the diary
is brought in: the birth date (as an age) and the sex fill the profile where it has none, and
current medicines and conditions are added to its lists; pain scores become episodes. The
command line and the import page show the report and ask before ``apply``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TextIO

from spasmcare.diary.bulk import Record
from spasmcare.diary.model import Episode, Profile
from spasmcare.diary.store import Store
from spasmcare.errors import TransferError
from spasmcare.fhir.read import Seen
from spasmcare.fhir.report import ImportReport, Tally

__all__ = ["ImportReport", "Preview", "apply", "is_fhir", "preview", "preview_of"]


@dataclass(frozen=True)
class Preview:
    """A checked FHIR file, ready to store."""

    report: ImportReport
    records: tuple[Record, ...]

    @property
    def episodes(self) -> int:
        return sum(isinstance(r, Episode) for r in self.records)


def is_fhir(path: Path) -> bool:
    """Whether ``path`` holds FHIR (a Bundle or NDJSON, by its first line; or a folder of
    Bulk Data NDJSON files)."""
    from spasmcare.formats import files

    return path.is_dir() or files.is_fhir(path)


def preview(
    store: Store, path: Path, now: datetime, region: str | None = None, seen: Seen | None = None
) -> Preview:
    """Read and check the FHIR file at ``path``; raises TransferError as an import would.
    ``region`` places pain scores from another system that name no body site; ``seen`` hears
    of each resource as it is read, so a long import can show how far it is."""
    if path.is_dir():
        return preview_of(store, io.StringIO(_bulk(path)), now, region, seen)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise TransferError(0, "file", f"{path}: {error.strerror}") from None
    with handle:
        return preview_of(store, handle, now, region, seen)


BULK_ORDER = ("Patient", "Observation", "Questionnaire", "QuestionnaireResponse", "Condition",
              "RiskAssessment", "CarePlan")  # fmt: skip
"""The order a folder of Bulk Data files is read in: what a resource refers to comes first."""


def _bulk(folder: Path) -> str:
    """The NDJSON files of a Bulk Data folder as one text, each type's file in ``BULK_ORDER``."""
    found = sorted(folder.glob("*.ndjson"))
    rank = {kind: n for n, kind in enumerate(BULK_ORDER)}
    found.sort(key=lambda p: (rank.get(p.name.split(".")[0], len(rank)), p.name))
    if not found:
        raise TransferError(0, "file", f"{folder}: a folder to import holds .ndjson files; "
                            "it has none")  # fmt: skip
    parts = []
    for path in found:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise TransferError(0, "file", f"{path}: {error}") from None
        parts.append(text if text.endswith("\n") or not text else text + "\n")
    return "".join(parts)


def preview_of(
    store: Store, handle: TextIO, now: datetime, region: str | None = None,
    seen: Seen | None = None,
) -> Preview:  # fmt: skip
    """``preview`` of FHIR text already open (an uploaded file)."""
    from spasmcare.fhir.read import read

    tally = Tally()
    records = list(read(handle, now, tally, region, seen))
    own = next((r for r in records if isinstance(r, Profile)), None)
    merged, changes = _profile(own or store.profile(), tally)
    if merged is not None:
        records = [r for r in records if not isinstance(r, Profile)]
        records.insert(0, merged)
    return Preview(tally.report(tuple(changes)), tuple(records))


def apply(store: Store, found: Preview) -> int:
    """Store what ``found`` brings in, all or nothing; returns the episodes added."""
    return store.load(found.records)


def _profile(current: Profile | None, tally: Tally) -> tuple[Profile | None, list[str]]:
    """The profile after another system's values are merged in, and the changes in words;
    None when the file gives no profile values from another system."""
    people, medicines, conditions = tally.demographics, tally.medicines, tally.conditions
    if people is None and not medicines and not conditions:
        return None, []
    base = current or Profile()
    changes: list[str] = []
    if people is not None:
        born = f"born {people.birth_date}"
        pairs: tuple[tuple[str, object, str | None], ...] = (
            ("age", people.age, born), ("sex", people.sex, None)
        )  # fmt: skip
        for name, given, said in pairs:
            have = getattr(base, name)
            if given is None or have == given:
                continue
            if have is None:
                base = (
                    replace(base, age=people.age)
                    if name == "age"
                    else replace(base, sex=people.sex)
                )
                changes.append(f"{name} {given}" + (f" ({said})" if said else ""))
            else:
                changes.append(f"{name} kept as {have} (the record says {said or given})")
    new_medicines = _new(base.medications, medicines)
    new_conditions = _new(base.conditions, conditions)
    if new_medicines:
        changes.append("medicines added: " + ", ".join(new_medicines))
    if new_conditions:
        changes.append("conditions added: " + ", ".join(new_conditions))
    merged = replace(
        base,
        medications=(*base.medications, *new_medicines),
        conditions=(*base.conditions, *new_conditions),
    )
    return merged, changes


def _new(have: tuple[str, ...], given: list[str]) -> list[str]:
    """The names in ``given`` that ``have`` lacks, compared without case, each once."""
    known = {name.casefold() for name in have}
    found = []
    for name in given:
        if name.casefold() not in known:
            known.add(name.casefold())
            found.append(name)
    return found

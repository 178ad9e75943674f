"""Reading a FHIR Bundle or NDJSON file back into diary records.

Every resource is first validated against the official FHIR R4 JSON schema (``r4``), then the
profile, the episodes and the saved assessments (each carried by its RiskAssessment, see
``assessment``) are checked like any other import. An assessment is
linked to the episode its RiskAssessment refers to in ``basis``, which comes earlier in the
file. An error names the line (NDJSON), the resource (``Observation/<id>``, with its Bundle
entry) and the field. The questionnaire, responses, conditions and care plans of a spasmcare
export are validated but not restored: they are derived from the saved assessments.

A record from another system (``foreign``) gives what it can: the Patient's age and sex, its
current medicines and conditions (collected in the ``Tally`` for the profile), and pain scores
as episodes. Every resource is counted in the ``Tally``: used, or left out with the reason. A
file whose resources name more than one patient is refused whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TextIO

from spasmcare import clock
from spasmcare.diary import model
from spasmcare.diary.bulk import Record
from spasmcare.diary.model import Episode, InvalidValue
from spasmcare.errors import TransferError
from spasmcare.fhir import assessment, episodes, foreign, patient, r4
from spasmcare.fhir.report import DERIVED, LeftOut, Tally, Used
from spasmcare.fhir.terminology import AUTHOR, JSON, QUESTIONNAIRE

PATIENT_FIELDS = ("subject", "patient")
"""The elements by which a resource names the patient it is about."""

Seen = Callable[[str, bool], None]
"""Told of every resource read: its type, and whether it was restored into the diary."""


def read(
    handle: TextIO, now: datetime | None = None, tally: Tally | None = None,
    region: str | None = None, seen: Seen | None = None,
) -> Iterator[Record]:  # fmt: skip
    """Checked records of a FHIR file, lazily; raises TransferError at the first bad resource.
    ``tally`` receives the account of every resource; ``region`` places pain scores from
    another system whose body site names none; ``seen`` hears of each resource as it is read
    (its type, and whether it gave records), so a long import can show how far it is."""
    reader = _Reader(now, tally if tally is not None else Tally(), region, seen)
    yield from _read(handle, reader)
    reader.finish()


def _read(handle: TextIO, reader: _Reader) -> Iterator[Record]:
    first = handle.readline()
    try:
        value = json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        value = None
    if isinstance(value, dict) and value.get("resourceType") != "Bundle":
        yield from _ndjson(value, handle, reader)
        return
    if value is None:  # a Bundle over several lines
        text = first + handle.read()
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise TransferError(error.lineno, "json", f"not valid JSON ({error.msg})") from None
        except RecursionError:
            raise TransferError(1, "json", "nested too deeply") from None
    elif handle.read().strip():
        raise TransferError(2, "json", "a Bundle must be the only JSON value in the file")
    if not isinstance(value, dict) or value.get("resourceType") != "Bundle":
        raise TransferError(1, "resourceType", "expected a FHIR Bundle or NDJSON resources")
    yield from _bundle(value, reader)


def _ndjson(first: JSON, handle: TextIO, reader: _Reader) -> Iterator[Record]:
    yield from reader.records(1, "", first)
    for number, line in enumerate(handle, start=2):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise TransferError(number, "json", f"not valid JSON ({error.msg})") from None
        except RecursionError:
            raise TransferError(number, "json", "nested too deeply") from None
        if not isinstance(value, dict):
            raise TransferError(number, "json", "each line must be one FHIR resource")
        yield from reader.records(number, "", value)


def _bundle(bundle: JSON, reader: _Reader) -> Iterator[Record]:
    entries = bundle.get("entry") or []
    shell = {k: x for k, x in bundle.items() if k != "entry"}
    _validate(0, "Bundle", {**shell, "resourceType": "Bundle"})
    if not isinstance(entries, list):
        raise TransferError(0, "Bundle.entry", f"{type(entries).__name__} is not allowed; "
                            "allowed: a list of entries")  # fmt: skip
    found: list[Record] = []  # a Bundle is one document: check all of it before any is stored
    for number, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            raise TransferError(0, f"Bundle.entry[{number}].resource", "missing; allowed: "
                                "a FHIR resource")  # fmt: skip
        found += reader.records(0, f"Bundle.entry[{number}] ", resource, entry.get("fullUrl"))
    yield from found


class _Reader:
    """The state of one file's reading: references seen, patients named, the tally."""

    def __init__(
        self, now: datetime | None, tally: Tally, region: str | None, told: Seen | None = None
    ) -> None:
        self.now, self.tally, self.region = now, tally, region
        self.told: Seen = told or (lambda kind, restored: None)
        self.seen: dict[str, int | None] = {}
        """The references to every resource read so far (``Type/id`` and the Bundle entry's
        fullUrl), each to its episode id, None if it is not an episode."""
        self.patients: list[tuple[str, set[str]]] = []
        self.named: list[tuple[int, str, str]] = []
        """(line, ``name.field``, reference) of every patient reference."""

    def records(self, line: int, where: str, resource: JSON, url: object = None) -> list[Record]:
        """The records in one resource, if any, after checking it."""
        kind = resource.get("resourceType")
        name = f"{where}{kind}/{resource.get('id', '?')}"
        _validate(line, name, resource)
        refs = {r for r in (f"{kind}/{resource.get('id')}", url) if isinstance(r, str)}
        if kind == "Patient":  # a urn:uuid reference to a Patient whose id is that UUID
            self.patients.append((name, {*refs, f"urn:uuid:{resource.get('id')}"}))
        for field in PATIENT_FIELDS:
            ref = resource.get(field)
            if isinstance(ref, dict) and isinstance(ref.get("reference"), str):
                self.named.append((line, f"{name}.{field}", ref["reference"]))
        self.tally.read[str(kind)] += 1
        found, episode_id = self._own(line, name, resource)
        if found is None:
            found = self._foreign(resource, f"{kind}/{resource.get('id', '?')}")
        for ref in refs:
            self.seen[ref] = episode_id
        self.told(str(kind), bool(found))
        return found

    def _own(self, line: int, name: str, resource: JSON) -> tuple[list[Record] | None, int | None]:
        """A spasmcare export's records in ``resource``; None if it is not one of those."""
        kind, short = resource.get("resourceType"), name.rpartition(" ")[2]
        try:
            if kind == "Patient" and patient.has_profile(resource):
                paths = patient.PATHS
                self.tally.used.append(Used(short, "the profile"))
                return [model.profile(patient.fields(resource))], None
            if episodes.is_episode(resource):
                paths = episodes.PATHS
                found = model.episode(episodes.fields(resource), self.now)
                self.tally.used.append(Used(short, "an episode"))
                return [found], found.id
            if assessment.is_saved(resource):
                paths = assessment.PATHS
                self.tally.used.append(Used(short, "a saved assessment"))
                return [assessment.restored(resource, self.seen, self.now)], None
        except InvalidValue as error:
            path = paths.get(error.field, error.field)
            raise TransferError(line, f"{name}.{path}", error.message) from None
        if _derived(resource):
            self.tally.left_out.append(LeftOut(short, DERIVED))
            return [], None
        return None, None

    def _foreign(self, resource: JSON, name: str) -> list[Record]:
        """What another system's resource gives: profile values go to the tally."""
        kind, tally, now = resource.get("resourceType"), self.tally, self.now or clock.now()
        given: object
        if kind == "Patient":
            given = foreign.demographics(resource, now)
            if isinstance(given, foreign.Demographics):
                tally.demographics = given
                said = [f"age {given.age}"] if given.age is not None else []
                said += [f"sex {given.sex}"] if given.sex is not None else []
                tally.used.append(Used(name, " and ".join(said) + " for the profile", True))
        elif kind in ("MedicationStatement", "MedicationRequest"):
            given = foreign.medicine(resource)
            if isinstance(given, str):
                tally.medicines.append(given)
                tally.used.append(Used(name, "a medicine for the profile", True))
        elif kind == "Condition":
            given = foreign.condition(resource)
            if isinstance(given, str):
                tally.conditions.append(given)
                tally.used.append(Used(name, "a condition for the profile", True))
        elif kind == "Observation" and foreign.is_pain_score(resource):
            given = foreign.pain_episode(resource, name, now, self.region)
            if isinstance(given, Episode):
                tally.used.append(Used(name, "an episode (pain score)", True))
                return [given]
        elif kind == "Observation":
            given = foreign.Left("only pain severity (LOINC 72514-3) becomes an episode")
        elif kind == "RiskAssessment":
            given = foreign.Left("a risk assessment from another system: spasmcare makes its own")
        else:
            given = foreign.Left(f"spasmcare keeps nothing from {kind} resources")
        if isinstance(given, foreign.Left):
            tally.left_out.append(LeftOut(name, given.reason))
        return []

    def finish(self) -> None:
        """Refuse the file if its resources name more than one patient."""
        if len(self.patients) > 1:
            names = ", ".join(name for name, _ in self.patients[:3])
            more = ", …" if len(self.patients) > 3 else ""
            count = len(self.patients)
            raise TransferError(0, "Patient", f"the file holds {count} patients ({names}"
                                f"{more}); import one person's record at a time")  # fmt: skip
        if self.patients:
            owner, refs = self.patients[0]
            for line, where, ref in self.named:
                if ref not in refs and ref.startswith(("Patient/", "urn:uuid:")):
                    raise TransferError(line, where, f"names {ref}, another patient than the "
                                        f"file's {owner}; import one person's record at a "
                                        "time")  # fmt: skip
            return
        named = [
            (line, where, ref) for line, where, ref in self.named if ref.startswith("Patient/")
        ]
        for line, where, ref in named:
            if ref != named[0][2]:  # the first resource that names a second patient
                raise TransferError(line, where, f"names {ref}, another patient than "
                                    f"{named[0][2]} named before it; import one person's "
                                    "record at a time")  # fmt: skip


def _derived(resource: JSON) -> bool:
    """Whether ``resource`` is one that a spasmcare export derives from a saved assessment."""
    kind = resource.get("resourceType")
    if kind == "Questionnaire":
        return resource.get("url") == QUESTIONNAIRE
    if kind == "QuestionnaireResponse":
        return str(resource.get("questionnaire")).partition("|")[0] == QUESTIONNAIRE
    notes = resource.get("note") if kind in ("Condition", "CarePlan") else None
    return isinstance(notes, list) and any(
        isinstance(n, dict) and n.get("authorString") == AUTHOR for n in notes
    )


_PERSON = "\0person "
"""Key prefix in ``seen`` for the references that name the file's one patient."""


def _one_person(line: int, name: str, resource: JSON, url: object, seen: dict[str, int | None]
                ) -> None:  # fmt: skip
    """Refuse a file about two people: every subject must name the file's one patient (the
    first Patient or subject met), so nobody's records are imported into another's diary."""
    if resource.get("resourceType") == "Patient":
        refs = {f"Patient/{resource.get('id')}", url}
        field = name
    else:
        subject = resource.get("subject")
        reference = subject.get("reference") if isinstance(subject, dict) else None
        if not isinstance(reference, str):
            return
        refs, field = {reference}, f"{name}.subject"
    if _PERSON in seen and not any(f"{_PERSON}{ref}" in seen for ref in refs):
        raise TransferError(line, field, "names another patient than the file's first; "
                            "allowed: one person's records in a file")  # fmt: skip
    seen[_PERSON] = None  # a patient is known
    for ref in refs:
        if isinstance(ref, str):
            seen[_PERSON + ref] = None


def _validate(line: int, name: str, resource: JSON) -> None:
    """Check one resource against FHIR R4's JSON schema for its type."""
    found = r4.problem(resource)
    if found is not None:
        path, message = found
        raise TransferError(line, f"{name}.{path}" if path else name, message)

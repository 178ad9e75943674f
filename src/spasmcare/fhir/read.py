"""Reading a FHIR Bundle or NDJSON file back into diary records.

Every resource is first validated against the FHIR R4B models (whose shapes match R4 for the
resources used here), then the profile, the episodes and the saved assessments (each carried by
its RiskAssessment, see ``assessment``) are checked like any other import. An assessment is
linked to the episode its RiskAssessment refers to in ``basis``, which comes earlier in the
file. An error names the line (NDJSON), the resource (``Observation/<id>``, with its Bundle
entry) and the field. Other resources (the questionnaire, responses, conditions, care plans, and
risk assessments from other systems) are validated but not restored: they are derived from the
saved assessments.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TextIO

from pydantic import ValidationError

from spasmcare.diary import model
from spasmcare.diary.bulk import Record
from spasmcare.diary.model import InvalidValue
from spasmcare.errors import TransferError
from spasmcare.fhir import assessment, episodes, patient
from spasmcare.fhir.terminology import JSON

Seen = Callable[[str, bool], None]
"""Told of every resource read: its type, and whether it was restored into the diary."""


def read(handle: TextIO, now: datetime | None = None, seen: Seen | None = None) -> Iterator[Record]:
    """Checked records of a FHIR file, lazily; raises TransferError at the first bad resource.
    ``seen`` hears of each resource as it is read (a Bundle is checked whole before any record
    is given), so a long import can show how far it is."""
    told = seen or (lambda kind, restored: None)
    first = handle.readline()
    try:
        value = json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        value = None
    if isinstance(value, dict) and value.get("resourceType") != "Bundle":
        yield from _ndjson(value, handle, now, told)
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
    yield from _bundle(value, now, told)


def _ndjson(first: JSON, handle: TextIO, now: datetime | None, told: Seen) -> Iterator[Record]:
    seen: dict[str, int | None] = {}
    yield from _told(told, first, _records(1, "", first, now, seen))
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
        yield from _told(told, value, _records(number, "", value, now, seen))


def _told(told: Seen, resource: JSON, found: Iterator[Record]) -> Iterator[Record]:
    restored = False
    for record in found:
        restored = True
        yield record
    told(str(resource.get("resourceType")), restored)


def _bundle(bundle: JSON, now: datetime | None, told: Seen) -> Iterator[Record]:
    entries = bundle.get("entry") or []
    shell = {k: x for k, x in bundle.items() if k != "entry"}
    _validate(0, "Bundle", shell)
    if not isinstance(entries, list):
        raise TransferError(0, "Bundle.entry", f"{type(entries).__name__} is not allowed; "
                            "allowed: a list of entries")  # fmt: skip
    found: list[Record] = []  # a Bundle is one document: check all of it before any is stored
    seen: dict[str, int | None] = {}
    for number, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            raise TransferError(0, f"Bundle.entry[{number}].resource", "missing; allowed: "
                                "a FHIR resource")  # fmt: skip
        url = entry.get("fullUrl")
        found += _told(told, resource, _records(0, f"Bundle.entry[{number}] ", resource, now,
                                                seen, url))  # fmt: skip
    yield from found


def _records(
    line: int, where: str, resource: JSON, now: datetime | None, seen: dict[str, int | None],
    url: object = None,
) -> Iterator[Record]:  # fmt: skip
    """The record in one resource, if any. ``seen`` maps the references to every resource read
    so far (``Type/id`` and the Bundle entry's fullUrl) to its episode id, None if it is not an
    episode; this resource is added to it."""
    kind = resource.get("resourceType")
    name = f"{where}{kind}/{resource.get('id', '?')}"
    _validate(line, name, resource)
    _one_person(line, name, resource, url, seen)
    episode_id = None
    try:
        if kind == "Patient" and patient.has_profile(resource):
            paths = patient.PATHS
            yield model.profile(patient.fields(resource))
        elif episodes.is_episode(resource):
            paths = episodes.PATHS
            found = model.episode(episodes.fields(resource), now)
            episode_id = found.id
            yield found
        elif assessment.is_saved(resource):
            paths = assessment.PATHS
            yield assessment.restored(resource, seen, now)
    except InvalidValue as error:
        path = paths.get(error.field, error.field)
        raise TransferError(line, f"{name}.{path}", error.message) from None
    for ref in (f"{kind}/{resource.get('id')}", url):
        if isinstance(ref, str):
            seen[ref] = episode_id


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
    """Check one resource against the FHIR R4B model of its type."""
    from fhir.resources.R4B import get_fhir_model_class

    kind = resource.get("resourceType")
    try:
        cls: Any = get_fhir_model_class(str(kind))
    except (KeyError, ValueError):
        raise TransferError(line, f"{name}.resourceType", f"{kind!r} is not a FHIR R4 "
                            "resource type") from None  # fmt: skip
    try:
        cls.model_validate(resource)
    except RecursionError:
        raise TransferError(line, name, "nested too deeply") from None
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in first["loc"]).replace(
            ".[", "["
        )
        raise TransferError(line, f"{name}.{path}" if path else name, first["msg"]) from None

"""Exports: everything stored about one person, in one format, naming one FHIR Patient.

One Patient-id rule for every door an export leaves by (the command line, the owner's
download, the API, a clinician's download): in clinic mode a diary is named by its account's
person id; the single local diary by the random id kept in its home.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from spasmcare.accounts.people import People
from spasmcare.diary.model import Diary
from spasmcare.diary.store import Store
from spasmcare.diary.tables import LOCAL_OWNER
from spasmcare.formats import files

KINDS = files.KINDS
"""The downloads: each kind's media type and file name."""
FORMATS = (*files.FORMATS, *files.FHIR_FORMATS)
"""Every format an export can be written in."""


@dataclass(frozen=True)
class Export:
    """One export made in memory, ready to send."""

    body: bytes
    media_type: str
    filename: str
    """The file name, before any date is added."""


def patient_id(store: Store) -> str | None:
    """The pseudonymous FHIR Patient id of the diary ``store`` opens (None: derived from it)."""
    if store.owner == LOCAL_OWNER:
        from spasmcare.fhir.patient import stored_id

        return stored_id(store.settings.home)
    return People(store.engine).fhir_id(store.owner)


def write(store: Store, out: TextIO, form: str) -> Diary:
    """Write the whole diary in ``form`` to ``out``; returns what was written."""
    diary = store.snapshot()
    patient = patient_id(store) if form in files.FHIR_FORMATS else None
    files.write(diary, out, form, patient)
    return diary


def export(store: Store, kind: str) -> Export:
    """The whole diary as the download ``kind`` (one of ``KINDS``)."""
    out = io.StringIO()
    write(store, out, kind)
    media, name = KINDS[kind]
    return Export(out.getvalue().encode(), media, name)


def write_bulk(store: Store, folder: Path) -> tuple[Diary, list[Path]]:
    """Write the diary as FHIR Bulk Data NDJSON into ``folder``: one file per resource type
    (``Patient.ndjson``, ``Observation.ndjson``...); returns what was written and the files.
    Each file appears whole or not at all (written aside, then renamed)."""
    import json

    from spasmcare.fhir.export import resources
    from spasmcare.fhir.patient import derived_id
    from spasmcare.kb.load import load_default

    diary = store.snapshot()
    folder.mkdir(parents=True, exist_ok=True)
    handles: dict[str, TextIO] = {}
    try:
        pid = patient_id(store) or derived_id(diary)
        for resource in resources(diary, pid, load_default(), bundle=False):
            kind = resource["resourceType"]
            if kind not in handles:
                partial = folder / f"{kind}.ndjson.partial"
                handles[kind] = partial.open("w", encoding="utf-8", newline="")
            handles[kind].write(json.dumps(resource, ensure_ascii=False) + "\n")
    finally:
        for handle in handles.values():
            handle.close()
    written = []
    for kind in handles:
        final = folder / f"{kind}.ndjson"
        (folder / f"{kind}.ndjson.partial").replace(final)
        written.append(final)
    return diary, written

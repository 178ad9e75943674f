"""Exports: everything stored about one person, in one format, naming one FHIR Patient.

One Patient-id rule for every door an export leaves by (the command line, the owner's
download, the API, a clinician's download): in clinic mode a diary is named by its account's
person id; the single local diary by the random id kept in its home.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

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


@dataclass(frozen=True)
class Progress:
    """How far an export is: reading the diary, then writing its episodes (``done`` of
    ``total``), then written."""

    stage: str
    """"reading", "writing" or "written"."""
    done: int
    total: int


Told = Callable[[Progress], None]


class _Counter:
    """Tells ``progress`` of each episode written, from the FHIR resources written (one
    Observation per episode)."""

    EVERY = 500
    """Episodes between reports: enough to move, few enough to cost nothing."""

    def __init__(self, progress: Told, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0
        progress(Progress("writing", 0, total))

    def __call__(self, resource: dict[str, Any]) -> None:
        if resource.get("resourceType") == "Observation":
            self.done += 1
            if self.done % self.EVERY == 0:
                self.progress(Progress("writing", self.done, self.total))

    def finished(self) -> None:
        self.progress(Progress("written", self.total, self.total))


def _snapshot(store: Store, progress: Told | None) -> tuple[Diary, _Counter | None]:
    if progress is None:
        return store.snapshot(), None
    progress(Progress("reading", 0, store.count()))
    diary = store.snapshot()
    return diary, _Counter(progress, len(diary.episodes))


def patient_id(store: Store) -> str | None:
    """The pseudonymous FHIR Patient id of the diary ``store`` opens (None: derived from it)."""
    if store.owner == LOCAL_OWNER:
        from spasmcare.fhir.patient import stored_id

        return stored_id(store.settings.home)
    return People(store.engine).fhir_id(store.owner)


def write(store: Store, out: TextIO, form: str, progress: Told | None = None) -> Diary:
    """Write the whole diary in ``form`` to ``out``; returns what was written. ``progress``
    hears how far it is (episodes are counted as they are written in the FHIR formats)."""
    diary, counter = _snapshot(store, progress)
    patient = patient_id(store) if form in files.FHIR_FORMATS else None
    files.write(diary, out, form, patient, written=counter)
    if counter is not None:
        counter.finished()
    return diary


def export(store: Store, kind: str) -> Export:
    """The whole diary as the download ``kind`` (one of ``KINDS``)."""
    out = io.StringIO()
    write(store, out, kind)
    media, name = KINDS[kind]
    return Export(out.getvalue().encode(), media, name)


def write_bulk(
    store: Store, folder: Path, progress: Told | None = None
) -> tuple[Diary, list[Path]]:
    """Write the diary as FHIR Bulk Data NDJSON into ``folder``: one file per resource type
    (``Patient.ndjson``, ``Observation.ndjson``...); returns what was written and the files.
    Each file appears whole or not at all (written aside, then renamed)."""
    import json

    from spasmcare.fhir.export import resources
    from spasmcare.fhir.patient import derived_id
    from spasmcare.kb.load import load_default

    diary, counter = _snapshot(store, progress)
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
            if counter is not None:
                counter(resource)
    finally:
        for handle in handles.values():
            handle.close()
    written = []
    for kind in handles:
        final = folder / f"{kind}.ndjson"
        (folder / f"{kind}.ndjson.partial").replace(final)
        written.append(final)
    if counter is not None:
        counter.finished()
    return diary, written

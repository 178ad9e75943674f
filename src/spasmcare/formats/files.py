"""Export files in every format: JSON lines, CSV, a FHIR R4 Bundle and FHIR
NDJSON, written and read in one place.

Every format puts one record on one line (a CSV cell may span lines), so an import error names
the line, the field and what is allowed. Reading is lazy: the store consumes the records inside
one transaction, and the first bad line rolls the whole import back. ``read`` recognises the
format by the file's first line. ``KINDS`` gives each downloadable format its media type and
file name, for the pages, the API and the command line alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Final, TextIO

from spasmcare import clock
from spasmcare.diary.bulk import Record
from spasmcare.diary.model import Diary
from spasmcare.errors import TransferError
from spasmcare.formats import lines, table
from spasmcare.formats.lines import FORMAT, VERSION, records

__all__ = [
    "FHIR_FORMATS", "FORMAT", "FORMATS", "KINDS", "VERSION", "TransferError", "read", "records",
    "write",
]  # fmt: skip

FORMATS: Final = ("json", "csv")
FHIR_FORMATS: Final = ("fhir", "ndjson")
"""FHIR R4 Bundle and NDJSON (``spasmcare.fhir``); import detects them by their content."""
KINDS: Final = {
    "json": ("application/x-ndjson", "spasmcare-diary.jsonl"),
    "csv": ("text/csv; charset=utf-8", "spasmcare-diary.csv"),
    "fhir": ("application/fhir+json", "spasmcare-diary.fhir.json"),
}
"""The downloads: each format's media type and file name."""


def write(
    diary: Diary, out: TextIO, form: str, patient_id: str | None = None,
    written: Callable[[dict[str, Any]], None] | None = None,
) -> None:  # fmt: skip
    """Write the whole diary in ``form`` (json: JSON lines with a header line; csv; fhir;
    ndjson). ``patient_id`` is the pseudonymous FHIR Patient id; ``written`` hears of each
    FHIR resource written."""
    if form in FHIR_FORMATS:
        from spasmcare.fhir import export

        export.write(diary, out, form, patient_id, written=written)
    elif form == "json":
        lines.write(diary, out)
    else:
        table.write(diary, out)


def read(
    path: Path, now: datetime | None = None, seen: Callable[[str, bool], None] | None = None
) -> Iterator[Record]:
    """Checked records of an export file, lazily; raises TransferError at the first bad line.
    ``seen`` hears of each FHIR resource read (its type, and whether it was restored)."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise TransferError(0, "file", f"{path}: {error.strerror}") from None
    now = now or clock.now()  # every line is checked against the same moment
    with handle:
        try:
            first = handle.readline()
            if first.startswith("kind,"):
                handle.seek(0)
                yield from table.read(handle, now)
            elif _fhir(first):
                from spasmcare.fhir import read as fhir

                handle.seek(0)
                yield from fhir.read(handle, now, seen=seen)
            else:
                yield from lines.read(first, handle, now)
        except UnicodeDecodeError:
            raise TransferError(_first_bad_line(path), "file", "not UTF-8 text; allowed: an "
                                "export saved as UTF-8") from None  # fmt: skip


def _first_bad_line(path: Path) -> int:
    """The number of the first line that is not UTF-8 (the decoder reads in blocks, so its
    error does not say)."""
    with path.open("rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                line.decode()
            except UnicodeDecodeError:
                return number
    return 0


def _fhir(first: str) -> bool:
    text = first.lstrip("\ufeff").strip()  # a Bundle's first line, or any NDJSON resource
    return text == "{" or '"resourceType"' in text


def is_fhir(path: Path) -> bool:
    """Whether the file at ``path`` is FHIR (a Bundle or NDJSON), judged as ``read`` does."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return _fhir(handle.readline())
    except (OSError, UnicodeDecodeError):
        return False

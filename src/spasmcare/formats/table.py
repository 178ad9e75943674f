"""CSV: one record a row; episodes fill the named columns, other records put their JSON in
``data``, so that any text survives exactly."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Final, TextIO

from spasmcare.diary.bulk import Record
from spasmcare.diary.model import Diary
from spasmcare.errors import TransferError
from spasmcare.formats.lines import checked, loads, records

LIST_COLUMNS: Final = ("triggers", "helped", "associated")
COLUMNS: Final = (
    "kind", "id", "started_at", "region", "side", "severity", "duration_minutes", "triggers",
    "helped", "associated", "notes", "deleted_at", "data",
)  # fmt: skip
"""Episodes fill the named columns; other records put their JSON in ``data``."""


FORMULA: Final = re.compile("'*[=+\\-@\t\r]")
"""A cell a spreadsheet would run as a formula (OWASP CSV injection), after any quotes."""


def write(diary: Diary, out: TextIO) -> None:
    """The diary as CSV with a header row."""
    writer = csv.DictWriter(out, COLUMNS)  # "\r\n" ends rows, so a lone "\r" gets quoted
    writer.writeheader()
    for record in records(diary):
        writer.writerow({k: inert(x) for k, x in csv_row(record).items()})


def inert(cell: object) -> object:
    """A cell no spreadsheet runs: one starting with = + - @, a tab or CR gets a leading single
    quote, as OWASP advises. So that import gives back exactly what was exported, a cell that
    already starts with quotes before one of them gets one more (``restored`` takes it off)."""
    if isinstance(cell, str) and FORMULA.match(cell):
        return "'" + cell
    return cell


def restored(cell: str) -> str:
    """The text of a cell as ``inert`` found it (a short row's missing cells stay None)."""
    if isinstance(cell, str) and cell.startswith("'") and FORMULA.match(cell):
        return cell[1:]
    return cell


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """One record as a CSV row; lists are JSON so that any text survives exactly."""
    if record["kind"] != "episode":
        data = {k: x for k, x in record.items() if k != "kind"}
        return {"kind": record["kind"], "data": json.dumps(data, ensure_ascii=False)}
    row = {k: ("" if x is None else x) for k, x in record.items()}
    for name in LIST_COLUMNS:
        row[name] = json.dumps(record[name], ensure_ascii=False)
    return row


def read(handle: TextIO, now: datetime) -> Iterator[Record]:
    """Checked records of a CSV export, lazily."""
    reader = csv.DictReader(handle)
    missing = set(COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise TransferError(1, sorted(missing)[0], "missing column; columns: " + ",".join(COLUMNS))
    start = 2
    for row in reader:
        if None in row:
            raise TransferError(start, "row", f"more cells than the {len(COLUMNS)} columns")
        yield checked(start, _from_csv(start, row), now)
        start = reader.line_num + 1


def _from_csv(number: int, raw: dict[str, str]) -> dict[str, Any]:
    row = {k: restored(x) for k, x in raw.items()}
    if row["kind"] != "episode":
        data = loads(number, row["data"] or "{}")
        return {**data, "kind": row["kind"]}
    record: dict[str, Any] = {k: (x if x != "" else None) for k, x in row.items() if k != "data"}
    for name in LIST_COLUMNS:
        text = row[name]
        try:
            record[name] = json.loads(text) if text else None
        except json.JSONDecodeError:
            raise TransferError(number, name, f"{text!r} is not a JSON list") from None
    for name in ("severity", "id"):
        if record[name] is not None and record[name].lstrip("-").isdigit():
            record[name] = int(record[name])
    return record

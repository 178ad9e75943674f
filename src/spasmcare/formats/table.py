"""CSV: one record a row in flat columns a spreadsheet opens cleanly: lists are joined with
"; ", what helped reads "heat (a lot)", a missing value is an empty cell. Only an assessment
keeps its full case and result in ``data`` (JSON), so that a CSV export can be imported back.

Files in the first CSV layout (lists as JSON, other records as JSON in ``data``) still import.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Final, TextIO

from spasmcare.diary.bulk import Record
from spasmcare.diary.model import HOW_MUCH, Diary
from spasmcare.errors import TransferError
from spasmcare.formats.lines import checked, loads, records

LIST_COLUMNS: Final = ("triggers", "helped", "associated")
OLD_COLUMNS: Final = (
    "kind", "id", "started_at", "region", "side", "severity", "duration_minutes", "triggers",
    "helped", "associated", "notes", "deleted_at", "data",
)  # fmt: skip
"""The first layout, still read."""
COLUMNS: Final = (
    "kind", "id", "started_at", "region", "side", "severity", "duration_minutes", "triggers",
    "helped", "associated", "notes", "deleted_at", "at", "answer", "assessment_id",
    "episode_id", "disposition", "red_flags", "step_id", "title", "stopped_at", "age", "sex",
    "pregnant", "medications", "conditions", "knowledge_version", "data",
)  # fmt: skip
SEPARATOR: Final = "; "
NOTHING: Final = "none"
"""An empty list that was asked about (other symptoms: none), unlike an empty cell (not known)."""
_HOW: Final = {h: h.replace("_", " ") for h in HOW_MUCH}
_RATED: Final = re.compile(r"^(.*) \((" + "|".join(_HOW.values()) + r")\)$", re.DOTALL)


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
    """One record as a flat CSV row."""
    kind = record["kind"]
    row: dict[str, Any] = {"kind": kind}
    if kind == "assessment":
        result = record["result"]
        flags = [str(f.get("title", "")) for f in result.get("red_flags", [])]
        row.update(id=record["id"], at=record["at"], episode_id=record["episode_id"],
                   disposition=result.get("disposition", ""), red_flags=_joined(flags),
                   knowledge_version=record["knowledge_version"],
                   data=json.dumps({"case": record["case"], "result": result},
                                   ensure_ascii=False))  # fmt: skip
    elif kind == "checkin":
        row.update({k: x for k, x in record.items() if k != "note"}, notes=record["note"])
    else:
        row.update(record)
        for name in ("triggers", "associated", "medications", "conditions"):
            if name in record:
                row[name] = _listed(record[name], NOTHING if name == "associated" else "")
        if "helped" in record:
            row["helped"] = _joined(_rated(h) for h in record["helped"])
        if "pregnant" in record:
            row["pregnant"] = {True: "yes", False: "no", None: ""}[record["pregnant"]]
        if record.get("duration_minutes") is not None:
            row["duration_minutes"] = _number(record["duration_minutes"])
    return {k: ("" if x is None else x) for k, x in row.items()}


def _listed(items: list[str] | None, empty: str) -> str:
    if items is None:
        return ""
    return _joined(items) if items else empty


def _joined(items: Any) -> str:
    # A "; " inside an item is kept as "\; " so the cell splits back into the same items.
    return SEPARATOR.join(str(i).replace("\\", "\\\\").replace("; ", "\\; ") for i in items)


def _rated(helped: dict[str, Any]) -> str:
    how = helped.get("how_much")
    return f"{helped['what']} ({_HOW[how]})" if how else str(helped["what"])


def _number(x: float) -> str:
    """2.0 as "2" (a spreadsheet shows it so), any other value exactly."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def read(handle: TextIO, now: datetime) -> Iterator[Record]:
    """Checked records of a CSV export, lazily."""
    reader = csv.DictReader(handle)
    names = set(reader.fieldnames or ())
    flat = "at" in names
    wanted = COLUMNS if flat else OLD_COLUMNS
    missing = set(wanted) - names
    if missing:
        raise TransferError(1, sorted(missing)[0], "missing column; columns: " + ",".join(wanted))
    start = 2
    for row in reader:
        if None in row:
            raise TransferError(start, "row", f"more cells than the {len(wanted)} columns")
        row = {k: restored(x) for k, x in row.items()}
        raw = _from_flat(start, row) if flat else _from_old(start, row)
        yield checked(start, raw, now)
        start = reader.line_num + 1


def _from_flat(number: int, row: dict[str, str]) -> dict[str, Any]:
    kind = row["kind"]
    if kind == "assessment":
        data = loads(number, row["data"] or "{}")
        return {"kind": kind, "id": _int(row["id"]), "at": row["at"],
                "episode_id": _int(row["episode_id"]), "case": data.get("case"),
                "result": data.get("result"),
                "knowledge_version": row["knowledge_version"]}  # fmt: skip
    if kind == "checkin":
        return {"kind": kind, "id": _int(row["id"]), "at": row["at"], "answer": row["answer"],
                "assessment_id": _int(row["assessment_id"]), "note": row["notes"]}  # fmt: skip
    if kind == "step":
        return {"kind": kind, "id": _int(row["id"]), "step_id": row["step_id"],
                "assessment_id": _int(row["assessment_id"]), "title": row["title"],
                "started_at": row["started_at"],
                "stopped_at": row["stopped_at"] or None}  # fmt: skip
    if kind == "profile":
        return {"kind": kind, "age": _int(row["age"]), "sex": row["sex"] or None,
                "pregnant": {"yes": True, "no": False}.get(row["pregnant"]),
                "medications": _split(row["medications"]) or [],
                "conditions": _split(row["conditions"]) or []}  # fmt: skip
    record: dict[str, Any] = {
        k: (row[k] if row[k] != "" else None)
        for k in ("kind", "id", "started_at", "region", "side", "severity", "duration_minutes",
                  "notes", "deleted_at")
    }  # fmt: skip
    record["kind"] = kind
    record["notes"] = row["notes"]
    record["triggers"] = _split(row["triggers"]) or []
    record["associated"] = _split(row["associated"], NOTHING)
    record["helped"] = [_unrated(h) for h in _split(row["helped"]) or []]
    for name in ("severity", "id"):
        record[name] = _int(record[name]) if record[name] is not None else None
    return record


def _split(cell: str, nothing: str | None = None) -> list[str] | None:
    """A joined cell back into its items ("" gives None; ``nothing`` an empty list)."""
    if cell == "":
        return None
    if cell == nothing:
        return []
    items: list[str] = []
    current: list[str] = []
    n = 0
    while n < len(cell):
        if cell[n] == "\\" and n + 1 < len(cell):  # an escaped "\\" or ";": text
            current.append(cell[n + 1])
            n += 2
        elif cell.startswith(SEPARATOR, n):
            items.append("".join(current))
            current = []
            n += len(SEPARATOR)
        else:
            current.append(cell[n])
            n += 1
    return [*items, "".join(current)]


def _unrated(text: str) -> dict[str, Any]:
    rated = _RATED.match(text)
    if rated is None:
        return {"what": text, "how_much": None}
    how = next(h for h, words in _HOW.items() if words == rated.group(2))
    return {"what": rated.group(1), "how_much": how}


def _int(text: str | None) -> Any:
    """A whole number as written, else the text itself (the checks then name the field)."""
    if text is None or text == "":
        return None
    return int(text) if text.lstrip("-").isdigit() else text


def _from_old(number: int, row: dict[str, str]) -> dict[str, Any]:
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

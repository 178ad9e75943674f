"""Records and JSON lines: everything stored about the person, one record on one line.

``records`` turns a diary into plain records and ``record`` checks one back (JSON lines and CSV
both use them); ``write`` and ``read`` are the JSON-lines format itself, a header line first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any, Final, TextIO

from pydantic_core import SchemaValidator, ValidationError, from_json
from pydantic_core import core_schema as cs

from spasmcare import vocabulary as v
from spasmcare.diary import model
from spasmcare.diary.bulk import Record
from spasmcare.diary.model import (
    Assessment,
    CheckIn,
    Diary,
    Episode,
    Helped,
    InvalidValue,
    SelfCareStep,
)
from spasmcare.errors import TransferError

FORMAT: Final = "spasmcare-diary"
VERSION: Final = 1


def records(diary: Diary) -> Iterator[dict[str, Any]]:
    """The diary as plain records, in an order that satisfies every reference."""
    if diary.profile is not None:
        yield {"kind": "profile", **diary.profile.as_json()}
    for e in diary.episodes:
        yield {"kind": "episode", **e.as_json()}
    for a in diary.assessments:
        yield {
            "kind": "assessment", "id": a.id, "at": a.at.isoformat(), "episode_id": a.episode_id,
            "case": a.case, "result": a.result, "knowledge_version": a.knowledge_version,
        }  # fmt: skip
    for x in diary.checkins:
        yield {
            "kind": "checkin", "id": x.id, "at": x.at.isoformat(),
            "assessment_id": x.assessment_id, "answer": x.answer, "note": x.note,
        }  # fmt: skip
    for s in diary.steps:
        yield {
            "kind": "step", "id": s.id, "assessment_id": s.assessment_id, "step_id": s.step_id,
            "title": s.title, "started_at": s.started_at.isoformat(),
            "stopped_at": s.stopped_at.isoformat() if s.stopped_at else None,
        }  # fmt: skip


def write(diary: Diary, out: TextIO) -> None:
    """The diary as JSON lines, after a header line naming the format and its version."""
    out.write(json.dumps({"format": FORMAT, "version": VERSION}) + "\n")
    for item in records(diary):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")


def read(first: str, handle: TextIO, now: datetime) -> Iterator[Record]:
    """Checked records of a JSON-lines export whose header line is ``first``."""
    header = loads(1, first)
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise TransferError(
            1, "format", f'expected a header {{"format": "{FORMAT}", "version": {VERSION}}}'
            " (a spasmcare JSON export) or a CSV export starting with the column kind",
        )  # fmt: skip
    episode_line = _episode_line(now).validate_json
    for number, line in enumerate(handle, start=2):
        if line.strip():
            try:
                record: Record = episode_line(line)
            except ValidationError:
                record = checked(number, loads(number, line), now)
            yield record


def _episode_line(now: datetime) -> SchemaValidator:
    """Parses an episode line as an export writes it and builds its Episode in pydantic's
    compiled core, 1.4 times as fast as parsing and then checking it in Python.

    It accepts a line only when ``model.episode`` would give the same Episode: the times and
    lists go through the model's own checks, and anything else not in an export's exact form
    (texts with spaces to strip, numbers as text, a "what=how_much" text, other kinds of
    record, bad values) is rejected, so that the line goes through ``model.episode``, which
    then names the field and what is allowed.
    """

    def optional(schema: cs.CoreSchema) -> cs.CoreSchema:
        return cs.with_default_schema(cs.nullable_schema(schema), default=None)

    def after(check: Callable[[Any], Any], schema: cs.CoreSchema) -> cs.CoreSchema:
        return cs.no_info_after_validator_function(check, schema)

    def dataclass(cls: type, fields: list[cs.DataclassField]) -> cs.CoreSchema:
        names = [f["name"] for f in fields if not f.get("init_only")]
        args = cs.dataclass_args_schema(cls.__name__, fields, extra_behavior="forbid")
        return cs.dataclass_schema(cls, args, names, frozen=True, config=strict)

    def words(name: str, allowed: tuple[str, ...] | None = None) -> cs.CoreSchema:
        check = after(lambda x: model.words(name, x, allowed), cs.list_schema(cs.str_schema()))
        empty = cs.tuple_variable_schema(cs.str_schema(), max_length=0)  # needs no check
        return cs.union_schema([empty, check], mode="left_to_right")

    strict = cs.CoreConfig(strict=True)  # no conversions: "5" for 5 and the like
    helped = dataclass(Helped, [
        cs.dataclass_field("what", cs.str_schema(pattern=_STRIPPED)),
        cs.dataclass_field("how_much", optional(cs.literal_schema(list(model.HOW_MUCH)))),
    ])  # fmt: skip
    episode = dataclass(Episode, [
        cs.dataclass_field("kind", cs.literal_schema(["episode"]), init_only=True),
        cs.dataclass_field("id", optional(cs.int_schema(ge=1, le=model.MAX_ID))),
        cs.dataclass_field("started_at", after(lambda x: model.moment("started_at", x, now),
                                               cs.str_schema())),
        cs.dataclass_field("region", cs.literal_schema(list(v.REGIONS))),
        cs.dataclass_field("side", optional(cs.literal_schema(list(v.SIDES)))),
        cs.dataclass_field("severity", optional(cs.int_schema(ge=0, le=10))),
        cs.dataclass_field("duration_minutes", optional(cs.float_schema(ge=0,
                                                                        allow_inf_nan=False))),
        cs.dataclass_field("triggers", cs.with_default_schema(words("triggers"), default=())),
        cs.dataclass_field("helped", cs.with_default_schema(cs.tuple_variable_schema(helped),
                                                            default=())),
        cs.dataclass_field("associated", optional(words("associated", v.ASSOCIATED))),
        cs.dataclass_field("notes", cs.with_default_schema(
            cs.str_schema(max_length=model.NOTE_MAX, pattern=_NO_NUL), default="")),
        cs.dataclass_field("deleted_at", optional(
            after(lambda x: model.moment("deleted_at", x, now), cs.str_schema()))),
    ])  # fmt: skip
    return SchemaValidator(episode)


_STRIPPED = r"^[^\s\x00\x1c-\x1f]([^\x00]*[^\s\x00\x1c-\x1f])?$"
"""A non-empty text that ``str.strip`` leaves as it is (Python also strips \\x1c-\\x1f), with
no NUL character (which no database stores)."""
_NO_NUL = r"^[^\x00]*$"


def loads(number: int, line: str) -> dict[str, Any]:
    try:
        value = from_json(line)  # pydantic's parser: over twice as fast as json.loads
    except ValueError:
        # json.loads accepts a few lines it does not (lone surrogate escapes), and its
        # messages are the ones users see.
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise TransferError(number, "json", f"not valid JSON ({error.msg})") from None
        except RecursionError:
            raise TransferError(number, "json", "nested too deeply") from None
    if not isinstance(value, dict):
        raise TransferError(number, "json", "each line must be one JSON object")
    if "\\u" in line and (where := model.first_text(value, _unstorable)) is not None:
        raise TransferError(number, where, "holds a NUL character (\\u0000) or a lone "
                            "surrogate (\\ud800-\\udfff); allowed: text without them")  # fmt: skip
    return value


def _unstorable(text: str) -> bool:
    return not model.storable(text)


def checked(number: int, raw: dict[str, Any], now: datetime | None) -> Record:
    """One plain record (``kind`` and its fields) checked into its diary type."""
    kind = raw.pop("kind", None)
    try:
        if kind == "episode":
            return model.episode(raw, now)
        if kind == "profile":
            return model.profile(raw)
        if kind == "assessment":
            return Assessment(
                at=model.moment("at", raw.get("at"), now),
                case=_object("case", raw.get("case")),
                result=_object("result", raw.get("result")),
                knowledge_version=model.note("knowledge_version", raw.get("knowledge_version"), 64)
                or "unknown",
                episode_id=_ref("episode_id", raw.get("episode_id")),
                id=_ref("id", raw.get("id")),
            )
        if kind == "checkin":
            return CheckIn(
                at=model.moment("at", raw.get("at"), now),
                answer=model.checkin_answer(raw.get("answer")),
                assessment_id=_ref("assessment_id", raw.get("assessment_id")),
                note=model.note("note", raw.get("note")),
                id=_ref("id", raw.get("id")),
            )
        if kind == "step":
            stopped = raw.get("stopped_at")
            return SelfCareStep(
                step_id=model.note("step_id", raw.get("step_id"), 64),
                title=model.note("title", raw.get("title"), 500),
                started_at=model.moment("started_at", raw.get("started_at"), now),
                assessment_id=_ref("assessment_id", raw.get("assessment_id")),
                stopped_at=model.moment("stopped_at", stopped, now) if stopped else None,
                id=_ref("id", raw.get("id")),
            )
    except InvalidValue as error:
        raise TransferError(number, error.field, error.message) from None
    raise TransferError(number, "kind", f"{kind!r} is not allowed; allowed: "
                        "profile, episode, assessment, checkin, step")  # fmt: skip


def _object(name: str, raw: object) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise InvalidValue(name, raw, "a JSON object")
    return dict(raw)


def _ref(name: str, raw: object) -> int | None:
    return model.integer(name, raw, 1, model.MAX_ID)

"""Adding many records in one transaction: imports and generated diaries.

All or nothing: the records may be a lazy stream, and an error raised while it is read rolls
back every row already inserted. SQLite episodes go straight through the driver for speed.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from json.encoder import encode_basestring_ascii as _string
from typing import Any

from sqlalchemy import Connection, delete, insert

from spasmcare.diary import summaries, tables
from spasmcare.diary.model import Assessment, CheckIn, Episode, Helped, Profile, SelfCareStep
from spasmcare.diary.rows import assessment_row, checkin_row, episode_row, step_row

BATCH = 20_000
"""Rows per executemany: large enough to be fast, small enough for memory."""

Record = Profile | Episode | Assessment | CheckIn | SelfCareStep
"""Anything an import adds."""

_TABLES: dict[type, Any] = {
    Profile: tables.profile,
    Episode: tables.episode,
    Assessment: tables.assessment,
    CheckIn: tables.checkin,
    SelfCareStep: tables.self_care_step,
}


def _row(record: Record, now: datetime, owner: int) -> dict[str, Any]:
    if isinstance(record, Episode):
        return {**episode_row(record, now), "owner": owner}
    if isinstance(record, Profile):
        return {**record.as_json(), "updated_at": now, "owner": owner}
    if isinstance(record, Assessment):
        return {**assessment_row(record), "owner": owner}
    if isinstance(record, CheckIn):
        return {**checkin_row(record), "owner": owner}
    return {**step_row(record), "owner": owner}


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: an import makes millions of short-lived dicts and
    tuples, none in cycles, and the collector scanning them would cost a third of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _flush(
    c: Connection, kind: type | None, records: list[Record], now: datetime, owner: int,
    days: Counter[date],
) -> int:  # fmt: skip
    """Insert one batch of records of one kind; returns how many were episodes, whose live
    ones it adds to ``days``."""
    if kind is None or not records:
        return 0
    table = _TABLES[kind]
    if kind is Episode:
        days.update(summaries.counts(records))  # type: ignore[arg-type]
    if kind is Episode and c.dialect.name == "sqlite":
        return _sqlite_episodes(c, records, now, owner)
    rows = [_row(record, now, owner) for record in records]
    if kind is Profile:
        c.execute(delete(table).where(table.c.owner == owner))
    # Rows with and without ids must not share one executemany: their keys differ.
    with_id = [r for r in rows if "id" in r]
    without = [r for r in rows if "id" not in r]
    for part in (with_id, without):
        if part:
            c.execute(insert(table), part)
    if with_id and c.dialect.name == "postgresql" and kind is not Profile:
        _advance_sequence(c, table.name)
    return len(rows) if kind is Episode else 0


_EPISODE_COLUMNS = tuple(col.name for col in tables.episode.columns if col.name != "owner")


def _sqlite_episodes(c: Connection, episodes: list[Any], now: datetime, owner: int) -> int:
    """Insert episodes straight through the driver: an import of a million rows spends most of
    its time here, and SQLAlchemy's per-value processing would halve its speed. The values are
    written exactly as SQLAlchemy writes them (ISO text times in UTC, JSON text)."""
    created = _sqlite_time(now)
    for with_id in (True, False):
        part = [sqlite_values(e, created, with_id) for e in episodes if (e.id is None) != with_id]
        if part:
            columns = _EPISODE_COLUMNS if with_id else _EPISODE_COLUMNS[1:]
            if owner != tables.LOCAL_OWNER:  # the column's default is the local owner
                columns = (*columns, "owner")
                part = [(*values, owner) for values in part]
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO episode ({', '.join(columns)}) VALUES ({marks})"
            c.exec_driver_sql(sql, part)
    return len(episodes)


def sqlite_values(e: Episode, created: str, with_id: bool) -> tuple[Any, ...]:
    """An episode as the values of one SQLite row (the benchmark's baseline inserts these)."""
    offset = e.started_at.utcoffset()
    values = (
        _sqlite_utc(e.started_at),
        int(offset.total_seconds() // 60) if offset else 0,
        e.region, e.side, e.severity, e.duration_minutes,
        _json(e.triggers),
        "[" + ", ".join(map(_helped_json, e.helped)) + "]" if e.helped else "[]",
        None if e.associated is None else _json(e.associated),
        e.notes, created, _sqlite_utc(e.deleted_at) if e.deleted_at else None,
    )  # fmt: skip
    return (e.id, *values) if with_id else values


# The JSON text json.dumps writes (ASCII, ", " and ": " separators), built directly: json.dumps
# costs over a microsecond a call, and an import makes millions of them.
def _json(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(map(_string, items)) + "]" if items else "[]"


def _helped_json(h: Helped) -> str:
    how = "null" if h.how_much is None else _string(h.how_much)
    return f'{{"what": {_string(h.what)}, "how_much": {how}}}'


def _sqlite_time(moment: datetime) -> str:
    return moment.isoformat(sep=" ", timespec="microseconds")


def _sqlite_utc(moment: datetime) -> str:
    """``_sqlite_time(utc(moment))``, without the costly ``replace``: the text up to the zone."""
    return moment.astimezone(UTC).isoformat(" ", "microseconds")[:26]


def _advance_sequence(c: Connection, name: str) -> None:
    # Explicit ids do not move PostgreSQL's sequence; without this the next insert would clash.
    c.exec_driver_sql(
        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
    )


def load(
    c: Connection, records: Iterable[Record], now: datetime, owner: int = tables.LOCAL_OWNER
) -> int:
    """Insert every record on an open transaction; returns the number of episodes."""
    count = 0
    days: Counter[date] = Counter()
    with _no_cycle_collection():
        kind: type | None = None
        batch: list[Record] = []
        for record in records:
            if type(record) is not kind or len(batch) >= BATCH:
                count += _flush(c, kind, batch, now, owner, days)
                kind, batch = type(record), []
            batch.append(record)
        count += _flush(c, kind, batch, now, owner, days)
    if count:
        summaries.changed(c, owner, days)
    return count

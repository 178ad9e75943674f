"""Converting between the checked values of ``model`` and table rows.

Times are stored as naive UTC; an episode keeps its UTC offset so it reads back in its zone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row

from spasmcare.diary.model import Assessment, CheckIn, Episode, Helped, SelfCareStep, offset_zone


def utc(moment: datetime) -> datetime:
    """A zoned time as the naive UTC the tables hold."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def zoned(stored: datetime, offset_minutes: int = 0) -> datetime:
    """A stored naive UTC time back in the zone it was recorded in."""
    return stored.replace(tzinfo=UTC).astimezone(offset_zone(offset_minutes))


def episode_row(e: Episode, now: datetime) -> dict[str, Any]:
    offset = e.started_at.utcoffset()
    row: dict[str, Any] = {
        "started_at": utc(e.started_at),
        "utc_offset_minutes": int(offset.total_seconds() // 60) if offset else 0,
        "region": e.region,
        "side": e.side,
        "severity": e.severity,
        "duration_minutes": e.duration_minutes,
        "triggers": list(e.triggers),
        "helped": [h.as_json() for h in e.helped],
        "associated": None if e.associated is None else list(e.associated),
        "notes": e.notes,
        "created_at": now,
        "deleted_at": utc(e.deleted_at) if e.deleted_at else None,
    }
    if e.id is not None:
        row["id"] = e.id
    return row


def episode_of(row: Row[Any]) -> Episode:
    return Episode(
        id=row.id,
        started_at=zoned(row.started_at, row.utc_offset_minutes),
        region=row.region,
        side=row.side,
        severity=row.severity,
        duration_minutes=row.duration_minutes,
        triggers=tuple(row.triggers),
        helped=tuple(Helped(h["what"], h.get("how_much")) for h in row.helped),
        associated=None if row.associated is None else tuple(row.associated),
        notes=row.notes,
        deleted_at=zoned(row.deleted_at) if row.deleted_at else None,
    )


def assessment_row(a: Assessment) -> dict[str, Any]:
    row = {
        "at": utc(a.at), "episode_id": a.episode_id, "case": a.case, "result": a.result,
        "knowledge_version": a.knowledge_version,
    }  # fmt: skip
    return row if a.id is None else {**row, "id": a.id}


def checkin_row(x: CheckIn) -> dict[str, Any]:
    row = {"at": utc(x.at), "assessment_id": x.assessment_id, "answer": x.answer, "note": x.note}
    return row if x.id is None else {**row, "id": x.id}


def step_row(s: SelfCareStep) -> dict[str, Any]:
    row = {
        "assessment_id": s.assessment_id, "step_id": s.step_id, "title": s.title,
        "started_at": utc(s.started_at), "stopped_at": utc(s.stopped_at) if s.stopped_at else None,
    }  # fmt: skip
    return row if s.id is None else {**row, "id": s.id}

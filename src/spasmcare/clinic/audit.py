"""The audit log: every access to someone else's data, which the patient can read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import Engine, insert, select

from spasmcare.diary import database, tables

PAGE: Final = 50


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    actor: str
    action: str


class Audit:
    """The audit table; entries are only ever added (and removed with the patient's account)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, patient: int, actor: str, action: str, now: datetime) -> None:
        with self.engine.begin() as c:
            c.execute(insert(tables.audit),
                      {"patient": patient, "actor": actor[:160], "action": action[:160],
                       "at": now})  # fmt: skip

    def record_each(self, patients: Iterable[int], actor: str, action: str, now: datetime) -> None:
        """The same access to several patients' data, in one transaction."""
        found = [{"patient": p, "actor": actor[:160], "action": action[:160], "at": now}
                 for p in patients]  # fmt: skip
        if found:
            with self.engine.begin() as c:
                c.execute(insert(tables.audit), found)

    def page(self, patient: int, before: int | None = None, limit: int = PAGE) -> list[Entry]:
        """The patient's entries, newest first, ``limit`` at a time before the id ``before``."""
        t = tables.audit
        query = select(t).where(t.c.patient == patient)
        if before is not None:
            query = query.where(t.c.id < before)
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            rows = c.execute(query.order_by(t.c.id.desc()).limit(limit))
            return [Entry(r.id, r.at, r.actor, r.action) for r in rows]

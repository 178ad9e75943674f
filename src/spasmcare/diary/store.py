"""The diary store: every read and write of the diary goes through it (``bulk`` and ``summaries``
hold the SQL of imports and of the episode summaries). Each public method is one transaction.

Every row is read before its connection goes back to the pool (``.all()``, ``.first()``, or a
list built inside the block): a result read later would share the connection with whichever
thread took it next.

It opens the database, migrates it to the newest schema, and stores only the checked values
of ``model`` (``rows`` converts them, ``bulk`` adds many at once).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, delete, func, insert, select, update

from spasmcare import clock, private
from spasmcare.config import Settings
from spasmcare.diary import bulk, database, rows, summaries, tables
from spasmcare.diary.bulk import Record
from spasmcare.diary.model import (
    Assessment,
    CheckIn,
    Diary,
    Episode,
    InvalidValue,
    Profile,
    SelfCareStep,
)
from spasmcare.diary.summaries import Summary


class NotFound(LookupError):
    """No such record in the diary."""


class Store:
    """A person's diary in one database (SQLite file or PostgreSQL)."""

    def __init__(self, settings: Settings, owner: int = tables.LOCAL_OWNER) -> None:
        self.settings = settings
        self.owner = owner
        if settings.is_sqlite:
            private.folder(settings.home)
        self.engine = database.connect(settings.database_url)
        if settings.is_sqlite and self.engine.url.database not in (None, "", ":memory:"):
            # An empty file is an empty SQLite database: made private before SQLite opens it.
            private.create(Path(str(self.engine.url.database)))
        database.migrate(self.engine)

    def as_owner(self, owner: int) -> Store:
        """The diary of another person in the same database, sharing this store's engine."""
        other = copy.copy(self)
        other.owner = owner
        return other

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection.execution_options(**{database.READ: True})

    # Episodes ---------------------------------------------------------------------------

    def add_episode(self, e: Episode) -> Episode:
        """Save one episode; returns it with its id once the commit is durable."""
        with self._write() as c:
            row = {**rows.episode_row(e, clock.stored_now()), "owner": self.owner}
            ident = _new_id(c.execute(insert(tables.episode), row))
            summaries.changed(c, self.owner, summaries.counts([e]))
        return Episode(**{**e.__dict__, "id": ident})

    def episodes(
        self, since: datetime | None = None, limit: int | None = None, deleted: bool = False
    ) -> list[Episode]:
        """Episodes newest first (deleted ones only when asked)."""
        t = tables.episode
        query = select(t).where(t.c.owner == self.owner)
        query = query.order_by(t.c.started_at.desc(), t.c.id.desc())
        if not deleted:
            query = query.where(t.c.deleted_at.is_(None))
        if since is not None:
            query = query.where(t.c.started_at >= rows.utc(since))
        if limit is not None:
            query = query.limit(limit)
        with self._read() as c:
            return [rows.episode_of(row) for row in c.execute(query)]

    def last_logged(self) -> Episode | None:
        """The live episode logged last (whatever time it says it started), or None."""
        t = tables.episode
        query = select(t).where(*self._live(t)).order_by(t.c.id.desc()).limit(1)
        with self._read() as c:
            row = c.execute(query).first()
        return None if row is None else rows.episode_of(row)

    def episodes_page(
        self, limit: int, before: tuple[datetime, int] | None = None
    ) -> list[Episode]:
        """Up to ``limit`` live episodes newest first, older than ``before`` (start, id)."""
        t = tables.episode
        query = select(t).where(*self._live(t))
        if before is not None:
            at, ident = rows.utc(before[0]), before[1]
            query = query.where((t.c.started_at < at) | ((t.c.started_at == at) & (t.c.id < ident)))
        query = query.order_by(t.c.started_at.desc(), t.c.id.desc()).limit(limit)
        with self._read() as c:
            return [rows.episode_of(row) for row in c.execute(query)]

    def episode(self, ident: int) -> Episode:
        t = tables.episode
        with self._read() as c:
            row = c.execute(select(t).where(t.c.id == ident, *self._live(t))).first()
        if row is None:
            raise NotFound(f"no episode {ident} in the diary")
        return rows.episode_of(row)

    def replace_episode(self, e: Episode) -> Episode:
        """Save an edited episode in place of the one with its id."""
        t = tables.episode
        row = rows.episode_row(e, clock.stored_now())
        del row["created_at"], row["id"]
        with self._write() as c:
            old = self._live_days(c, t.c.id == e.id)
            done = c.execute(update(t).where(t.c.id == e.id, *self._live(t)).values(row))
            if done.rowcount:
                old.subtract(summaries.counts([e]))
                summaries.changed(c, self.owner, {d: -n for d, n in old.items()})
        if done.rowcount == 0:
            raise NotFound(f"no episode {e.id} in the diary")
        return e

    def delete_episode(self, ident: int) -> None:
        """Move an episode out of the diary, keeping it so `undo` can bring it back."""
        t = tables.episode
        with self._write() as c:
            gone = self._live_days(c, t.c.id == ident)
            done = c.execute(
                update(t)
                .where(t.c.id == ident, *self._live(t))
                .values(deleted_at=clock.stored_now())
            )
            summaries.changed(c, self.owner, {d: -n for d, n in gone.items()})
        if done.rowcount == 0:
            raise NotFound(f"no episode {ident} in the diary")

    def undo_delete(self) -> list[int]:
        """Bring back the most recently deleted episode(s); returns their ids."""
        t = tables.episode
        with self._write() as c:
            mine = t.c.owner == self.owner
            last = c.execute(select(func.max(t.c.deleted_at)).where(mine)).scalar()
            if last is None:
                return []
            ids = list(c.execute(select(t.c.id).where(mine, t.c.deleted_at == last)).scalars())
            c.execute(update(t).where(mine, t.c.deleted_at == last).values(deleted_at=None))
            summaries.changed(c, self.owner, self._live_days(c, t.c.id.in_(ids)))
        return ids

    def _live_days(self, c: Connection, which: Any) -> Counter[date]:
        """Live episodes a day among this person's episodes ``which`` selects."""
        t = tables.episode
        found = c.execute(select(t.c.started_at, t.c.utc_offset_minutes).where(which,
                          *self._live(t))).all()  # fmt: skip
        return Counter(summaries.stored_day(at, offset) for at, offset in found)

    def summaries(self, owners: Sequence[int]) -> dict[int, Summary]:
        """The episode summaries of these people (none for a diary without live episodes)."""
        with self._read() as c:
            return summaries.of(c, owners)

    def counts_before(
        self, cuts: Mapping[int, datetime], found: Mapping[int, Summary]
    ) -> dict[int, int]:
        """How many live episodes each person had before their given moment, from their
        summaries (``found``)."""
        with self._read() as c:
            return summaries.before(c, cuts, found)

    def _live(self, t: Any) -> tuple[Any, ...]:
        """Conditions for this person's episodes that are not deleted."""
        return (t.c.owner == self.owner, t.c.deleted_at.is_(None))

    def count(self) -> int:
        t = tables.episode
        with self._read() as c:
            return int(c.execute(select(func.count()).where(*self._live(t))).scalar_one())

    # Profile ----------------------------------------------------------------------------

    def profile(self) -> Profile | None:
        with self._read() as c:
            t = tables.profile
            row = c.execute(select(t).where(t.c.owner == self.owner)).first()
        if row is None:
            return None
        return Profile(
            row.age, row.sex, row.pregnant, tuple(row.medications), tuple(row.conditions)
        )

    def save_profile(self, p: Profile) -> None:
        values = {**p.as_json(), "updated_at": clock.stored_now()}
        with self._write() as c:
            t = tables.profile
            if c.execute(update(t).where(t.c.owner == self.owner).values(values)).rowcount == 0:
                c.execute(insert(t).values(owner=self.owner, **values))

    # Assessments, check-ins and self-care steps ------------------------------------------

    def add_assessment(self, a: Assessment) -> Assessment:
        """Save an assessment and start following the self-care steps of its plan."""
        steps = a.result.get("plan", {}).get("steps", [])
        with self._write() as c:
            row = {**rows.assessment_row(a), "owner": self.owner}
            ident = _new_id(c.execute(insert(tables.assessment), row))
            if steps:
                c.execute(
                    insert(tables.self_care_step),
                    [
                        {"assessment_id": ident, "step_id": s["id"], "title": s.get("title", ""),
                         "started_at": rows.utc(a.at), "stopped_at": None, "owner": self.owner}
                        for s in steps
                    ],
                )  # fmt: skip
        return Assessment(**{**a.__dict__, "id": ident})

    def assessments(self) -> list[Assessment]:
        t = tables.assessment
        with self._read() as c:
            found = c.execute(
                select(t).where(t.c.owner == self.owner).order_by(t.c.at, t.c.id)
            ).all()
        return [
            Assessment(rows.zoned(r.at), r.case, r.result, r.knowledge_version, r.episode_id, r.id)
            for r in found
        ]

    def latest_assessment(self) -> Assessment | None:
        t = tables.assessment
        query = select(t).where(t.c.owner == self.owner).order_by(t.c.at.desc(), t.c.id.desc())
        with self._read() as c:
            r = c.execute(query.limit(1)).first()
        if r is None:
            return None
        return Assessment(
            rows.zoned(r.at), r.case, r.result, r.knowledge_version, r.episode_id, r.id
        )

    def latest_assessments(self, owners: Sequence[int]) -> dict[int, tuple[Assessment, bool]]:
        """Each person's latest assessment, and whether a check-in answered it (one query)."""
        t, x = tables.assessment, tables.checkin
        inner = t.alias("newer")
        latest = (
            select(inner.c.id).where(inner.c.owner == t.c.owner)
            .order_by(inner.c.at.desc(), inner.c.id.desc()).limit(1).scalar_subquery()
        )  # fmt: skip
        answered = select(x.c.id).where(x.c.assessment_id == t.c.id).exists()
        query = select(t, answered.label("answered")).where(t.c.owner.in_(owners),
                                                             t.c.id == latest)  # fmt: skip
        with self._read() as c:
            found = c.execute(query).all()
        return {
            r.owner: (Assessment(rows.zoned(r.at), r.case, r.result, r.knowledge_version,
                                 r.episode_id, r.id), bool(r.answered))
            for r in found
        }  # fmt: skip

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        with self._write() as c:
            row = {**rows.checkin_row(checkin), "owner": self.owner}
            ident = _new_id(c.execute(insert(tables.checkin), row))
        return CheckIn(**{**checkin.__dict__, "id": ident})

    def checkins(self) -> list[CheckIn]:
        t = tables.checkin
        with self._read() as c:
            found = c.execute(
                select(t).where(t.c.owner == self.owner).order_by(t.c.at, t.c.id)
            ).all()
        return [CheckIn(rows.zoned(r.at), r.answer, r.assessment_id, r.note, r.id) for r in found]

    def steps(self) -> list[SelfCareStep]:
        t = tables.self_care_step
        with self._read() as c:
            found = c.execute(select(t).where(t.c.owner == self.owner).order_by(t.c.id)).all()
        return [
            SelfCareStep(
                r.step_id,
                r.title,
                rows.zoned(r.started_at),
                r.assessment_id,
                rows.zoned(r.stopped_at) if r.stopped_at else None,
                r.id,
            )
            for r in found
        ]

    # The whole diary ----------------------------------------------------------------------

    def snapshot(self) -> Diary:
        """Everything stored about the person, deleted episodes included (they can be undone)."""
        return Diary(
            self.profile(),
            tuple(reversed(self.episodes(deleted=True))),
            tuple(self.assessments()),
            tuple(self.checkins()),
            tuple(self.steps()),
        )

    def load(self, records: Iterable[Record]) -> int:
        """Add records in one transaction: all of them are stored, or none of them.

        ``records`` may be a lazy stream (an import file being read): an error raised while it is
        consumed rolls everything back, so a bad line half-way through leaves the diary as it was.
        Returns the number of episodes added.
        """
        with self._write() as c:
            return bulk.load(c, records, clock.stored_now(), self.owner)

    def forget(self) -> None:
        """Delete everything stored about the person."""
        with self._write() as c:
            for t in (tables.self_care_step, tables.checkin, tables.assessment, tables.episode,
                      tables.profile, tables.calendar_feed):  # fmt: skip
                c.execute(delete(t).where(t.c.owner == self.owner))
            summaries.forget(c, self.owner)

    def backup(self, out: Path) -> None:
        """A consistent copy of an SQLite diary, taken with SQLite's online backup API."""
        import sqlite3

        if not self.settings.is_sqlite or self.owner != tables.LOCAL_OWNER:
            raise InvalidValue("backup", self.settings.database_url, "an SQLite diary")
        private.folder(out.parent)
        out.unlink(missing_ok=True)  # a backup is a new file, only its owner may read it
        private.create(out)
        raw = self.engine.raw_connection()
        try:
            target = sqlite3.connect(out)
            try:
                source = raw.driver_connection
                assert isinstance(source, sqlite3.Connection)
                source.backup(target)
            finally:
                target.close()
        finally:
            raw.close()


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])

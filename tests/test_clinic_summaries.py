"""The clinic dashboard reads each diary's episode summary, kept up to date by every episode
write (add, edit, delete, undo, import, forget) and filled by the migration for diaries made
before it; it ranks patients exactly as analysing their whole diaries would (security review
finding 9). On SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from spasmcare.accounts.people import Person
from spasmcare.clinic import dashboard
from spasmcare.clinic.dashboard import PatientRow
from spasmcare.config import Settings
from spasmcare.diary import actions, database
from spasmcare.diary.model import Assessment, CheckIn, Episode
from spasmcare.diary.store import NotFound, Store
from spasmcare.insights.wording import describe
from tests.clinic_helpers import bearer, build
from tests.test_diary_fixtures import _empty_postgres, diary_settings, postgres_server, store
from tests.test_diary_migrations import _reset, _upgrade

__all__ = ["diary_settings", "postgres_server", "store"]

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))


def expected_row(store: Store, patient: Person, now: datetime) -> PatientRow:
    """The dashboard's row as analysing the whole diary gives it (how it was computed before
    the summaries)."""
    diary = store.as_owner(patient.id)
    latest = diary.latest_assessment()
    flags: tuple[str, ...] = ()
    disposition = None
    if latest is not None and latest.at >= now - dashboard.RECENT:
        flags = tuple(
            str(f.get("title", f.get("id", ""))) for f in latest.result.get("red_flags", [])
        )
        disposition = str(latest.result.get("disposition", "")) or None
    episodes = diary.episodes()
    halves = describe(episodes, now, diary.steps()).frequency.halves
    worsening = bool(halves and halves.ratio and halves.ratio.side(1.0) == 1)
    overdue = actions.due_assessment(diary, now) is not None
    last = episodes[0].started_at if episodes else None
    return PatientRow(patient, disposition, flags, worsening, overdue, last)


def _same(store: Store, owners: list[int], now: datetime = NOW) -> None:
    people = [Person(o, f"p{o}") for o in owners]
    got = dashboard.rows_for(store, people, now)
    want = [expected_row(store, p, now) for p in people]
    assert got == want


zones = st.sampled_from([UTC, timezone(timedelta(hours=-8)), timezone(timedelta(hours=13))])
moments = st.builds(
    lambda days, minutes, zone: (NOW - timedelta(days=days, minutes=minutes)).astimezone(zone),
    st.integers(0, 120), st.integers(0, 1439), zones,
)  # fmt: skip
episodes = st.builds(lambda at, region: Episode(at, region), moments,
                     st.sampled_from(["calf", "foot", "back"]))  # fmt: skip
steps = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 1), episodes),
        st.tuples(st.just("many"), st.integers(0, 1), st.lists(episodes, max_size=30)),
        st.tuples(st.just("edit"), st.integers(0, 1), episodes),
        st.tuples(st.just("delete"), st.integers(0, 1), st.none()),
        st.tuples(st.just("undo"), st.integers(0, 1), st.none()),
        st.tuples(st.just("forget"), st.integers(0, 1), st.none()),
    ),
    max_size=12,
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(plan=steps)
def test_every_episode_write_keeps_the_dashboard_exact(
    store: Store, plan: list[tuple[str, int, Any]]
) -> None:
    owners = [101, 102]
    for owner in owners:
        store.as_owner(owner).forget()
    for action, which, value in plan:
        diary = store.as_owner(owners[which])
        live = diary.episodes()
        if action == "add":
            diary.add_episode(value)
        elif action == "many":
            diary.load(value)
        elif action == "edit" and live:
            diary.replace_episode(Episode(value.started_at, value.region, id=live[-1].id))
        elif action == "delete" and live:
            diary.delete_episode(live[0].id or 0)
        elif action == "undo":
            diary.undo_delete()
        elif action == "forget":
            diary.forget()
        _same(store, owners)


def test_a_diary_that_gets_busier_ranks_as_worsening_and_one_that_calms_does_not(
    store: Store,
) -> None:
    busier, calmer = store.as_owner(201), store.as_owner(202)
    for week in range(12):
        for n in range(1 + week):  # more each week
            busier.add_episode(Episode(NOW - timedelta(weeks=12 - week, hours=n), "calf"))
        for n in range(12 - week):
            calmer.add_episode(Episode(NOW - timedelta(weeks=12 - week, hours=n), "calf"))
    rows = {r.patient.id: r for r in dashboard.rows_for(
        store, [Person(201, "a"), Person(202, "b")], NOW)}  # fmt: skip
    assert rows[201].worsening and not rows[202].worsening
    _same(store, [201, 202])
    # Deleting the busy recent weeks turns the trend, at once.
    for e in busier.episodes(since=NOW - timedelta(weeks=5)):
        busier.delete_episode(e.id or 0)
    assert not dashboard.rows_for(store, [Person(201, "a")], NOW)[0].worsening
    _same(store, [201, 202])


def test_overdue_and_red_flags_come_from_the_latest_assessment(store: Store) -> None:
    diary = store.as_owner(301)
    result = {"disposition": "urgent", "red_flags": [{"id": "f", "title": "Flag"}],
              "plan": {"follow_up_days": 3}}  # fmt: skip
    diary.add_assessment(Assessment(NOW - timedelta(days=40), {}, {"plan": {}}, "kb"))
    saved = diary.add_assessment(Assessment(NOW - timedelta(days=5), {}, result, "kb"))
    (row,) = dashboard.rows_for(store, [Person(301, "x")], NOW)
    assert row.overdue and row.red_flags == ("Flag",) and row.disposition == "urgent"
    assert row.last_episode is None
    _same(store, [301])
    diary.add_checkin(CheckIn(NOW - timedelta(days=1), "better", saved.id))
    assert not dashboard.rows_for(store, [Person(301, "x")], NOW)[0].overdue
    _same(store, [301])


def test_editing_an_episode_that_is_not_there_changes_no_summary(store: Store) -> None:
    diary = store.as_owner(401)
    kept = diary.add_episode(Episode(NOW - timedelta(days=2), "calf"))
    with pytest.raises(NotFound):
        diary.replace_episode(Episode(NOW - timedelta(days=1), "foot", id=(kept.id or 0) + 99))
    found = store.summaries([401])[401]
    assert found.weeks == ((0, 1),) and found.last == kept.started_at


def test_an_episode_dated_before_the_first_ones_day_counts_as_the_insights_count_it(
    store: Store,
) -> None:
    diary = store.as_owner(402)
    east, west = timezone(timedelta(hours=13)), timezone(timedelta(hours=-8))
    first = diary.add_episode(Episode(datetime(2026, 1, 10, 23, 0, tzinfo=UTC).astimezone(east),
                                      "calf"))  # fmt: skip
    diary.add_episode(Episode(datetime(2026, 1, 11, 1, 0, tzinfo=UTC).astimezone(west), "foot"))
    found = store.summaries([402])[402]
    assert found.first == first.started_at and found.weeks == ((-1, 1), (0, 1))
    _same(store, [402])


def test_the_migration_fills_the_summaries_of_existing_diaries(diary_settings: Settings) -> None:
    _reset(diary_settings)
    _upgrade(diary_settings, "0004")
    engine = database.connect(diary_settings.database_url)
    rows = [  # owner, UTC start, offset, deleted
        (1, datetime(2026, 1, 1, 23, 30), 120, None), (1, datetime(2026, 1, 2, 1, 0), 0, None),
        (1, datetime(2026, 2, 1, 8, 0), -300, None),
        (1, datetime(2026, 2, 2, 8, 0), 0, datetime(2026, 2, 3)),
        (2, datetime(2025, 12, 24, 6, 0), 60, None),
    ]  # fmt: skip
    with engine.begin() as c:
        for owner, at, offset, deleted in rows:
            c.execute(text(
                "INSERT INTO episode (owner, started_at, utc_offset_minutes, region, triggers, "
                "helped, notes, created_at, deleted_at) VALUES (:o, :at, :off, 'calf', '[]', "
                "'[]', '', :at, :deleted)"), {"o": owner, "at": at, "off": offset,
                                             "deleted": deleted})  # fmt: skip
    engine.dispose()
    with Store(diary_settings) as opened:  # migrates to the newest schema
        found = opened.summaries([1, 2, 3])
        assert set(found) == {1, 2}
        assert found[1].weeks == ((0, 2), (4, 1))  # 2 January, then 1 February
        assert found[1].first.isoformat() == "2026-01-02T01:30:00+02:00"
        assert found[1].last.isoformat() == "2026-02-01T03:00:00-05:00"
        _same(opened, [1, 2, 3])


def test_the_dashboard_and_the_api_follow_each_write(tmp_path: Any, diary_settings: Settings
                                                     ) -> None:  # fmt: skip
    environ = {}
    if not diary_settings.is_sqlite:
        _empty_postgres(diary_settings.database_url)
        environ["SPASMCARE_DATABASE_URL"] = diary_settings.database_url
    world = build(tmp_path, environ=environ)
    owner = world.web["owner"]
    reader = world.services.tokens.create(world.ids["clinician"], "read", "r",
                                          datetime.now(UTC).replace(tzinfo=None))[1]  # fmt: skip

    def listed() -> dict[str, Any]:
        page = owner.client.get("/api/v1/patients", headers=bearer(reader))
        assert page.status_code == 200, page.text
        (mine,) = [p for p in page.json()["patients"] if p["id"] == world.ids["owner"]]
        return dict(mine)

    before = listed()["last_episode"]
    at = (datetime.now(UTC) - timedelta(minutes=5)).replace(microsecond=0)
    made = owner.client.post("/api/v1/episodes", json={"region": "foot",
                             "started_at": at.isoformat()},
                             headers=bearer(world.tokens["owner"]))  # fmt: skip
    assert made.status_code == 201
    assert datetime.fromisoformat(listed()["last_episode"]) == at
    assert owner.post(f"/diary/{made.json()['record']['id']}/delete").status_code == 200
    assert listed()["last_episode"] == before
    page = world.web["clinician"].get("/clinic")
    assert page.status_code == 200 and "owner@example.org" in page.text

"""The store keeps a diary on SQLite and PostgreSQL alike: the same tests run on both."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from spasmcare.config import Settings
from spasmcare.diary import model
from spasmcare.diary.bulk import Record
from spasmcare.diary.model import CheckIn, Episode, InvalidValue, Profile
from spasmcare.diary.store import NotFound, Store
from tests.test_diary_fixtures import cli_env, diary_settings, postgres_server, store

__all__ = ["cli_env", "diary_settings", "postgres_server", "store"]

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def ep(hours_ago: float, region: str = "calf", **extra: object) -> Episode:
    at = (NOW - timedelta(hours=hours_ago)).isoformat()
    return model.episode({"started_at": at, "region": region, **extra}, NOW)


def test_episodes_come_back_newest_first_exactly_as_recorded(store: Store) -> None:
    zone = "2026-02-27T23:30:00.123456-05:00"
    first = store.add_episode(
        model.episode(
            {"started_at": zone, "region": "calf", "side": "left", "severity": 6,
             "duration_minutes": 2.5, "triggers": ["long_run"], "helped": ["stretching=a_lot"],
             "associated": ["sleep_disturbance"], "notes": "ünïcode ✓"},
            NOW,
        )
    )  # fmt: skip
    second = store.add_episode(ep(1, "foot"))
    assert [e.id for e in store.episodes()] == [second.id, first.id]
    back = store.episode(first.id or 0)
    assert back == first
    assert back.started_at.isoformat() == zone


def test_since_and_limit_select_episodes(store: Store) -> None:
    for hours in (100, 50, 10, 5, 1):
        store.add_episode(ep(hours))
    assert len(store.episodes()) == 5
    assert len(store.episodes(limit=2)) == 2
    assert len(store.episodes(since=NOW - timedelta(hours=20))) == 3


def test_edit_replaces_an_episode_in_place(store: Store) -> None:
    saved = store.add_episode(ep(2, severity=3))
    store.replace_episode(Episode(**{**saved.__dict__, "severity": 8}))
    assert store.episode(saved.id or 0).severity == 8
    with pytest.raises(NotFound):
        store.replace_episode(Episode(**{**saved.__dict__, "id": 999}))


def test_a_deleted_episode_comes_back_with_undo(store: Store) -> None:
    kept = store.add_episode(ep(3))
    slip = store.add_episode(ep(2))
    store.delete_episode(slip.id or 0)
    assert [e.id for e in store.episodes()] == [kept.id]
    with pytest.raises(NotFound):
        store.episode(slip.id or 0)
    assert store.undo_delete() == [slip.id]
    assert store.episode(slip.id or 0) == slip
    assert store.undo_delete() == []


def test_the_profile_is_filled_once_and_changed_in_place(store: Store) -> None:
    assert store.profile() is None
    store.save_profile(Profile(age=70, medications=("atorvastatin",)))
    store.save_profile(Profile(age=71, sex="female"))
    assert store.profile() == Profile(age=71, sex="female")


def test_a_load_with_a_bad_record_part_way_stores_nothing(store: Store) -> None:
    store.add_episode(ep(50))

    def stream() -> Iterator[Record]:
        yield Profile(age=40)
        for n in range(30_000):
            yield ep(n % 40 + 1)
        raise InvalidValue("severity", 11, "a whole number from 0 to 10")

    with pytest.raises(InvalidValue):
        store.load(stream())
    assert store.count() == 1
    assert store.profile() is None


def test_a_load_keeps_ids_and_later_records_get_new_ones(store: Store) -> None:
    loaded = [Episode(**{**ep(n + 1).__dict__, "id": 100 + n}) for n in range(3)]
    assert store.load(loaded) == 3
    later = store.add_episode(ep(0.5))
    assert (later.id or 0) > 102
    assert {e.id for e in store.episodes()} == {100, 101, 102, later.id}


def test_forget_deletes_everything(store: Store) -> None:
    store.save_profile(Profile(age=50))
    saved = store.add_episode(ep(1))
    store.add_checkin(CheckIn(NOW, "same"))
    store.delete_episode(saved.id or 0)
    store.forget()
    assert store.snapshot() == model.Diary()


def test_the_store_reopens_the_same_diary(diary_settings: Settings) -> None:
    with Store(diary_settings) as first:
        saved = first.add_episode(ep(1))
    with Store(diary_settings) as again:
        assert again.episodes() == [saved]

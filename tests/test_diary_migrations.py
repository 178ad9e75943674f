"""Schema upgrades run by themselves, from every earlier schema version, keeping the data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from spasmcare.config import Settings
from spasmcare.diary import database, model, tables
from spasmcare.diary.store import Store
from tests.test_diary_fixtures import diary_settings, postgres_server

__all__ = ["diary_settings", "postgres_server"]

FIRST_EPISODE = {
    "started_at": datetime(2025, 1, 2, 3, 4), "utc_offset_minutes": 60, "region": "calf",
    "side": "left", "severity": 5, "duration_minutes": 2.0, "triggers": '["long_run"]',
    "helped": '[{"what": "stretching", "how_much": "a_lot"}]', "associated": "[]", "notes": "old",
    "created_at": datetime(2025, 1, 2, 3, 5),
}  # fmt: skip


def _revisions() -> list[str]:
    scripts = ScriptDirectory.from_config(database._alembic_config())
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


def _upgrade(settings: Settings, target: str) -> None:
    if settings.is_sqlite:
        settings.home.mkdir(parents=True, exist_ok=True)
    engine = database.connect(settings.database_url)
    with engine.begin() as connection:
        command.upgrade(database._alembic_config(connection), target)
    engine.dispose()


def _reset(settings: Settings) -> None:
    """An empty database, so each old schema starts from nothing."""
    engine = database.connect(settings.database_url)
    if settings.is_sqlite:
        (settings.home / "diary.sqlite3").unlink(missing_ok=True)
    else:
        with engine.begin() as c:
            c.execute(text("DROP SCHEMA public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def test_every_earlier_schema_with_data_upgrades_to_the_newest(diary_settings: Settings) -> None:
    revisions = _revisions()
    assert revisions[-1] == database.head()
    for old in revisions[:-1]:
        _reset(diary_settings)
        _upgrade(diary_settings, old)
        engine = database.connect(diary_settings.database_url)
        with engine.begin() as c:
            c.execute(
                text(
                    "INSERT INTO episode (id, started_at, utc_offset_minutes, region, side, "
                    "severity, duration_minutes, triggers, helped, associated, notes, created_at) "
                    "VALUES (7, :started_at, :utc_offset_minutes, :region, :side, :severity, "
                    ":duration_minutes, :triggers, :helped, :associated, :notes, :created_at)"
                ),
                FIRST_EPISODE,
            )
        engine.dispose()
        with Store(diary_settings) as store:
            (kept,) = store.episodes()
            assert kept.id == 7 and kept.notes == "old"
            assert kept.started_at.isoformat() == "2025-01-02T04:04:00+01:00"
            assert kept.helped == (model.Helped("stretching", "a_lot"),)
            store.delete_episode(7)
            assert store.undo_delete() == [7]


def test_an_empty_database_is_created_at_the_newest_schema(diary_settings: Settings) -> None:
    with Store(diary_settings) as store, store.engine.connect() as c:
        assert database.current(c) == database.head()


def test_the_migrations_build_exactly_the_tables_the_code_uses(diary_settings: Settings) -> None:
    with Store(diary_settings) as store, store.engine.connect() as c:
        differences = compare_metadata(MigrationContext.configure(c), tables.metadata)
    assert differences == []


def test_the_migrations_ship_inside_the_package() -> None:
    folder = Path(database.__file__).parent / "migrations"
    assert (folder / "env.py").is_file()
    assert len(list((folder / "versions").glob("*.py"))) == len(_revisions())
    # The wheel packs the whole of src/spasmcare, so what is here is what a user gets.
    assert (folder / "script.py.mako").is_file()

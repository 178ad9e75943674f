"""Diary values are checked on the way in, with errors that name the field, value and allowed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spasmcare.config import settings
from spasmcare.diary import model
from spasmcare.diary.model import Helped, InvalidValue

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_a_full_episode_is_accepted() -> None:
    e = model.episode(
        {
            "started_at": "2026-02-28T23:40:00+01:00", "region": "calf", "side": "left",
            "severity": 7, "duration_minutes": "2.5", "triggers": ["long_run", "long_run"],
            "helped": ["stretching=a_lot", {"what": "walking", "how_much": None}],
            "associated": ["sleep_disturbance"], "notes": "woke me",
        },
        NOW,
    )  # fmt: skip
    assert e.started_at.utcoffset() == timedelta(hours=1)
    assert e.duration_minutes == 2.5
    assert e.triggers == ("long_run",)
    assert e.helped == (Helped("stretching", "a_lot"), Helped("walking", None))


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("region", "elbow", "calf"),
        ("severity", 11, "from 0 to 10"),
        ("severity", -1, "from 0 to 10"),
        ("side", "middle", "left, right, both"),
        ("started_at", "2026-03-02T09:00", "not in the future"),
        ("started_at", "yesterday", "ISO 8601"),
        ("duration_minutes", -3, "0 or more"),
        ("associated", ["sneezing"], "saddle_numbness"),
        ("helped", ["stretching=hugely"], "a_lot"),
    ],
)
def test_bad_values_name_the_field_the_value_and_what_is_allowed(
    field: str, value: object, allowed: str
) -> None:
    raw = {"started_at": "2026-02-28T22:00", "region": "calf", field: value}
    with pytest.raises(InvalidValue) as caught:
        model.episode(raw, NOW)
    message = str(caught.value)
    assert caught.value.field.startswith(field)
    assert allowed in message


def test_a_time_without_a_zone_gets_the_local_zone() -> None:
    e = model.episode({"started_at": "2026-02-28T22:00", "region": "calf"}, NOW)
    assert e.started_at.tzinfo is not None
    assert e.started_at.replace(tzinfo=None) == datetime(2026, 2, 28, 22, 0)


def test_profile_changes_keep_what_was_not_given() -> None:
    first = model.profile({"age": 70, "medications": ["atorvastatin"]})
    second = model.profile({"sex": "female"}, first)
    assert (second.age, second.sex, second.medications) == (70, "female", ("atorvastatin",))
    with pytest.raises(InvalidValue, match="age: 130"):
        model.profile({"age": 130})


def test_home_comes_from_the_option_then_the_environment_then_the_platform(tmp_path: Path) -> None:
    env = {"SPASMCARE_HOME": str(tmp_path / "env")}
    assert settings(tmp_path / "option", env).home == tmp_path / "option"
    assert settings(None, env).home == tmp_path / "env"
    assert settings(None, env).database_url == f"sqlite:///{tmp_path / 'env' / 'diary.sqlite3'}"
    assert "spasmcare" in str(settings(None, {}).home)
    url = "postgresql+psycopg://postgres@127.0.0.1/x"
    assert settings(None, {**env, "SPASMCARE_DATABASE_URL": url}).database_url == url

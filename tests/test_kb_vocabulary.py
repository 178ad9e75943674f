"""The vocabulary and the diary's thresholds are knowledge: read from the knowledge base's files,
with one list of dispositions behind every type that names one."""

from __future__ import annotations

import typing

import yaml

from spasmcare import vocabulary as v
from spasmcare.diary import follow_up
from spasmcare.diary.model import Assessment
from spasmcare.kb import diary, schema
from spasmcare.kb.load import default_directory, load_default


def read(name: str) -> dict[str, typing.Any]:
    return yaml.safe_load((default_directory() / name).read_text())


def test_every_term_list_comes_from_the_vocabulary_file() -> None:
    data = read("vocabulary.yaml")
    assert tuple(data["dispositions"]) == v.DISPOSITIONS
    assert {field: tuple(terms) for field, terms in data["terms"].items()} == {
        **v.ENUM_FIELDS,
        **v.TERM_LIST_FIELDS,
    }
    assert tuple(data["cause_ids"]) == v.CAUSE_IDS
    assert {g: tuple(r) for g, r in data["region_groups"].items()} == v.REGION_GROUPS


def test_the_schema_allows_exactly_the_listed_dispositions() -> None:
    assert set(typing.get_args(schema.Disposition)) == set(v.DISPOSITIONS)


def test_the_diary_thresholds_come_from_the_knowledge_base_with_a_basis() -> None:
    data = read("diary.yaml")
    assert follow_up.NIGHT_HOURS == diary.NIGHT_HOURS == frozenset((22, 23, 0, 1, 2, 3, 4, 5))
    assert follow_up.DISTURBED_NIGHTS_PER_WEEK == data["disturbed_sleep"]["nights_per_week"] == 3
    assert diary.FOLLOW_UP_DAYS == data["follow_up_days_default"] == 7
    sources = load_default().sources
    for basis in (data["disturbed_sleep"]["basis"], data["follow_up_basis"]):
        assert basis.get("estimate") or all(s in sources for s in basis["sources"])


def test_a_saved_result_without_an_interval_is_followed_up_after_the_default() -> None:
    from datetime import UTC, datetime, timedelta

    at = datetime(2026, 6, 1, tzinfo=UTC)
    saved = Assessment(at=at, case={}, result={}, knowledge_version="x")
    assert saved.follow_up_due == at + timedelta(days=diary.FOLLOW_UP_DAYS)

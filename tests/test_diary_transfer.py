"""Export files hold every value exactly: any episode survives a write and a read, JSON or CSV."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spasmcare import vocabulary as v
from spasmcare.diary import transfer
from spasmcare.diary.model import HOW_MUCH as HOW
from spasmcare.diary.model import Diary, Episode, Helped, Profile

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
word = text.map(str.strip).filter(bool)
zones = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
times = st.builds(
    lambda seconds, zone: (NOW - timedelta(seconds=seconds)).astimezone(zone),
    st.integers(0, 10 * 365 * 86400), zones,
)  # fmt: skip

episodes = st.builds(
    Episode,
    started_at=times,
    region=st.sampled_from(v.REGIONS),
    side=st.none() | st.sampled_from(v.SIDES),
    severity=st.none() | st.integers(0, 10),
    duration_minutes=st.none() | st.floats(0, 10_000, allow_nan=False),
    triggers=st.lists(word, unique=True, max_size=3).map(tuple),
    helped=st.lists(
        st.builds(Helped, word.filter(lambda w: "=" not in w), st.none() | st.sampled_from(HOW)),
        max_size=3,
    ).map(tuple),
    associated=st.none() | st.lists(st.sampled_from(v.ASSOCIATED), unique=True, max_size=3).map(
        tuple
    ),
    notes=text,
    id=st.none() | st.integers(1, 10**9),
    deleted_at=st.none() | times.map(lambda t: t.astimezone(UTC)),
)  # fmt: skip


@pytest.mark.parametrize("form", transfer.FORMATS)
@settings(max_examples=60, deadline=None)
@given(found=st.lists(episodes, max_size=6))
def test_any_episode_survives_an_export_and_an_import(form: str, found: list[Episode]) -> None:
    diary = Diary(profile=Profile(age=50, medications=("a, b", 'q"uote')), episodes=tuple(found))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"diary.{form}"
        with path.open("w", encoding="utf-8", newline="") as out:
            transfer.write(diary, out, form)
        back = list(transfer.read(path, NOW))
    assert back == [diary.profile, *found]
    assert [e.started_at.utcoffset() for e in back[1:]] == [e.started_at.utcoffset() for e in found]

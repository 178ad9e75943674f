"""Export files hold every value exactly: any episode survives a write and a read, JSON or CSV."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spasmcare import vocabulary as v
from spasmcare.diary import model
from spasmcare.diary.model import HOW_MUCH as HOW
from spasmcare.diary.model import Diary, Episode, Helped, InvalidValue, Profile
from spasmcare.diary.store import Store
from spasmcare.formats import files
from tests.test_diary_fixtures import diary_settings, postgres_server, store

__all__ = ["diary_settings", "postgres_server", "store"]

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
# Any text a database keeps: no lone surrogates, no NUL (both are refused on the way in).
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
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


@pytest.mark.parametrize("form", files.FORMATS)
@settings(max_examples=60, deadline=None)
@given(found=st.lists(episodes, max_size=6))
def test_any_episode_survives_an_export_and_an_import(form: str, found: list[Episode]) -> None:
    diary = Diary(profile=Profile(age=50, medications=("a, b", 'q"uote')), episodes=tuple(found))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"diary.{form}"
        with path.open("w", encoding="utf-8", newline="") as out:
            files.write(diary, out, form)
        back = list(files.read(path, NOW))
    assert back == [diary.profile, *found]
    assert [e.started_at.utcoffset() for e in back[1:]] == [e.started_at.utcoffset() for e in found]


def _export(path: Path, lines: list[dict[str, Any]]) -> Path:
    header = {"format": files.FORMAT, "version": files.VERSION}
    path.write_text("".join(json.dumps(x) + "\n" for x in [header, *lines]), encoding="utf-8")
    return path


def test_a_bad_line_after_many_good_ones_stores_nothing_and_is_named(
    store: Store, tmp_path: Path
) -> None:
    good = {
        "kind": "episode",
        "started_at": "2026-02-01T22:00:00+01:00",
        "region": "calf",
        "helped": [{"what": "stretching", "how_much": "a_lot"}],
        "triggers": ["long_run"],
    }
    lines = [good] * 25_000 + [{**good, "severity": 11}] + [good] * 10  # past the first batch
    path = _export(tmp_path / "diary.json", lines)
    with pytest.raises(files.TransferError) as caught:
        store.load(files.read(path, NOW))
    assert str(caught.value) == (
        "line 25002: severity: 11 is not allowed; allowed: a whole number from 0 to 10"
    )
    assert store.count() == 0
    assert store.load(files.read(_export(path, lines[:3]), NOW)) == 3


iso_times = times.map(datetime.isoformat) | times.map(lambda t: t.replace(tzinfo=None).isoformat())
good_episodes = st.fixed_dictionaries(
    {"started_at": iso_times, "region": st.sampled_from(v.REGIONS)},
    optional={
        "id": st.none() | st.integers(1, 2**62),
        "side": st.none() | st.sampled_from(v.SIDES),
        "severity": st.none() | st.integers(0, 10),
        "duration_minutes": st.none() | st.floats(0, 1e6) | st.integers(0, 100),
        "triggers": st.lists(word, max_size=3),
        "helped": st.lists(
            st.fixed_dictionaries({"what": word}, optional={"how_much": st.sampled_from(HOW)})
            | st.builds("{}={}".format, word.filter(lambda w: "=" not in w), st.sampled_from(HOW)),
            max_size=3,
        ),
        "associated": st.none() | st.lists(st.sampled_from(v.ASSOCIATED), max_size=3),
        "notes": text,
        "deleted_at": st.none() | iso_times,
    },
)
"""Episodes as an export or another program might write them."""

ODD: dict[str, tuple[object, ...]] = {
    "id": (None, "", "7", 7.0, 2.5, True, 0, -1, 2**62 + 1),
    "started_at": (" 2026-02-01T22:00 ", "2026-02-01 22:00:00.5Z", "2026-03-01T12:00:59+00:00",
                   "2026-03-01T12:02:00+00:00", "2999-01-01T00:00", "yesterday", "", None, 5),
    "region": (" calf", "Calf", "elbow", "", None, 3),
    "side": ("", " left", "middle", 1),
    "severity": (-1, 11, "5", " 5", "", 5.0, 5.5, True),
    "duration_minutes": (-0.0, -1, 10**20, 2.5e300, float("nan"), float("inf"), "2.5", "",
                         True),
    "triggers": (None, "long_run", {}, [" a", "a"], ["a\x1c"], ["\u3000b"], ["c\nd"], [""], [3]),
    "helped": (None, "", 0, {}, [" w = a_little "], ["w=hugely"], ["=a_lot"], [{"what": " w"}],
               [{"what": "w\x1f", "how_much": "a_lot"}], [{"what": "\u3000w"}], [{"what": "\n"}],
               [{"what": "w", "how_much": "a_lot "}], [{"what": "w", "how_much": ""}],
               [{"what": "w", "how_much": "hugely"}], [{"what": "w", "note": 1}],
               [{"what": ""}], [{"how_much": "a_lot"}], [5]),
    "associated": ([f" {v.ASSOCIATED[0]}"], [v.ASSOCIATED[0]] * 2, ["sneezing"], [""], "fever"),
    "notes": (None, 3, ["x"]),
    "deleted_at": ("", "2999-01-01T00:00", "no", 1),
    "colour": ("red",),
}  # fmt: skip
"""Values that the import must convert or reject exactly as the diary's checks do."""

odd_values = st.sampled_from(sorted(ODD)).flatmap(
    lambda key: st.fixed_dictionaries({key: st.sampled_from(ODD[key])})
)


@settings(max_examples=500, deadline=None)
@given(good=good_episodes, odd=odd_values)
def test_an_episode_line_is_imported_exactly_as_the_diary_checks_it(
    good: dict[str, Any], odd: dict[str, Any]
) -> None:
    """The import accepts, converts and rejects each line just as ``model.episode`` does and
    names the same field and value; it only adds the line number."""
    raw = {**good, **odd}  # one odd value, so that no other error hides it
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "diary.json"
        header = {"format": files.FORMAT, "version": files.VERSION}
        line = json.dumps({"kind": "episode", **raw}, ensure_ascii=False)
        path.write_text(f"{json.dumps(header)}\n{line}\n", encoding="utf-8")
        try:
            expected: object = [model.episode(json.loads(json.dumps(raw)), NOW)]
        except InvalidValue as error:
            expected = f"line 2: {error}"
        try:
            got: object = list(files.read(path, NOW))
        except files.TransferError as error:
            got = str(error)
        assert repr(got) == repr(expected)


def test_texts_are_stripped_of_every_kind_of_space(tmp_path: Path) -> None:
    spaces = [c for c in map(chr, range(0x3001)) if c.isspace()]  # none above U+3000
    lines = [
        {"kind": "episode", "started_at": "2026-02-01T22:00:00+00:00", "region": "calf",
         "helped": [{"what": text}], "triggers": [text]}
        for c in spaces for text in (f"{c}w", f"w{c}")
    ]  # fmt: skip
    back = list(files.read(_export(tmp_path / "diary.json", lines), NOW))
    assert {(e.helped, e.triggers) for e in back if isinstance(e, Episode)} == {
        ((Helped("w"),), ("w",))
    }
    assert len(back) == 2 * len(spaces)


def test_the_csv_opens_in_a_spreadsheet_as_flat_columns(tmp_path: Path) -> None:
    import csv

    from spasmcare.diary.model import Assessment, CheckIn

    episode = Episode(NOW - timedelta(days=1), "calf", side="left", severity=6,
                      duration_minutes=2.0, triggers=("long_run", "a; b", "back\\slash"),
                      helped=(Helped("heat", "a_lot"), Helped("stretching")),
                      associated=(), id=1)  # fmt: skip
    flags = [{"title": "Long cramp"}, {"title": "Night cramps"}]
    result = {"disposition": "routine", "red_flags": flags}
    assessment = Assessment(NOW, {"region": "calf"}, result, "kb1", episode_id=1, id=1)
    diary = Diary(Profile(age=70, medications=("atorvastatin", "ramipril")), (episode,),
                  (assessment,), (CheckIn(NOW, "same", 1, "still there", id=1),))  # fmt: skip
    path = tmp_path / "diary.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        files.write(diary, out, "csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_kind = {r["kind"]: r for r in rows}
    e = by_kind["episode"]
    assert e["helped"] == "heat (a lot); stretching"
    assert e["triggers"] == "long_run; a\\; b; back\\\\slash"
    assert e["duration_minutes"] == "2" and e["associated"] == "none"
    assert by_kind["profile"]["medications"] == "atorvastatin; ramipril"
    assert by_kind["checkin"]["answer"] == "same" and by_kind["checkin"]["notes"] == "still there"
    assert by_kind["assessment"]["disposition"] == "routine"
    assert by_kind["assessment"]["red_flags"] == "Long cramp; Night cramps"
    for row in rows:  # only an assessment keeps its full record (for importing back)
        cells = [x for k, x in row.items() if not (row["kind"] == "assessment" and k == "data")]
        assert not any(x.startswith(("[", "{")) for x in cells), row
    assert list(files.read(path, NOW)) == [diary.profile, episode, assessment, diary.checkins[0]]


def test_a_csv_in_the_first_layout_still_imports(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text(
        "kind,id,started_at,region,side,severity,duration_minutes,triggers,helped,associated,"
        'notes,deleted_at,data\nepisode,,2026-01-01T10:00,calf,,,,"[""heat""]",'
        '"[{""what"": ""walking"", ""how_much"": ""a_lot""}]",,,,\n'
    )  # fmt: skip
    (back,) = files.read(old, NOW)
    assert isinstance(back, Episode)
    assert back.triggers == ("heat",) and back.helped == (Helped("walking", "a_lot"),)

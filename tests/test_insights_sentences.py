"""Each insight sentence is true of the diary it describes: diaries with known patterns are
written through the real store, read back, analysed, and the sentences and numbers checked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spasmcare.config import Settings
from spasmcare.diary.model import Episode, Helped, SelfCareStep
from spasmcare.diary.store import Store
from spasmcare.insights import stats
from spasmcare.insights.model import Insights
from spasmcare.insights.serial import as_json
from spasmcare.insights.wording import describe

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CAUSAL = re.compile(r"caus|because|due to|leads? to|results? in|triggered by", re.IGNORECASE)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    home = tmp_path / "home"
    with Store(Settings(home=home, database_url=f"sqlite:///{home / 'diary.sqlite3'}")) as s:
        yield s


def read(store: Store, steps: tuple[SelfCareStep, ...] = ()) -> Insights:
    return describe(store.episodes(), NOW, steps)


def every_sentence(i: Insights) -> list[str]:
    return [i.summary, i.frequency.sentence, i.time_of_day.sentence, i.regions.sentence,
            i.severity.sentence, i.triggers_sentence, i.remedies_sentence,
            *(i.plan.sentence for _ in [0] if i.plan), *i.caveats,
            *(f.sentence for f in i.factors), *(r.sentence for r in i.remedies)]  # fmt: skip


def add(store: Store, at: datetime, **values: object) -> None:
    store.add_episode(Episode(started_at=at, region=str(values.pop("region", "calf")),
                              **values))  # type: ignore[arg-type]  # fmt: skip


def halving_diary(store: Store) -> None:
    """12 weeks: 6 night-time calf cramps a week for 6 weeks, then 3 a week."""
    start = NOW - timedelta(weeks=12)
    for week in range(12):
        per_week = 6 if week < 6 else 3
        for n in range(per_week):
            at = (start + timedelta(weeks=week, days=n)).replace(hour=23, minute=10)
            add(store, at, severity=7 if week < 6 else 4, duration_minutes=3.0)


def test_an_empty_diary_says_so(store: Store) -> None:
    i = read(store)
    assert i.episodes == 0
    assert i.summary == "No episodes in the diary yet."
    assert "at least 5 more episodes needed" in i.time_of_day.sentence
    assert "needed" in i.severity.sentence


def test_too_short_a_diary_says_how_much_more_is_needed(store: Store) -> None:
    for day in range(3):
        add(store, NOW - timedelta(days=day, hours=1), severity=5)
    i = read(store)
    assert i.frequency.halves is not None and i.frequency.halves.ratio is None
    assert "too early to say" in i.frequency.sentence
    assert re.search(r"about \d+ more weeks? of diary", i.frequency.sentence)
    assert "at least 2 more episodes needed" in i.time_of_day.sentence
    assert "too early to say whether they are changing" in i.summary


def test_a_halving_is_found_with_its_interval(store: Store) -> None:
    halving_diary(store)
    i = read(store)
    halves = i.frequency.halves
    assert halves is not None and halves.ratio is not None
    assert halves.before.episodes == 36 and halves.after.episodes == 18
    assert halves.ratio.value == pytest.approx(0.5, abs=0.02)
    assert halves.ratio.high < 1
    assert "about half as many" in i.frequency.sentence
    assert f"rate ratio {halves.ratio.value:.2f}" in i.frequency.sentence
    assert (
        i.summary == "Your cramps are mostly at night, and they have about halved over the "
        "time of your diary."
    )
    assert i.frequency.kendall is not None and i.frequency.kendall.value < 0


def test_a_steady_diary_is_no_clear_change(store: Store) -> None:
    start = NOW - timedelta(weeks=10)
    for day in range(0, 70, 2):
        add(store, (start + timedelta(days=day)).replace(hour=15), severity=5)
    i = read(store)
    ratio = i.frequency.halves.ratio if i.frequency.halves else None
    assert ratio is not None and ratio.low < 1 < ratio.high
    assert "no clear change" in i.frequency.sentence
    assert (
        "afternoon" in i.time_of_day.sentence and "Most of your episodes" in i.time_of_day.sentence
    )


def test_time_of_day_and_regions_report_true_shares(store: Store) -> None:
    for n in range(8):
        add(store, NOW - timedelta(days=n, hours=10), region="foot")  # 02:00
    for n in range(2):
        add(store, NOW - timedelta(days=n, hours=2), region="thigh")  # 10:00
    i = read(store)
    assert i.time_of_day.bands["night"] == 8
    assert "Most of your episodes start at night, between 10 pm and 6 am (80%, 8 of 10)" in (
        i.time_of_day.sentence
    )
    assert i.regions.sentence == (
        "Your cramps are mostly in the foot (80%, 8 of 10), then thigh (20%)."
    )


def test_spread_regions_are_not_called_mostly(store: Store) -> None:
    for n, region in enumerate(["calf", "calf", "foot", "foot", "thigh", "hand"]):
        add(store, NOW - timedelta(days=n, hours=3), region=region)
    assert read(store).regions.sentence.startswith("Your cramps are spread over several places")


def test_falling_pain_is_reported_with_its_interval(store: Store) -> None:
    halving_diary(store)
    s = read(store).severity
    assert s.change is not None
    assert s.first.mean == pytest.approx(7) and s.second.mean == pytest.approx(4)
    assert "7.0 out of 10 in the first half" in s.sentence and "4.0 in the second" in s.sentence
    assert "lower by 3.0 points" in s.sentence


def test_a_trigger_followed_by_more_episodes_is_a_link_not_a_cause(store: Store) -> None:
    start = NOW - timedelta(days=80)
    for day in range(0, 80, 4):
        at = (start + timedelta(days=day)).replace(hour=20)
        if day % 8 == 0:  # long runs: two more cramps in the next night
            add(store, at, triggers=("long_run",), severity=8)
            add(store, at + timedelta(hours=5), severity=5)
            add(store, at + timedelta(hours=7), severity=5)
        else:
            add(store, at, triggers=("stress",), severity=4)
    i = read(store)
    run = next(f for f in i.factors if f.name == "long_run")
    assert run.per_day is not None and run.per_day.low > 0
    assert run.counts is not None and run.counts[0].mean == pytest.approx(2.0)
    assert "Episodes happened more often in the two days after long run" in run.sentence
    assert run.pain is not None and run.pain.low > 0 and "pain was higher" in run.sentence
    assert i.triggers_sentence == run.sentence
    stress = next(f for f in i.factors if f.name == "stress")
    assert stress.per_day is not None and stress.per_day.high < 0
    for sentence in every_sentence(i):
        assert not CAUSAL.search(sentence), sentence
    assert "not proof" in i.caveats[0]


def test_a_rare_trigger_says_how_many_more_are_needed(store: Store) -> None:
    for n in range(10):
        add(store, NOW - timedelta(days=n * 3 + 3), triggers=("hiking",) if n < 2 else ())
    i = read(store)
    hiking = i.factors[0]
    assert hiking.per_day is None and hiking.noted == 2
    assert hiking.needed == "at least 3 more episodes with it"
    assert "Hiking: noted with 2 episodes; at least 3 more episodes with it needed" in (
        hiking.sentence
    )
    assert "Too few episodes with each trigger" in i.triggers_sentence


def test_what_helped_counts_and_share(store: Store) -> None:
    for n in range(10):
        helped = (Helped("stretching", "a_lot" if n < 6 else "not_at_all"),)
        add(store, NOW - timedelta(days=n + 1), helped=helped, duration_minutes=2.0 + n % 2)
    add(store, NOW - timedelta(days=20), helped=(Helped("massage", "a_little"),))
    i = read(store)
    stretch = next(r for r in i.remedies if r.name == "stretching")
    assert (stretch.tried, stretch.a_lot, stretch.not_at_all) == (10, 6, 4)
    assert stretch.sentence.startswith("Stretching helped at least a little in 60% of 10")
    massage = next(r for r in i.remedies if r.name == "massage")
    assert massage.needed == "at least 4 more times with how much it helped"
    assert i.remedies_sentence.startswith("Stretching helped most often")


def test_the_care_plan_period_is_compared(store: Store) -> None:
    halving_diary(store)
    started = NOW - timedelta(weeks=6)
    steps = (SelfCareStep("calf_stretch", "Calf stretch before bed", started),)
    i = read(store, steps)
    assert i.plan is not None and i.plan.comparison.ratio is not None
    assert i.plan.comparison.ratio.high < 1
    assert "Since you started the care plan on 20 Apr 2026 (Calf stretch before bed)" in (
        i.plan.sentence
    )
    assert "about half as many" in i.plan.sentence
    assert i.summary.endswith("they have about halved since you started the care plan on "
                              "20 Apr 2026.")  # fmt: skip
    assert not CAUSAL.search(i.plan.sentence)


def test_deleted_episodes_are_left_out(store: Store) -> None:
    halving_diary(store)
    store.delete_episode(store.episodes(limit=1)[0].id or 0)
    assert read(store).episodes == 53


def test_json_holds_every_sentence(store: Store) -> None:
    halving_diary(store)
    data = as_json(read(store))
    assert data["summary"].startswith("Your cramps are mostly at night")
    assert data["frequency"]["halves"]["ratio"]["high"] < 1
    assert data["regions"]["counts"] == {"calf": 54}


def test_stats_formulas_match_known_values() -> None:
    rr = stats.rate_ratio(100, 10.0, 50, 10.0)
    assert rr.value == pytest.approx(0.5)
    assert rr.low == pytest.approx(0.5 * 2.718281828 ** (-1.959964 * (0.03) ** 0.5), rel=1e-4)
    prop = stats.proportion(8, 10)
    assert (prop.low, prop.high) == (
        pytest.approx(0.4902, abs=1e-3),
        pytest.approx(0.9433, abs=1e-3),
    )
    assert stats.mann_kendall([1, 2, 3, 4, 5, 6]).value == 1.0
    assert stats.mann_kendall([3, 3, 3]).p == 1.0


def test_describe_words_the_numbers_that_measure_works_out() -> None:
    from spasmcare.diary import demo
    from spasmcare.insights import analysis, wording

    episodes = list(demo.episodes(120, seed=3, now=NOW))
    numbers = analysis.measure(episodes, NOW)
    assert every_sentence(numbers) == [""] * len(every_sentence(numbers))
    described = describe(episodes, NOW)
    assert described == wording.worded(numbers)
    assert all(every_sentence(described)[:7])
    assert described.frequency.weeks == numbers.frequency.weeks

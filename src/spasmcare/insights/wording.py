"""One plain-language sentence for each insight, true of the numbers it reads.

Sentences report links, never causes: "happened more often on days with", "linked with",
never "caused by" or "because of". Each comparison gives its 95% confidence interval, and
says what more is needed when the diary is too short to compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Final

from spasmcare.diary.model import Episode, SelfCareStep
from spasmcare.insights.analysis import measure
from spasmcare.insights.model import (
    BANDS,
    MIN_PATTERN,
    Comparison,
    Factor,
    Frequency,
    Insights,
    PlanEffect,
    Regions,
    Remedy,
    Severity,
    TimeOfDay,
)
from spasmcare.insights.stats import Estimate

BAND_WORDS: Final = {name: words for name, words, _ in BANDS}
WINDOW_WORDS: Final = "two days"
LINK_CAVEAT: Final = (
    "Triggers are only noted with an episode, so episodes noted with a trigger are compared with "
    "other episodes: how many more followed in the next two days, and how painful they were. "
    "These are links in your diary, not proof of what brings cramps on or what stops them."
)


def describe(
    episodes: Sequence[Episode], now: datetime, steps: Sequence[SelfCareStep] = ()
) -> Insights:
    """Everything the diary shows, each part with its one-sentence reading."""
    return worded(measure(episodes, now, steps))


def worded(i: Insights) -> Insights:
    """The insights with every sentence filled in."""
    frequency = replace(i.frequency, sentence=frequency_sentence(i.frequency, i.episodes))
    plan = replace(i.plan, sentence=plan_sentence(i.plan)) if i.plan else None
    factors = tuple(replace(f, sentence=factor_sentence(f)) for f in i.factors)
    remedies = tuple(replace(r, sentence=remedy_sentence(r)) for r in i.remedies)
    done = replace(
        i,
        frequency=frequency,
        plan=plan,
        time_of_day=replace(i.time_of_day, sentence=time_sentence(i.time_of_day, i.episodes)),
        regions=replace(i.regions, sentence=region_sentence(i.regions, i.episodes)),
        severity=replace(i.severity, sentence=severity_sentence(i.severity)),
        factors=factors,
        remedies=remedies,
        triggers_sentence=triggers_sentence(factors),
        remedies_sentence=remedies_sentence(remedies),
        caveats=(LINK_CAVEAT,) if factors or remedies else (),
    )
    return replace(done, summary=summary_sentence(done))


def day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


def num(x: float, digits: int = 1) -> str:
    """A number without a minus sign on zero."""
    text = f"{x:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def percent(x: float) -> str:
    return f"{round(100 * x)}%"


def interval(e: Estimate, digits: int = 2) -> str:
    return f"95% CI {num(e.low, digits)} to {num(e.high, digits)}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def size_of(ratio: float) -> str:
    """A rate ratio in words: 'about half as many', 'about 30% more'."""
    if 0.4 <= ratio <= 0.6:
        return "about half as many"
    if 1.8 <= ratio <= 2.2:
        return "about twice as many"
    if ratio < 1:
        return f"about {round(100 * (1 - ratio))}% fewer"
    return f"about {round(100 * (ratio - 1))}% more"


def certainty(e: Estimate) -> str:
    return "very unlikely to be chance" if e.p < 0.001 else "unlikely to be chance"


def _rates(c: Comparison) -> str:
    return f"{c.after.per_week:.1f} episodes a week against {c.before.per_week:.1f}"


def frequency_sentence(f: Frequency, episodes: int) -> str:
    if episodes == 0 or f.halves is None:
        return "No episodes in the diary yet."
    c = f.halves
    if c.ratio is None:
        return (f"You recorded {plural(episodes, 'episode')} so far; it is too early to say "
                f"whether they are changing ({c.needed} needed).")  # fmt: skip
    r = c.ratio
    base = (f"In the second half of your diary (since {day(c.after.start)}) you had "
            f"{_rates(c)} in the first half")  # fmt: skip
    figures = f"rate ratio {r.value:.2f}, {interval(r)}"
    if r.side(1.0) == 0:
        return f"{base}: no clear change ({figures})."
    return f"{base}: {size_of(r.value)} ({figures}), {certainty(r)}."


def plan_sentence(p: PlanEffect) -> str:
    c = p.comparison
    titles = ", ".join(p.titles[:3]) or "the care plan"
    if c.ratio is None:
        return (f"It is too early to compare your episodes before and since the care plan "
                f"started on {day(p.started)} ({c.needed} needed).")  # fmt: skip
    r = c.ratio
    base = (f"Since you started the care plan on {day(p.started)} ({titles}) you had "
            f"{_rates(c)} before")  # fmt: skip
    figures = f"rate ratio {r.value:.2f}, {interval(r)}"
    if r.side(1.0) == 0:
        return f"{base}: no clear change ({figures})."
    return (f"{base}: {size_of(r.value)} ({figures}), {certainty(r)}; this is a change in "
            "time, not proof of what made the difference.")  # fmt: skip


def time_sentence(t: TimeOfDay, episodes: int) -> str:
    if t.top is None or t.share is None:
        more = MIN_PATTERN - episodes
        return (f"Too few episodes to see a time-of-day pattern yet "
                f"(at least {plural(more, 'more episode')} needed).")  # fmt: skip
    count = t.bands[t.top]
    share = f"{percent(t.share.value)}, {count} of {episodes}"
    if t.share.value > 0.5:
        return f"Most of your episodes start {BAND_WORDS[t.top]} ({share})."
    return (f"Your episodes come at different times of day; the most common is "
            f"{BAND_WORDS[t.top]} ({share}).")  # fmt: skip


def region_name(region: str) -> str:
    return region.replace("_", " ")


def region_sentence(r: Regions, episodes: int) -> str:
    if not r.counts:
        return "No episodes in the diary yet."
    items = list(r.counts.items())
    top, count = items[0]
    others = [f"{region_name(k)} ({percent(n / episodes)})" for k, n in items[1:3]]
    rest = (", then " + " and ".join(others)) if others else ""
    if count / episodes > 0.5:
        return (f"Your cramps are mostly in the {region_name(top)} "
                f"({percent(count / episodes)}, {count} of {episodes}){rest}.")  # fmt: skip
    listed = [f"{region_name(k)} {percent(n / episodes)}" for k, n in items[:3]]
    return "Your cramps are spread over several places: " + ", ".join(listed) + "."


def severity_sentence(s: Severity) -> str:
    if s.change is None:
        return (f"Too few pain scores to compare early and recent pain yet "
                f"({s.needed} needed).")  # fmt: skip
    d = s.change
    base = (f"Pain scores averaged {s.first.mean:.1f} out of 10 in the first half of your "
            f"diary and {s.second.mean:.1f} in the second")  # fmt: skip
    if d.side(0.0) == 0:
        return f"{base}: about the same (difference {num(d.value)}, {interval(d, 1)})."
    way = "lower" if d.value < 0 else "higher"
    return f"{base}: {way} by {abs(d.value):.1f} points ({interval(d, 1)})."


def factor_sentence(f: Factor) -> str:
    name = region_name(f.name)
    if f.per_day is None or f.counts is None:
        return (f"{name.capitalize()}: noted with {plural(f.noted, 'episode')}; {f.needed} "
                "needed before comparing.")  # fmt: skip
    d = f.per_day
    figures = (f"{num(f.counts[0].mean, 2)} further episodes on average after one noted with "
               f"it, against {num(f.counts[1].mean, 2)} after others; {interval(d)} for the "
               "difference")  # fmt: skip
    side = d.side(0.0)
    if side == 0:
        text = f"No clear difference in how often episodes came in the {WINDOW_WORDS} after "
        text += f"{name} ({figures})"
    else:
        way = "more" if side > 0 else "less"
        text = f"Episodes happened {way} often in the {WINDOW_WORDS} after {name} ({figures})"
    if f.pain is not None and f.pains is not None:
        p = f.pain
        level = {1: "higher", -1: "lower", 0: "about the same"}[p.side(0.0)]
        text += (f"; pain was {level} when it was noted ({f.pains[0].mean:.1f} against "
                 f"{f.pains[1].mean:.1f} out of 10, {interval(p, 1)})")  # fmt: skip
    return text + "."


def remedy_sentence(r: Remedy) -> str:
    name = region_name(r.name)
    if r.helped is None:
        return (f"{name.capitalize()}: tried {plural(r.tried, 'time')}; {r.needed} needed to "
                "say how often it helps.")  # fmt: skip
    h = r.helped
    rated = r.a_lot + r.a_little + r.not_at_all
    text = (f"{name.capitalize()} helped at least a little in {percent(h.value)} of "
            f"{rated} rated uses (95% CI {percent(h.low)} to {percent(h.high)}), "
            f"a lot in {percent(r.a_lot / rated)}")  # fmt: skip
    if r.duration is not None and r.minutes is not None:
        d = r.duration
        length = {1: "longer", -1: "shorter", 0: "about as long"}[d.side(0.0)]
        text += (
            f"; episodes when you tried it were {length} ({r.minutes[0].mean:.1f} against "
            f"{r.minutes[1].mean:.1f} minutes, {interval(d, 1)} for the difference)"
        )
    return text + "."


def triggers_sentence(factors: tuple[Factor, ...]) -> str:
    if not factors:
        return "No triggers noted yet: note what brought an episode on when you log it."
    compared = [f for f in factors if f.per_day is not None]
    clear = [f for f in compared
             if (f.per_day and f.per_day.side(0.0)) or (f.pain and f.pain.side(0.0))]  # fmt: skip
    if clear:
        return clear[0].sentence
    if compared:
        names = ", ".join(region_name(f.name) for f in compared[:3])
        return (f"None of the triggers you noted ({names}) is clearly linked with more or "
                "worse episodes yet.")  # fmt: skip
    first = factors[0]
    return (f"Too few episodes with each trigger to compare yet: for {region_name(first.name)}, "
            f"{first.needed}.")  # fmt: skip


def remedies_sentence(remedies: tuple[Remedy, ...]) -> str:
    if not remedies:
        return (
            "Nothing noted yet about what helped: note what you tried, and how much it "
            "helped, when you log an episode."
        )
    rated = [r for r in remedies if r.helped is not None]
    if not rated:
        first = remedies[0]
        return (f"Too few rated uses to say what helps yet: for {region_name(first.name)}, "
                f"{first.needed}.")  # fmt: skip
    best = max(rated, key=lambda r: r.helped.value if r.helped else 0.0)
    assert best.helped is not None
    return (f"{region_name(best.name).capitalize()} helped most often: at least a little in "
            f"{percent(best.helped.value)} of rated uses.")  # fmt: skip


def summary_sentence(i: Insights) -> str:
    """The headline: when the episodes come, and whether they are changing."""
    if i.episodes == 0:
        return "No episodes in the diary yet."
    t = i.time_of_day
    if t.top is not None and t.share is not None and t.share.value > 0.5:
        first = f"Your cramps are mostly {BAND_WORDS[t.top].split(',')[0]}"
    elif t.top is not None:
        first = f"Your cramps come at different times, most often {BAND_WORDS[t.top]}"
    else:
        first = f"You have recorded {plural(i.episodes, 'episode')}"
    plan = i.plan.comparison.ratio if i.plan else None
    halves = i.frequency.halves.ratio if i.frequency.halves else None
    if i.plan and plan is not None and plan.side(1.0):
        change = _change(plan.value) + f" since you started the care plan on {day(i.plan.started)}"
    elif halves is not None and halves.side(1.0):
        change = _change(halves.value) + " over the time of your diary"
    elif halves is not None:
        change = "their number has not clearly changed"
    else:
        change = "it is too early to say whether they are changing"
    return f"{first}, and {change}."


def _change(ratio: float) -> str:
    if 0.4 <= ratio <= 0.6:
        return "they have about halved"
    if 1.8 <= ratio <= 2.2:
        return "they have about doubled"
    if ratio < 1:
        return f"they have become about {round(100 * (1 - ratio))}% less frequent"
    return f"they have become about {round(100 * (ratio - 1))}% more frequent"

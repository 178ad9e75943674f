"""The few statistical formulas the insights need, in plain Python (no numpy or scipy).

Each returns an estimate with its 95% confidence interval, so every sentence can say how sure
it is. Normal approximations are used throughout; the callers only use them once there is
enough data for the approximation to be fair (see ``MIN_*`` in ``insights.analysis``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054
"""The normal quantile of a two-sided 95% interval."""


@dataclass(frozen=True)
class Estimate:
    """An estimate, its 95% confidence interval and the two-sided p-value against no effect."""

    value: float
    low: float
    high: float
    p: float

    def side(self, null: float) -> int:
        """-1 or 1 when the whole interval lies below or above ``null``; 0 when it holds it."""
        return -1 if self.high < null else 1 if self.low > null else 0

    def as_json(self) -> dict[str, float]:
        return {
            "value": round(self.value, 4),
            "low": round(self.low, 4),
            "high": round(self.high, 4),
            "p": round(self.p, 6),
        }


def normal_p(z: float) -> float:
    """Two-sided p-value of a standard normal statistic."""
    return math.erfc(abs(z) / math.sqrt(2))


def rate_ratio(
    events_a: int, time_a: float, events_b: int, time_b: float, dispersion: float = 1.0
) -> Estimate:
    """Rate of b over rate of a (Poisson, Wald interval on the log scale).

    ``dispersion`` (variance over mean of the counts, at least 1) widens the interval when
    episodes come in clusters, as a quasi-Poisson model does. Half an event is added to each
    count when one is zero, so the ratio stays finite.
    """
    a, b = float(events_a), float(events_b)
    if a == 0 or b == 0:
        a, b = a + 0.5, b + 0.5
    log_rr = math.log((b / time_b) / (a / time_a))
    se = math.sqrt(max(1.0, dispersion) * (1 / a + 1 / b))
    return Estimate(
        math.exp(log_rr),
        math.exp(log_rr - Z95 * se),
        math.exp(log_rr + Z95 * se),
        normal_p(log_rr / se),
    )


def dispersion(counts: Sequence[int]) -> float:
    """Variance over mean of counts (1 for Poisson; more when episodes cluster)."""
    n = len(counts)
    if n < 2:
        return 1.0
    mean = sum(counts) / n
    if mean == 0:
        return 1.0
    variance = sum((c - mean) ** 2 for c in counts) / (n - 1)
    return max(1.0, variance / mean)


@dataclass(frozen=True)
class Moments:
    """Count, mean and variance of a sample, accumulated in one pass."""

    n: int
    mean: float
    variance: float


def moments(values: Sequence[float]) -> Moments:
    """The moments of a sample."""
    return from_sums(len(values), math.fsum(values), math.fsum(x * x for x in values))


def from_sums(n: int, total: float, squares: float) -> Moments:
    """The moments from a count, a sum and a sum of squares (one pass over big diaries)."""
    if n == 0:
        return Moments(0, math.nan, math.nan)
    mean = total / n
    variance = max(0.0, (squares - total * mean) / (n - 1)) if n > 1 else 0.0
    return Moments(n, mean, variance)


def mean_difference(a: Moments, b: Moments) -> Estimate:
    """Mean of b minus mean of a, with a Welch (unequal variances) normal interval."""
    diff = b.mean - a.mean
    se = math.sqrt(a.variance / a.n + b.variance / b.n)
    if se == 0:
        return Estimate(diff, diff, diff, 1.0 if diff == 0 else 0.0)
    return Estimate(diff, diff - Z95 * se, diff + Z95 * se, normal_p(diff / se))


def proportion(successes: int, total: int) -> Estimate:
    """A proportion with its Wilson score interval (p-value against one half)."""
    if total == 0:
        return Estimate(math.nan, 0.0, 1.0, 1.0)
    p = successes / total
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = Z95 * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half),
                    normal_p((p - 0.5) / math.sqrt(0.25 / total)))  # fmt: skip


def mann_kendall(series: Sequence[float]) -> Estimate:
    """Mann-Kendall trend test: Kendall's tau of the series against time, with ties corrected.

    The interval is tau plus or minus 1.96 of its standard error under no trend, enough to say
    whether a trend is clear. O(n^2): callers pass at most a few hundred points.
    """
    n = len(series)
    if n < 3:
        return Estimate(0.0, -1.0, 1.0, 1.0)
    s = 0
    for i in range(n - 1):
        x = series[i]
        for y in series[i + 1 :]:
            s += (y > x) - (y < x)
    ties: dict[float, int] = {}
    for x in series:
        ties[x] = ties.get(x, 0) + 1
    variance = float(
        n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties.values())
    )
    variance /= 18
    pairs = n * (n - 1) / 2
    tau = s / pairs
    if variance <= 0:
        return Estimate(tau, tau, tau, 1.0)
    z = (s - (s > 0) + (s < 0)) / math.sqrt(variance)
    se_tau = math.sqrt(variance) / pairs
    return Estimate(tau, tau - Z95 * se_tau, tau + Z95 * se_tau, normal_p(z))

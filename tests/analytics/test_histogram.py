"""Percentiles read from the roll-ups' duration histograms stay within the documented bound."""

from __future__ import annotations

import random

import pytest

from disputedesk.analytics.histogram import (
    MAX_RELATIVE_ERROR,
    bucket_of,
    histogram,
    merge,
    middle,
    percentiles,
)
from disputedesk.analytics.sqlstats import _interpolate

QS = (0.5, 0.9, 0.0, 1.0, 0.25, 0.99)


def _exact(values: list[float]) -> list[float]:
    ordered = sorted(values)
    return [_interpolate(ordered, q) for q in QS]


def _draws(kind: str, rng: random.Random, n: int) -> list[float]:
    if kind == "exponential":  # resolution times: hours to weeks
        return [rng.expovariate(1 / (40 * 3600)) + 1 for _ in range(n)]
    if kind == "lognormal":  # first responses: minutes to days
        return [rng.lognormvariate(7, 1.5) + 1 for _ in range(n)]
    if kind == "ties":  # many equal values on bucket edges
        return [float(2 ** rng.randrange(0, 20)) for _ in range(n)]
    return [rng.uniform(1, 10) for _ in range(n)]  # a narrow range: few buckets


@pytest.mark.parametrize("kind", ["exponential", "lognormal", "ties", "narrow"])
@pytest.mark.parametrize("n", [1, 2, 7, 100, 5_000])
def test_percentiles_from_a_histogram_are_within_the_bound(kind: str, n: int) -> None:
    rng = random.Random(f"{kind}{n}")
    for _ in range(20):
        values = _draws(kind, rng, n)
        count, approx = percentiles(histogram(values), QS)
        assert count == n
        for exact, got in zip(_exact(values), approx, strict=True):
            assert got is not None
            assert abs(got - exact) <= exact * MAX_RELATIVE_ERROR + 0.0005, (exact, got)


def test_merged_histograms_give_the_percentiles_of_all_their_values() -> None:
    rng = random.Random(3)
    days = [_draws("lognormal", rng, rng.randrange(1, 300)) for _ in range(60)]
    merged = merge(*(histogram(day) for day in days))
    every = [v for day in days for v in day]
    count, approx = percentiles(merged, QS)
    assert count == len(every)
    assert approx == percentiles(histogram(every), QS)[1]
    for exact, got in zip(_exact(every), approx, strict=True):
        assert got is not None
        assert abs(got - exact) <= exact * MAX_RELATIVE_ERROR + 0.0005


def test_the_bound_is_about_two_percent_and_each_bucket_holds_its_middle() -> None:
    assert 0.021 < MAX_RELATIVE_ERROR < 0.022
    for seconds in (1.0, 1.5, 59.9, 60.0, 3600.0, 86_400.0 * 30, 2.0**20):
        b = bucket_of(seconds)
        assert bucket_of(middle(b)) == b
        assert abs(middle(b) - seconds) <= seconds * MAX_RELATIVE_ERROR


def test_durations_under_a_second_and_empty_histograms() -> None:
    assert percentiles({}, (0.5,)) == (0, [None])
    count, (median,) = percentiles(histogram([0.0, 0.2, 0.9]), (0.5,))
    assert count == 3
    assert median == 0.5

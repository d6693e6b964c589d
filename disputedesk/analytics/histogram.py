"""Durations kept as log-spaced histograms, and percentiles read back from them (pure).

Bucket b >= 0 holds durations in [2^(b/16), 2^((b+1)/16)) seconds (each bucket 4.4 % wider than
the one below); bucket -1 holds durations under one second. A percentile is read from the merged
histogram the way percentile_cont reads sorted values (linear interpolation between the two
order statistics around q * (n - 1)), taking for each order statistic the geometric middle of its
bucket, 2^((b+0.5)/16). That middle is within a factor 2^(1/32) of every value in the bucket, so
an interpolation of two of them is within that factor of the exact percentile: the relative
error is at most 2^(1/32) - 1 = 2.19 % (for durations under a second, at most half a second).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Final

STEPS: Final = 16  # buckets per doubling
UNDER_A_SECOND: Final = -1
MAX_RELATIVE_ERROR: Final = 2 ** (1 / (2 * STEPS)) - 1


def bucket_of(seconds: float) -> int:
    """The bucket holding a duration."""
    if seconds < 1:
        return UNDER_A_SECOND
    return math.floor(math.log2(seconds) * STEPS)


def middle(bucket: int) -> float:
    """The value that stands for every duration in the bucket."""
    if bucket == UNDER_A_SECOND:
        return 0.5
    return float(2 ** ((bucket + 0.5) / STEPS))


def histogram(durations: Iterable[float]) -> dict[int, int]:
    """Bucket -> how many of the durations it holds."""
    out: dict[int, int] = {}
    for seconds in durations:
        b = bucket_of(seconds)
        out[b] = out.get(b, 0) + 1
    return out


def merge(*parts: Mapping[int, int]) -> dict[int, int]:
    """The sum of several histograms."""
    out: dict[int, int] = {}
    for part in parts:
        for b, n in part.items():
            out[b] = out.get(b, 0) + int(n)
    return out


def percentiles(counts: Mapping[int, int], qs: tuple[float, ...]) -> tuple[int, list[float | None]]:
    """The count and the percentiles `qs` (rounded to milliseconds) of a histogram."""
    ordered = sorted((b, n) for b, n in counts.items() if n > 0)
    total = sum(n for _, n in ordered)
    if total == 0:
        return 0, [None for _ in qs]

    def nth(k: int) -> float:
        # The k-th smallest duration (0-based) stands as the middle of its bucket.
        seen = 0
        for b, n in ordered:
            seen += n
            if k < seen:
                return middle(b)
        return middle(ordered[-1][0])

    out: list[float | None] = []
    for q in qs:
        position = (total - 1) * q
        low = int(position)
        frac = position - low
        value = nth(low)
        if frac and low + 1 < total:
            value += frac * (nth(low + 1) - value)
        out.append(round(value, 3))
    return total, out

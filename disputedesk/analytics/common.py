"""Helpers the report modules share: the period cohort, rates and filling time series."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_

from disputedesk.analytics.period import Bucket, Period, bucket_starts
from disputedesk.analytics.schemas import Count, Rate, Series, TimePoint


def as_day(value: Any) -> date:
    """A day from a date or its 'YYYY-MM-DD' text (what `bucket_of(..., 'day')` returns)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def bucket_start(day: date, bucket: Bucket) -> date:
    """The start of the day or week (its Monday) holding `day`."""
    return day - timedelta(days=day.weekday()) if bucket == "week" else day


def summed(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, int]:
    """Values added up per key."""
    out: dict[Any, int] = {}
    for key, n in pairs:
        out[key] = out.get(key, 0) + int(n or 0)
    return out


def within(column: Any, since: datetime, until: datetime) -> ColumnElement[bool]:
    """`since <= column < until`."""
    return and_(column >= since, column < until)


def rate(count: int, total: int) -> float | None:
    """count / total rounded to four places, or None when there is nothing to divide by."""
    return round(count / total, 4) if total else None


def counts(rows: Iterable[Any]) -> list[Count]:
    """(key, count) rows as Counts, largest first, then by key; a NULL key reads 'unknown'."""
    items = [Count(key=str(k) if k is not None else "unknown", count=int(n)) for k, n in rows]
    return sorted(items, key=lambda c: (-c.count, c.key))


def rates(totals: dict[str, int], hits: dict[str, int]) -> list[Rate]:
    """Per key: the total, how many had it happen and the share, largest total first."""
    return [
        Rate(key=k, total=t, count=hits.get(k, 0), rate=rate(hits.get(k, 0), t))
        for k, t in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def series(rows: Iterable[Any], period: Period, bucket: Bucket) -> list[Series]:
    """(key, bucket start, count) rows as one gap-filled series per key, largest total first."""
    starts = bucket_starts(period, bucket)
    by_key: dict[str, dict[date, int]] = {}
    for key, start, n in rows:
        day = start if isinstance(start, date) else date.fromisoformat(str(start)[:10])
        by_key.setdefault(str(key) if key is not None else "unknown", {})[day] = int(n)
    out = [
        Series(key=k, points=[TimePoint(start=s, count=v.get(s, 0)) for s in starts])
        for k, v in by_key.items()
    ]
    return sorted(out, key=lambda s: (-sum(p.count for p in s.points), s.key))


def header(name: str, period: Period, now: datetime) -> dict[str, Any]:
    """The fields every report starts with."""
    return {"report": name, "since": period.since, "until": period.until, "generated_at": now}

"""Dialect-aware SQL building blocks: durations, time buckets and percentiles in the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, Select, cast, extract, func, select
from sqlalchemy.orm import Session

from disputedesk.analytics.period import Bucket


def dialect_name(session: Session) -> str:
    """'sqlite' or 'postgresql'."""
    return session.get_bind().dialect.name


def seconds_between(dialect: str, later: Any, earlier: Any) -> ColumnElement[float]:
    """`later - earlier` in seconds, as a float expression."""
    if dialect == "sqlite":
        return cast((func.julianday(later) - func.julianday(earlier)) * 86400.0, Float)
    return cast(extract("epoch", later - earlier), Float)


def bucket_of(dialect: str, column: Any, bucket: Bucket) -> ColumnElement[str]:
    """The 'YYYY-MM-DD' start of the UTC day, or the Monday of the week, holding `column`."""
    if dialect == "sqlite":
        if bucket == "week":
            return func.date(column, "weekday 0", "-6 days")
        return func.date(column)
    return func.to_char(func.date_trunc(bucket, func.timezone("UTC", column)), "YYYY-MM-DD")


def day_bucket(dialect: str, day: Any, bucket: Bucket) -> Any:
    """The day itself, or the Monday of its week, for a DATE column (a roll-up's day)."""
    if bucket == "day":
        return day
    if dialect == "sqlite":
        return func.date(day, "weekday 0", "-6 days")
    return day - cast(extract("isodow", day), Integer) + 1


def _interpolate(ordered: list[float], q: float) -> float:
    # percentile_cont: linear interpolation between the two values around q * (n - 1).
    position = (len(ordered) - 1) * q
    low = int(position)
    frac = position - low
    if frac == 0 or low + 1 >= len(ordered):
        return ordered[low]
    return ordered[low] + frac * (ordered[low + 1] - ordered[low])


def percentiles(
    session: Session, durations: Select[Any], qs: tuple[float, ...]
) -> tuple[int, list[float | None]]:
    """The count and the continuous percentiles `qs` of a one-column select (NULLs ignored).

    PostgreSQL uses percentile_cont. SQLite runs in this process, so its values are read and
    sorted here: half the CPU of ranking them with a window function in SQL.
    """
    sub = durations.subquery()
    x = sub.c[0]
    if dialect_name(session) == "postgresql":
        row = session.execute(
            select(func.count(x), *[func.percentile_cont(q).within_group(x) for q in qs]).where(
                x.is_not(None)
            )
        ).one()
        n = int(row[0])
        return n, [None if n == 0 else round(float(v), 3) for v in row[1:]]
    values = sorted(float(v) for v in session.scalars(select(x).where(x.is_not(None))))
    if not values:
        return 0, [None for _ in qs]
    return len(values), [round(_interpolate(values, q), 3) for q in qs]

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


def _interpolate(values: dict[int, float], n: int, q: float) -> float:
    # percentile_cont: linear interpolation between the two ranks around q * (n - 1).
    position = (n - 1) * q
    low = int(position)
    frac = position - low
    lower = values[low + 1]
    if frac == 0 or low + 2 not in values:
        return lower
    return lower + frac * (values[low + 2] - lower)


def percentiles(
    session: Session, durations: Select[Any], qs: tuple[float, ...]
) -> tuple[int, list[float | None]]:
    """The count and the continuous percentiles `qs` of a one-column select (NULLs ignored).

    PostgreSQL uses percentile_cont; SQLite ranks the column with a window and fetches only the
    rows around each wanted position, so no more than 2 * len(qs) values leave the database.
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
    ranked = (
        select(
            x.label("x"),
            func.row_number().over(order_by=x).label("rn"),
            func.count().over().label("n"),
        )
        .where(x.is_not(None))
        .subquery()
    )
    wanted: list[ColumnElement[int]] = []
    for q in qs:
        low = cast((ranked.c.n - 1) * q, Integer)
        wanted.extend((low + 1, low + 2))
    rows = session.execute(
        select(ranked.c.x, ranked.c.rn, ranked.c.n).where(ranked.c.rn.in_(wanted))
    ).all()
    if not rows:
        return 0, [None for _ in qs]
    n = int(rows[0].n)
    values = {int(r.rn): float(r.x) for r in rows}
    return n, [round(_interpolate(values, n, q), 3) for q in qs]

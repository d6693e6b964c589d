"""Volume of disputes and how fast they were answered and resolved."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from disputedesk.analytics.common import counts, header, series, within
from disputedesk.analytics.period import Bucket, Period, bucket_starts
from disputedesk.analytics.schemas import (
    DurationStats,
    ResponseTimesReport,
    TimePoint,
    VolumeReport,
)
from disputedesk.analytics.sqlstats import bucket_of, dialect_name, percentiles, seconds_between
from disputedesk.disputes.models import Dispute


def _summed(pairs: Iterable[tuple[Any, int]]) -> dict[Any, int]:
    out: dict[Any, int] = {}
    for key, n in pairs:
        out[key] = out.get(key, 0) + int(n)
    return out


def volume(
    *,
    session: Session,
    since: datetime,
    until: datetime,
    now: datetime,
    bucket: Bucket | None = None,
) -> VolumeReport:
    """Disputes opened in the period by category, by channel and per day or week."""
    period = Period(since, until)
    step = bucket or period.default_bucket()
    cohort = within(Dispute.created_at, since, until)
    start = bucket_of(dialect_name(session), Dispute.created_at, step).label("start")
    # One scan: category x channel x bucket is at most a few thousand groups.
    rows = session.execute(
        select(Dispute.category, Dispute.channel, start, func.count())
        .where(cohort)
        .group_by(Dispute.category, Dispute.channel, start)
    ).all()
    by_category = counts(_summed((r[0], r[3]) for r in rows).items())
    by_channel = counts(_summed((r[1], r[3]) for r in rows).items())
    cells = _summed(((r[0], r[2]), r[3]) for r in rows)
    per_category = series(((k, s, n) for (k, s), n in cells.items()), period, step)
    totals = dict.fromkeys(bucket_starts(period, step), 0)
    for item in per_category:
        for point in item.points:
            totals[point.start] += point.count
    over_time = [TimePoint(start=s, count=n) for s, n in totals.items()]
    return VolumeReport(
        **header("volume", period, now),
        total=sum(c.count for c in by_category),
        bucket=step,
        by_category=by_category,
        by_channel=by_channel,
        over_time=over_time,
        category_over_time=per_category,
    )


def response_times(
    *, session: Session, since: datetime, until: datetime, now: datetime
) -> ResponseTimesReport:
    """Median and 90th percentile of first response and resolution times, in seconds."""
    period = Period(since, until)
    dialect = dialect_name(session)
    cohort = within(Dispute.created_at, since, until)
    # first_response_at is kept from the events as they are recorded (disputes/figures.py).
    first_seconds = select(
        seconds_between(dialect, Dispute.first_response_at, Dispute.created_at)
    ).where(cohort, Dispute.first_response_at.is_not(None))
    answered, (fr_median, fr_p90) = percentiles(session, first_seconds, (0.5, 0.9))
    resolution_seconds = select(
        seconds_between(dialect, Dispute.resolved_at, Dispute.created_at)
    ).where(cohort, Dispute.resolved_at.is_not(None))
    resolved, (rs_median, rs_p90) = percentiles(session, resolution_seconds, (0.5, 0.9))
    disputes = session.scalar(select(func.count()).select_from(Dispute).where(cohort)) or 0
    return ResponseTimesReport(
        **header("response_times", period, now),
        disputes=disputes,
        first_response=DurationStats(count=answered, median_seconds=fr_median, p90_seconds=fr_p90),
        resolution=DurationStats(count=resolved, median_seconds=rs_median, p90_seconds=rs_p90),
        awaiting_first_response=disputes - answered,
    )

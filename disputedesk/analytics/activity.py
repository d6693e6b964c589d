"""Volume of disputes and how fast they were answered and resolved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from disputedesk.analytics.common import (
    as_day,
    counts,
    header,
    series,
    summed,
    within,
)
from disputedesk.analytics.histogram import histogram, merge
from disputedesk.analytics.histogram import percentiles as from_histogram
from disputedesk.analytics.models import RollupDuration, RollupOpened
from disputedesk.analytics.period import Bucket, Period, bucket_starts
from disputedesk.analytics.plan import split
from disputedesk.analytics.schemas import (
    DurationStats,
    ResponseTimesReport,
    TimePoint,
    VolumeReport,
)
from disputedesk.analytics.sqlstats import (
    bucket_of,
    day_bucket,
    dialect_name,
    percentiles,
    seconds_between,
)
from disputedesk.disputes.models import Dispute


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
    plan = split(session, since, until)
    cohort = (
        within(Dispute.created_at, since, until)
        if plan is None
        else plan.live_rows(Dispute.created_at)
    )
    start = bucket_of(dialect_name(session), Dispute.created_at, step).label("start")
    # One scan: category x channel x bucket is at most a few thousand groups.
    rows: list[tuple[Any, ...]] = [
        (category, channel, as_day(s), n)
        for category, channel, s, n in session.execute(
            select(Dispute.category, Dispute.channel, start, func.count())
            .where(cohort)
            .group_by(Dispute.category, Dispute.channel, start)
        )
    ]
    if plan is not None:
        r = RollupOpened
        week = day_bucket(dialect_name(session), r.day, step).label("start")
        rows += [
            (category, channel, as_day(s), n)
            for category, channel, s, n in session.execute(
                select(r.category, r.channel, week, func.sum(r.disputes))
                .where(plan.rolled(r.day))
                .group_by(r.category, r.channel, week)
            )
        ]
    by_category = counts(summed((r[0], r[3]) for r in rows).items())
    by_channel = counts(summed((r[1], r[3]) for r in rows).items())
    cells = summed(((r[0], r[2]), r[3]) for r in rows)
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
    plan = split(session, since, until)
    cohort = (
        within(Dispute.created_at, since, until)
        if plan is None
        else plan.live_rows(Dispute.created_at)
    )
    # first_response_at is kept from the events as they are recorded (disputes/figures.py).
    first_seconds = select(
        seconds_between(dialect, Dispute.first_response_at, Dispute.created_at)
    ).where(cohort, Dispute.first_response_at.is_not(None))
    resolution_seconds = select(
        seconds_between(dialect, Dispute.resolved_at, Dispute.created_at)
    ).where(cohort, Dispute.resolved_at.is_not(None))
    disputes = session.scalar(select(func.count()).select_from(Dispute).where(cohort)) or 0
    if plan is None:
        answered, (fr_median, fr_p90) = percentiles(session, first_seconds, (0.5, 0.9))
        resolved, (rs_median, rs_p90) = percentiles(session, resolution_seconds, (0.5, 0.9))
    else:
        # Whole days from the roll-ups' histograms, the rest bucketed here: percentiles within
        # histogram.MAX_RELATIVE_ERROR of the exact ones; the counts stay exact.
        r = RollupDuration
        kept: dict[str, dict[int, int]] = {"first_response": {}, "resolution": {}}
        for measure, b, n in session.execute(
            select(r.measure, r.bucket, func.sum(r.n))
            .where(r.measure.in_(tuple(kept)), plan.rolled(r.day))
            .group_by(r.measure, r.bucket)
        ):
            kept[str(measure)][int(b)] = int(n)
        live_first = histogram(float(v) for v in session.scalars(first_seconds))
        live_resolution = histogram(float(v) for v in session.scalars(resolution_seconds))
        answered, (fr_median, fr_p90) = from_histogram(
            merge(kept["first_response"], live_first), (0.5, 0.9)
        )
        resolved, (rs_median, rs_p90) = from_histogram(
            merge(kept["resolution"], live_resolution), (0.5, 0.9)
        )
        rolled = select(func.sum(RollupOpened.disputes)).where(plan.rolled(RollupOpened.day))
        disputes += int(session.scalar(rolled) or 0)
    return ResponseTimesReport(
        **header("response_times", period, now),
        disputes=disputes,
        first_response=DurationStats(count=answered, median_seconds=fr_median, p90_seconds=fr_p90),
        resolution=DurationStats(count=resolved, median_seconds=rs_median, p90_seconds=rs_p90),
        awaiting_first_response=disputes - answered,
    )

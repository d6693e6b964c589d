"""Reading report periods and laying out time buckets (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from disputedesk.analytics.period import Period, PeriodError, bucket_starts, parse_period

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("30d", NOW - timedelta(days=30)),
        ("2w", NOW - timedelta(days=14)),
        ("24h", NOW - timedelta(hours=24)),
        ("6m", NOW - timedelta(days=180)),
        ("2026-10-01", datetime(2026, 10, 1, tzinfo=UTC)),
        ("2026-10-01T12:00:00Z", datetime(2026, 10, 1, 12, tzinfo=UTC)),
    ],
)
def test_since_reads_relative_spans_dates_and_timestamps(since: str, expected: datetime) -> None:
    assert parse_period(since, None, NOW) == Period(expected, NOW)


def test_until_as_a_date_includes_that_whole_day() -> None:
    period = parse_period("2026-10-01", "2026-10-31", NOW)
    assert period.until == datetime(2026, 11, 1, tzinfo=UTC)


@pytest.mark.parametrize(("since", "until"), [("soon", None), ("30x", None), ("1d", "2020-01-01")])
def test_unreadable_or_backwards_periods_are_refused(since: str, until: str | None) -> None:
    with pytest.raises(PeriodError):
        parse_period(since, until, NOW)


def test_weeks_start_on_monday_and_cover_the_whole_period() -> None:
    period = Period(datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 10, 15, tzinfo=UTC))
    assert bucket_starts(period, "week") == [
        date(2026, 9, 28),
        date(2026, 10, 5),
        date(2026, 10, 12),
    ]
    assert len(bucket_starts(period, "day")) == 14
    assert period.previous() == Period(datetime(2026, 9, 17, tzinfo=UTC), period.since)


def test_days_for_two_months_or_less_weeks_beyond() -> None:
    assert parse_period("62d", None, NOW).default_bucket() == "day"
    assert parse_period("63d", None, NOW).default_bucket() == "week"

"""Properties of business-time arithmetic on several calendars, including DST zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from disputedesk.workflow.calendar import (
    BusinessCalendar,
    add_business_days,
    add_business_time,
    always_open,
    business_time_between,
    calendar_from_dict,
    is_business_time,
    office_hours,
)

CALENDARS = [
    office_hours("Europe/London", holidays=frozenset({date(2026, 12, 25), date(2027, 1, 1)})),
    office_hours("America/New_York", start="08:30", end="18:00"),
    always_open("Australia/Sydney"),
    calendar_from_dict(
        {
            "timezone": "America/New_York",
            "hours": {
                "mon": ["00:00-03:00", "09:00-12:00", "13:00-17:00"],
                "wed": "10:00-24:00",
                "sun": ["01:00-02:30"],
            },
            "holidays": ["2026-11-04"],
        }
    ),
]

calendars = st.sampled_from(CALENDARS)
instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
durations = st.integers(min_value=0, max_value=60 * 24 * 400).map(lambda m: timedelta(minutes=m))


def reference_between(cal: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    """Day-by-day sum with no week jumps."""
    total = timedelta(0)
    day = cal.local_date(start)
    while day <= cal.local_date(end):
        for s, e in cal.day_intervals(day):
            lo, hi = max(s, start), min(e, end)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total


@settings(max_examples=150, deadline=None)
@given(calendars, instants, durations, durations)
def test_add_business_time_is_monotone_in_duration(
    cal: BusinessCalendar, start: datetime, a: timedelta, b: timedelta
) -> None:
    short, long = sorted((a, b))
    assert add_business_time(cal, start, short) <= add_business_time(cal, start, long)


@settings(max_examples=150, deadline=None)
@given(calendars, instants, durations)
def test_between_inverts_add(cal: BusinessCalendar, start: datetime, duration: timedelta) -> None:
    end = add_business_time(cal, start, duration)
    assert end >= start
    assert business_time_between(cal, start, end) == duration


@settings(max_examples=100, deadline=None)
@given(calendars, instants, instants)
def test_week_jumps_agree_with_a_day_by_day_walk(
    cal: BusinessCalendar, a: datetime, b: datetime
) -> None:
    start, end = sorted((a, b))
    assert business_time_between(cal, start, end) == reference_between(cal, start, end)


@settings(max_examples=100, deadline=None)
@given(calendars, instants, instants, instants)
def test_between_is_additive(cal: BusinessCalendar, a: datetime, b: datetime, c: datetime) -> None:
    x, y, z = sorted((a, b, c))
    assert business_time_between(cal, x, z) == business_time_between(
        cal, x, y
    ) + business_time_between(cal, y, z)


@settings(max_examples=100, deadline=None)
@given(calendars, instants, st.integers(min_value=1, max_value=24 * 60))
def test_positive_duration_ends_inside_or_at_the_end_of_working_time(
    cal: BusinessCalendar, start: datetime, minutes: int
) -> None:
    end = add_business_time(cal, start, timedelta(minutes=minutes))
    just_before = end - timedelta(microseconds=1)
    assert is_business_time(cal, just_before)


@settings(max_examples=100, deadline=None)
@given(calendars, instants, st.integers(min_value=1, max_value=300))
def test_business_days_land_on_a_business_day(
    cal: BusinessCalendar, start: datetime, days: int
) -> None:
    result = add_business_days(cal, start, days)
    assert result > start
    assert cal.is_business_day(cal.local_date(result)) or result == cal.day_start(
        cal.local_date(result)
    )

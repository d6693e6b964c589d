"""Business calendars: table-driven arithmetic over nights, weekends, holidays and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

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

LONDON = office_hours("Europe/London", holidays=frozenset({date(2026, 12, 25), date(2026, 12, 28)}))
NEW_YORK = office_hours("America/New_York")
SPLIT = calendar_from_dict(
    {"timezone": "UTC", "hours": {d: ["09:00-12:00", "13:00-17:00"] for d in ("mon", "tue")}}
)
NIGHTS = calendar_from_dict(
    {"timezone": "UTC", "hours": {d: ["00:00-06:00", "22:00-24:00"] for d in ("mon", "tue")}}
)
ALWAYS_NY = always_open("America/New_York")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


H = timedelta(hours=1)

ADD_CASES = [
    ("same day", LONDON, utc(2026, 3, 2, 10), 2 * H, utc(2026, 3, 2, 12)),
    ("ends exactly at closing", LONDON, utc(2026, 3, 2, 9), 8 * H, utc(2026, 3, 2, 17)),
    ("overnight", LONDON, utc(2026, 3, 2, 16), 2 * H, utc(2026, 3, 3, 10)),
    ("before opening", LONDON, utc(2026, 3, 2, 6), H, utc(2026, 3, 2, 10)),
    ("weekend", LONDON, utc(2026, 3, 6, 16, 30), H, utc(2026, 3, 9, 9, 30)),
    ("start on a Saturday", LONDON, utc(2026, 3, 7, 12), H, utc(2026, 3, 9, 10)),
    ("christmas holidays", LONDON, utc(2026, 12, 24, 16), 2 * H, utc(2026, 12, 29, 10)),
    ("london spring forward", LONDON, utc(2026, 3, 27, 16), 2 * H, utc(2026, 3, 30, 9)),
    ("london fall back", LONDON, utc(2026, 10, 23, 15), 2 * H, utc(2026, 10, 26, 10)),
    ("new york spring forward", NEW_YORK, utc(2026, 3, 6, 21), 2 * H, utc(2026, 3, 9, 14)),
    ("new york fall back", NEW_YORK, utc(2026, 10, 30, 20), 2 * H, utc(2026, 11, 2, 15)),
    ("24x7 over spring forward", ALWAYS_NY, utc(2026, 3, 7, 12), 48 * H, utc(2026, 3, 9, 12)),
    ("lunch break skipped", SPLIT, utc(2026, 3, 2, 11), 2 * H, utc(2026, 3, 2, 14)),
    ("split day to next week", SPLIT, utc(2026, 3, 3, 16), 2 * H, utc(2026, 3, 9, 10)),
    ("night shift over midnight", NIGHTS, utc(2026, 3, 2, 23), 2 * H, utc(2026, 3, 3, 1)),
    ("zero duration stays put", LONDON, utc(2026, 3, 7, 12), timedelta(0), utc(2026, 3, 7, 12)),
    # 52 weeks end on Fri 2027-01-01; the two Christmas holidays push it to Tuesday.
    ("a year of office weeks", LONDON, utc(2026, 1, 5, 9), 8 * 5 * 52 * H, utc(2027, 1, 5, 17)),
]


@pytest.mark.parametrize(
    ("calendar", "start", "duration", "expected"),
    [case[1:] for case in ADD_CASES],
    ids=[case[0] for case in ADD_CASES],
)
def test_add_business_time(
    calendar: BusinessCalendar, start: datetime, duration: timedelta, expected: datetime
) -> None:
    assert add_business_time(calendar, start, duration) == expected
    assert business_time_between(calendar, start, expected) == duration


BETWEEN_CASES = [
    ("one working day", LONDON, utc(2026, 3, 2, 0), utc(2026, 3, 3, 0), 8 * H),
    ("a whole week", LONDON, utc(2026, 3, 2, 0), utc(2026, 3, 9, 0), 40 * H),
    ("christmas week has two holidays", LONDON, utc(2026, 12, 21), utc(2026, 12, 28), 32 * H),
    ("24x7 spring-forward day is 23h", ALWAYS_NY, utc(2026, 3, 8, 5), utc(2026, 3, 9, 4), 23 * H),
    ("24x7 fall-back day is 25h", ALWAYS_NY, utc(2026, 11, 1, 4), utc(2026, 11, 2, 5), 25 * H),
    ("reversed is negative", LONDON, utc(2026, 3, 3, 0), utc(2026, 3, 2, 0), -8 * H),
    ("weekend only", LONDON, utc(2026, 3, 7, 0), utc(2026, 3, 9, 0), timedelta(0)),
    ("split day", SPLIT, utc(2026, 3, 2, 0), utc(2026, 3, 3, 0), 7 * H),
]


@pytest.mark.parametrize(
    ("calendar", "start", "end", "expected"),
    [case[1:] for case in BETWEEN_CASES],
    ids=[case[0] for case in BETWEEN_CASES],
)
def test_business_time_between(
    calendar: BusinessCalendar, start: datetime, end: datetime, expected: timedelta
) -> None:
    assert business_time_between(calendar, start, end) == expected


@pytest.mark.parametrize(
    ("calendar", "at", "expected"),
    [
        (LONDON, utc(2026, 3, 2, 9), True),
        (LONDON, utc(2026, 3, 2, 17), False),
        (LONDON, utc(2026, 6, 1, 8, 30), True),  # 09:30 BST
        (LONDON, utc(2026, 12, 25, 12), False),
        (SPLIT, utc(2026, 3, 2, 12, 30), False),
        (NIGHTS, utc(2026, 3, 3, 5, 59), True),
        (ALWAYS_NY, utc(2026, 3, 8, 7), True),
    ],
)
def test_is_business_time(calendar: BusinessCalendar, at: datetime, expected: bool) -> None:
    assert is_business_time(calendar, at) is expected


def test_hours_inside_a_dst_gap_count_only_real_time() -> None:
    sunday_night = calendar_from_dict(
        {"timezone": "America/New_York", "hours": {"sun": ["01:00-04:00"]}}
    )
    # 2026-03-08: 02:00-03:00 local does not exist, so the 3 listed hours are 2 real ones.
    day = business_time_between(sunday_night, utc(2026, 3, 8, 0), utc(2026, 3, 9, 0))
    assert day == 2 * H
    normal = business_time_between(sunday_night, utc(2026, 3, 15, 0), utc(2026, 3, 16, 0))
    assert normal == 3 * H


DAYS_CASES = [
    ("friday plus three", LONDON, utc(2026, 3, 6, 14), 3, utc(2026, 3, 11, 14)),
    ("after closing is clamped", LONDON, utc(2026, 3, 6, 20), 3, utc(2026, 3, 11, 17)),
    ("before opening is clamped", LONDON, utc(2026, 3, 6, 5), 1, utc(2026, 3, 9, 9)),
    ("over christmas", LONDON, utc(2026, 12, 23, 10), 3, utc(2026, 12, 30, 10)),
    ("keeps local time over dst", LONDON, utc(2026, 3, 27, 10), 1, utc(2026, 3, 30, 9)),
    ("many weeks", LONDON, utc(2026, 1, 5, 10), 5 * 20, utc(2026, 5, 25, 9)),
    ("zero days", LONDON, utc(2026, 3, 7, 10), 0, utc(2026, 3, 7, 10)),
]


@pytest.mark.parametrize(
    ("calendar", "start", "days", "expected"),
    [case[1:] for case in DAYS_CASES],
    ids=[case[0] for case in DAYS_CASES],
)
def test_add_business_days(
    calendar: BusinessCalendar, start: datetime, days: int, expected: datetime
) -> None:
    assert add_business_days(calendar, start, days) == expected


def test_results_are_utc_even_for_other_offsets() -> None:
    from zoneinfo import ZoneInfo

    start = datetime(2026, 3, 2, 11, tzinfo=ZoneInfo("Europe/Paris"))  # 10:00 UTC
    result = add_business_time(LONDON, start, H)
    assert result == utc(2026, 3, 2, 11)
    assert result.tzinfo is UTC


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_business_time(LONDON, datetime(2026, 3, 2, 10), H),
        lambda: business_time_between(LONDON, datetime(2026, 3, 2), utc(2026, 3, 3)),
        lambda: is_business_time(LONDON, datetime(2026, 3, 2, 10)),
        lambda: add_business_time(LONDON, utc(2026, 3, 2), -H),
        lambda: add_business_days(LONDON, utc(2026, 3, 2), -1),
    ],
    ids=["naive add", "naive between", "naive is", "negative duration", "negative days"],
)
def test_bad_inputs_are_rejected(call: object) -> None:
    with pytest.raises(ValueError, match=r"timezone-aware|negative"):
        call()  # type: ignore[operator]


def test_long_spans_jump_weeks() -> None:
    # Forty years of office time: a day-by-day walk would still pass, so count the days visited.
    start = utc(2026, 1, 5, 9)
    end = add_business_time(LONDON, start, 40 * 52 * 40 * H)
    assert end.year in (2065, 2066)
    assert len(LONDON._days) < 2_000

"""Business-hours calendars: weekday hours in an IANA zone, holidays, DST-safe arithmetic.

Working hours are local wall-clock intervals (minutes from midnight, end up to 24:00) that
never cross midnight; write a night shift as ``22:00-24:00`` plus ``00:00-06:00`` on the next
day. Every local interval is converted to UTC for its own date, so a DST change shortens or
lengthens only the intervals it falls into. Arithmetic walks whole days and jumps whole weeks
when a week has no holiday and no offset change, so long spans stay cheap.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from disputedesk.errors import DomainError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
_ZERO = timedelta(0)
_CACHE_LIMIT = 20_000
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

Interval = tuple[int, int]
UtcInterval = tuple[datetime, datetime]


class WorkflowConfigError(DomainError):
    """A workflow configuration (calendar, SLA policy, escalation rules) is invalid."""

    code = "invalid_workflow_config"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", field=field)


@dataclass(frozen=True)
class BusinessCalendar:
    """Working hours per weekday (Mon=0) in `timezone`, minus `holidays` (local dates)."""

    timezone: str
    hours: tuple[tuple[Interval, ...], ...]
    holidays: frozenset[date] = frozenset()
    name: str = "default"
    _days: dict[date, tuple[UtcInterval, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    _weeks: dict[date, bool] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        _zone(self.timezone, "timezone")
        if len(self.hours) != 7:
            raise WorkflowConfigError("hours", f"needs 7 weekdays, got {len(self.hours)}")
        normalised = tuple(
            _normalise(day, f"hours.{WEEKDAYS[i]}") for i, day in enumerate(self.hours)
        )
        object.__setattr__(self, "hours", normalised)
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        if self.week_total == _ZERO:
            raise WorkflowConfigError("hours", "the calendar has no working time at all")

    @property
    def zone(self) -> ZoneInfo:
        """The calendar's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def week_total(self) -> timedelta:
        """Nominal working time in a week without holidays or DST changes."""
        return timedelta(minutes=sum(e - s for day in self.hours for s, e in day))

    def is_business_day(self, day: date) -> bool:
        """True when `day` (a local date) has working hours and is not a holiday."""
        return bool(self.hours[day.weekday()]) and day not in self.holidays

    def day_intervals(self, day: date) -> tuple[UtcInterval, ...]:
        """Working intervals of local date `day` as sorted, disjoint UTC ranges."""
        cached = self._days.get(day)
        if cached is not None:
            return cached
        result: list[UtcInterval] = []
        if day not in self.holidays:
            midnight = datetime.combine(day, time())
            for s, e in self.hours[day.weekday()]:
                lo = self._to_utc(midnight + timedelta(minutes=s))
                hi = self._to_utc(midnight + timedelta(minutes=e))
                if result and lo < result[-1][1]:
                    lo = result[-1][1]  # an interval starting in a DST gap/overlap
                if hi > lo:
                    result.append((lo, hi))
        if len(self._days) > _CACHE_LIMIT:
            self._days.clear()
        self._days[day] = frozen = tuple(result)
        return frozen

    def local_date(self, at: datetime) -> date:
        """The calendar-local date of the instant `at`."""
        return at.astimezone(self.zone).date()

    def day_start(self, day: date) -> datetime:
        """UTC instant of local midnight starting `day`."""
        return self._to_utc(datetime.combine(day, time()))

    def plain_week(self, first: date) -> bool:
        """True when the 7 days from `first` have no holiday and one UTC offset throughout."""
        cached = self._weeks.get(first)
        if cached is not None:
            return cached
        days = [first + timedelta(days=i) for i in range(8)]
        offsets = {datetime.combine(d, time(), self.zone).utcoffset() for d in days}
        plain = len(offsets) == 1 and not any(d in self.holidays for d in days[:7])
        if len(self._weeks) > _CACHE_LIMIT:
            self._weeks.clear()
        self._weeks[first] = plain
        return plain

    def _to_utc(self, local: datetime) -> datetime:
        return local.replace(tzinfo=self.zone).astimezone(UTC)


def _zone(name: object, where: str) -> ZoneInfo:
    if not isinstance(name, str) or not name:
        raise WorkflowConfigError(where, "must be an IANA time zone name like 'Europe/London'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise WorkflowConfigError(where, f"unknown time zone {name!r}") from exc


def _normalise(intervals: Sequence[Interval], where: str) -> tuple[Interval, ...]:
    cleaned: list[Interval] = []
    for i, (s, e) in enumerate(sorted(intervals)):
        if not (0 <= s < e <= DAY_MINUTES):
            raise WorkflowConfigError(f"{where}[{i}]", f"bad interval {s}-{e} (minutes)")
        if cleaned and s < cleaned[-1][1]:
            raise WorkflowConfigError(f"{where}[{i}]", "intervals overlap")
        if cleaned and s == cleaned[-1][1]:
            cleaned[-1] = (cleaned[-1][0], e)
        else:
            cleaned.append((s, e))
    return tuple(cleaned)


def _as_utc(at: datetime, name: str) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {at.isoformat()}")
    return at.astimezone(UTC)


def always_open(
    timezone: str = "UTC", *, holidays: frozenset[date] = frozenset()
) -> BusinessCalendar:
    """A 24x7 calendar: business time equals wall-clock time (except on `holidays`)."""
    return BusinessCalendar(
        timezone=timezone, hours=(((0, DAY_MINUTES),),) * 7, holidays=holidays, name="24x7"
    )


def office_hours(
    timezone: str,
    *,
    start: str = "09:00",
    end: str = "17:00",
    holidays: frozenset[date] = frozenset(),
) -> BusinessCalendar:
    """A Monday-to-Friday calendar with the same hours every working day."""
    interval = _parse_range(f"{start}-{end}", "hours")
    return BusinessCalendar(
        timezone=timezone, hours=((interval,),) * 5 + ((), ()), holidays=holidays
    )


def is_business_time(calendar: BusinessCalendar, at: datetime) -> bool:
    """True when the instant `at` falls inside the calendar's working time."""
    moment = _as_utc(at, "at")
    return any(s <= moment < e for s, e in calendar.day_intervals(calendar.local_date(moment)))


def add_business_time(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """The UTC instant when `duration` of business time has elapsed after `start`."""
    if duration < _ZERO:
        raise ValueError(f"duration must not be negative, got {duration}")
    cursor = _as_utc(start, "start")
    remaining = duration
    if remaining == _ZERO:
        return cursor
    first_day = day = calendar.local_date(cursor)
    week = calendar.week_total
    while True:
        if day > first_day and remaining > week and calendar.plain_week(day):
            remaining -= week
            day += timedelta(days=7)
            continue
        for s, e in calendar.day_intervals(day):
            if e <= cursor:
                continue
            lo = max(s, cursor)
            available = e - lo
            if remaining <= available:
                return lo + remaining
            remaining -= available
        day += timedelta(days=1)


def business_time_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    """Business time from `start` to `end`; negative when `end` is before `start`."""
    lo_at, hi_at = _as_utc(start, "start"), _as_utc(end, "end")
    if hi_at < lo_at:
        return -business_time_between(calendar, hi_at, lo_at)
    total = _ZERO
    first_day = day = calendar.local_date(lo_at)
    last_day = calendar.local_date(hi_at)
    week = calendar.week_total
    while day <= last_day:
        if day > first_day and day + timedelta(days=7) <= last_day and calendar.plain_week(day):
            total += week
            day += timedelta(days=7)
            continue
        for s, e in calendar.day_intervals(day):
            lo, hi = max(s, lo_at), min(e, hi_at)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total


def add_business_days(calendar: BusinessCalendar, start: datetime, days: int) -> datetime:
    """The same local time `days` business days later, kept within that day's opening hours."""
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    moment = _as_utc(start, "start")
    if days == 0:
        return moment
    local = moment.astimezone(calendar.zone)
    day, left = local.date(), days
    per_week = sum(1 for hours in calendar.hours if hours)
    while left > 0:
        if left > per_week and calendar.plain_week(day + timedelta(days=1)):
            left -= per_week
            day += timedelta(days=7)
            continue
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            left -= 1
    hours = calendar.hours[day.weekday()]
    clock = local.replace(tzinfo=None) - datetime.combine(local.date(), time())
    clock = min(max(clock, timedelta(minutes=hours[0][0])), timedelta(minutes=hours[-1][1]))
    return calendar._to_utc(datetime.combine(day, time()) + clock)


def _parse_minute(hours: str, minutes: str) -> int | None:
    h, m = int(hours), int(minutes)
    if m >= 60 or h > 24 or (h == 24 and m):
        return None
    return h * 60 + m


def _parse_range(text: object, where: str) -> Interval:
    match = _RANGE.match(text) if isinstance(text, str) else None
    if match is None:
        raise WorkflowConfigError(where, f"expected 'HH:MM-HH:MM', got {text!r}")
    start = _parse_minute(match[1], match[2])
    end = _parse_minute(match[3], match[4])
    if start is None or end is None or start >= end:
        raise WorkflowConfigError(where, f"{text!r} is not a valid range within one day")
    return (start, end)


def _parse_day(value: object, where: str) -> tuple[Interval, ...]:
    if value is None or value == "closed":
        return ()
    if isinstance(value, str):
        return (_parse_range(value, where),)
    if not isinstance(value, list):
        raise WorkflowConfigError(where, "expected a list of 'HH:MM-HH:MM' ranges or 'closed'")
    intervals = tuple(_parse_range(item, f"{where}[{i}]") for i, item in enumerate(value))
    sorted_ranges = sorted(intervals)
    for i in range(1, len(sorted_ranges)):
        if sorted_ranges[i][0] < sorted_ranges[i - 1][1]:
            raise WorkflowConfigError(where, "ranges overlap")
    return intervals


def _parse_holiday(value: object, where: str) -> date:
    if isinstance(value, datetime):
        raise WorkflowConfigError(where, "expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise WorkflowConfigError(where, f"expected a date (YYYY-MM-DD), got {value!r}")


def calendar_from_dict(data: Mapping[str, Any]) -> BusinessCalendar:
    """Build a calendar from plain data (as read from YAML); errors name the field."""
    if not isinstance(data, Mapping):
        raise WorkflowConfigError("calendar", "expected a mapping")
    unknown = sorted(set(data) - {"name", "timezone", "hours", "holidays"})
    if unknown:
        raise WorkflowConfigError(unknown[0], "unknown field")
    if "timezone" not in data:
        raise WorkflowConfigError("timezone", "is required")
    _zone(data["timezone"], "timezone")
    name = data.get("name", "default")
    if not isinstance(name, str):
        raise WorkflowConfigError("name", "must be a string")
    raw_hours = data.get("hours", "24x7")
    if raw_hours == "24x7":
        hours: tuple[tuple[Interval, ...], ...] = (((0, DAY_MINUTES),),) * 7
    elif isinstance(raw_hours, Mapping):
        bad = sorted(str(k) for k in raw_hours if k not in WEEKDAYS)
        if bad:
            raise WorkflowConfigError(
                f"hours.{bad[0]}", f"unknown weekday; use {', '.join(WEEKDAYS)}"
            )
        hours = tuple(_parse_day(raw_hours.get(d), f"hours.{d}") for d in WEEKDAYS)
    else:
        raise WorkflowConfigError("hours", "expected '24x7' or a mapping of weekday to ranges")
    raw_holidays = data.get("holidays") or []
    if not isinstance(raw_holidays, list):
        raise WorkflowConfigError("holidays", "expected a list of dates")
    holidays = frozenset(
        _parse_holiday(item, f"holidays[{i}]") for i, item in enumerate(raw_holidays)
    )
    return BusinessCalendar(timezone=data["timezone"], hours=hours, holidays=holidays, name=name)


def calendar_from_yaml(text: str) -> BusinessCalendar:
    """Parse a calendar from YAML text; errors name the field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise WorkflowConfigError("calendar", f"not valid YAML: {exc}") from exc
    return calendar_from_dict(data)

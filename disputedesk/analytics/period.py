"""The period a report covers, parsed from '30d', '12w', '6m' or ISO dates (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

Bucket = Literal["day", "week"]
_RELATIVE = re.compile(r"^(\d{1,4})([hdwm])$")
_UNIT_DAYS = {"h": 1 / 24, "d": 1, "w": 7, "m": 30}


class PeriodError(ValueError):
    """A since/until value that cannot be read."""


@dataclass(frozen=True)
class Period:
    """A half-open interval [since, until) of UTC time."""

    since: datetime
    until: datetime

    @property
    def length(self) -> timedelta:
        """How long the period is."""
        return self.until - self.since

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.since - self.length, self.since)

    def default_bucket(self) -> Bucket:
        """Days for up to about two months, weeks beyond."""
        return "day" if self.length <= timedelta(days=62) else "week"


def _moment(value: str, now: datetime, *, end: bool) -> datetime:
    text = value.strip()
    match = _RELATIVE.match(text)
    if match:
        return now - timedelta(days=int(match.group(1)) * _UNIT_DAYS[match.group(2)])
    if text == "now":
        return now
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            start = datetime(day.year, day.month, day.day, tzinfo=UTC)
            return start + timedelta(days=1) if end else start
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise PeriodError(
            f"'{value}' is not a period: use 30d, 12w, 6m, 24h, a date (2026-10-01) "
            "or a timestamp (2026-10-01T00:00:00Z)"
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_period(since: str, until: str | None, now: datetime) -> Period:
    """The period from `since` (relative to now, or a date) to `until` (default: now)."""
    start = _moment(since, now, end=False)
    stop = _moment(until, now, end=True) if until else now
    if start >= stop:
        raise PeriodError(
            f"since ({start:%Y-%m-%d %H:%M}) must be before until ({stop:%Y-%m-%d %H:%M})"
        )
    if stop - start > timedelta(days=3660):
        raise PeriodError("a report covers at most ten years")
    return Period(start, stop)


def bucket_starts(period: Period, bucket: Bucket) -> list[date]:
    """Every bucket start (a day, or the Monday of a week) that the period touches."""
    first = period.since.date()
    if bucket == "week":
        first -= timedelta(days=first.weekday())
    step = timedelta(days=7 if bucket == "week" else 1)
    last = (period.until - timedelta(microseconds=1)).date()
    out = []
    current = first
    while current <= last:
        out.append(current)
        current += step
    return out

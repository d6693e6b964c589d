"""Which part of a period a report reads from the roll-ups, and which from the base tables.

A long period is read from the per-day roll-ups for its whole UTC days that are not marked dirty,
and from the base tables for the rest: the partial days at either edge and the dirty days. The
two parts never overlap and together cover the period, so their counts and sums add up to what
the base tables alone would give.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from disputedesk.analytics.common import within
from disputedesk.analytics.models import RollupDirtyDay

# Up to about two months a report reads the base tables alone: fast enough at any size.
LIVE_UP_TO: Final = timedelta(days=62)


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@dataclass(frozen=True)
class Split:
    """Whole clean days [first, last) minus `dirty` from roll-ups; `live` time ranges from rows."""

    first: date
    last: date
    dirty: tuple[date, ...]
    live: tuple[tuple[datetime, datetime], ...]

    def rolled(self, day: Any) -> ColumnElement[bool]:
        """The condition on a roll-up's day column."""
        clean = and_(day >= self.first, day < self.last)
        return and_(clean, day.not_in(self.dirty)) if self.dirty else clean

    def live_rows(self, column: Any) -> ColumnElement[bool]:
        """The condition on a base table's date column for the rest of the period."""
        parts = [within(column, a, b) for a, b in self.live]
        return or_(*parts) if parts else false()


def split(session: Session, since: datetime, until: datetime) -> Split | None:
    """How to read the period, or None to read it from the base tables alone."""
    if until - since <= LIVE_UP_TO:
        return None
    first = since.astimezone(UTC).date()
    if _moment(first) < since:
        first += timedelta(days=1)
    last = until.astimezone(UTC).date()
    if last <= first:
        return None
    dirty = tuple(
        session.scalars(
            select(RollupDirtyDay.day)
            .where(RollupDirtyDay.day >= first, RollupDirtyDay.day < last)
            .group_by(RollupDirtyDay.day)
            .order_by(RollupDirtyDay.day)
        )
    )
    if len(dirty) * 2 > (last - first).days:
        return None  # mostly dirty: the roll-ups would not save much
    ranges: list[tuple[datetime, datetime]] = []

    def add(a: datetime, b: datetime) -> None:
        if a >= b:
            return
        if ranges and ranges[-1][1] == a:
            ranges[-1] = (ranges[-1][0], b)
        else:
            ranges.append((a, b))

    add(since, _moment(first))
    for day in dirty:
        add(_moment(day), _moment(day + timedelta(days=1)))
    add(_moment(last), until)
    return Split(first=first, last=last, dirty=dirty, live=tuple(ranges))

"""Computing the per-day roll-ups from the base tables: dirty days, or everything at once.

`compute` replaces the roll-up rows of a range of days with figures read from the disputes,
offers, escalation events and reply scores. `refresh_some` (the worker, every pass) recomputes
days marked dirty (disputes/daymarks.py) and removes exactly the marks it read before reading
the data, so a change committed meanwhile keeps its day dirty; on SQLite it reads apart from
storing, so writers never wait for the read. `rebuild` recomputes every day
(`disputedesk rebuild-rollups`, after a bulk load that bypassed the desk).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import and_, case, delete, func, insert, or_, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.analytics.common import as_day, within
from disputedesk.analytics.friction import problem_conditions
from disputedesk.analytics.histogram import bucket_of as duration_bucket
from disputedesk.analytics.models import (
    RollupAccepted,
    RollupAgent,
    RollupCauseCost,
    RollupClause,
    RollupDirtyDay,
    RollupDuration,
    RollupEscalation,
    RollupOpened,
    RollupResolved,
)
from disputedesk.analytics.sqlstats import bucket_of, dialect_name, seconds_between
from disputedesk.db import read_only, unit_of_work
from disputedesk.disputes.models import Dispute, DisputeEvent, Offer, ReplyScore

ROLLUPS: Final = (
    RollupOpened,
    RollupAgent,
    RollupEscalation,
    RollupDuration,
    RollupResolved,
    RollupCauseCost,
    RollupAccepted,
    RollupClause,
)
REFRESH_DAYS: Final = 31  # dirty days recomputed per worker pass at most
REFRESH_BATCH: Final = 4  # dirty days recomputed per transaction
LOCK_KEY: Final = 0x0D15_9A7E  # PostgreSQL advisory lock: one refresh or rebuild at a time
PROBLEMS: Final = ("declined", "refused", "escalated", "reopened")


def moment(day: date) -> datetime:
    """Midnight UTC at the start of a day."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def measured() -> Any:
    """Disputes whose anger can be compared: the customer wrote more than once."""
    return and_(
        Dispute.customer_replies > 0,
        Dispute.first_anger.is_not(None),
        Dispute.current_anger.is_not(None),
    )


def settled() -> Any:
    """Disputes ever resolved or closed (or reopened since): the reopen rate's denominator."""
    return or_(
        Dispute.resolved_at.is_not(None), Dispute.closed_at.is_not(None), Dispute.reopen_count > 0
    )


def escalation_level() -> Any:
    """The level an escalation event went to, as the escalations report reads it."""
    return DisputeEvent.after["escalation_level"].as_string()


def escalation_reason() -> Any:
    """The reason of an escalation event, trimmed and in lower case."""
    return func.lower(func.trim(DisputeEvent.after["reason"].as_string()))


def _count(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _opened(session: Session, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    day = bucket_of(dialect_name(session), Dispute.created_at, "day")
    for d, category, channel, n, escalated, settled_n, reopened in session.execute(
        select(
            day,
            Dispute.category,
            Dispute.channel,
            func.count(),
            func.count(Dispute.last_escalated_at),
            _count(settled()),
            _count(Dispute.reopen_count > 0),
        )
        .where(within(Dispute.created_at, since, until))
        .group_by(day, Dispute.category, Dispute.channel)
    ):
        yield {
            "day": as_day(d),
            "category": category,
            "channel": channel,
            "disputes": int(n),
            "escalated": int(escalated),
            "settled": int(settled_n or 0),
            "reopened": int(reopened or 0),
        }


def agent_sums() -> list[Any]:
    """Per assignee: disputes, measured, anger sums, calmer, survey answers and rating sum."""
    is_measured = measured()
    change = Dispute.current_anger - Dispute.first_anger
    return [
        func.count(),
        _count(is_measured),
        func.sum(case((is_measured, Dispute.first_anger))),
        func.sum(case((is_measured, Dispute.current_anger))),
        func.sum(case((is_measured, change))),
        _count(and_(is_measured, change < 0)),
        func.sum(Dispute.survey_answers),
        func.sum(Dispute.survey_rating_sum),
    ]


AGENT_FIGURES: Final = (
    "disputes",
    "measured",
    "first_anger_sum",
    "last_anger_sum",
    "change_sum",
    "calmer",
    "survey_answers",
    "survey_rating_sum",
)


def _agents(session: Session, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    dialect = dialect_name(session)
    day = bucket_of(dialect, Dispute.created_at, "day")
    out: dict[tuple[date, int], dict[str, Any]] = {}

    def row(d: Any, staff: Any) -> dict[str, Any]:
        key = (as_day(d), int(staff))
        if key not in out:
            out[key] = {"day": key[0], "staff_id": key[1], "coached_replies": 0}
            out[key].update(dict.fromkeys(AGENT_FIGURES, 0))
            out[key]["coach_score_sum"] = 0.0
        return out[key]

    for d, staff, *figures in session.execute(
        select(day, Dispute.assignee_id, *agent_sums())
        .where(within(Dispute.created_at, since, until), Dispute.assignee_id.is_not(None))
        .group_by(day, Dispute.assignee_id)
    ):
        target = row(d, staff)
        for name, value in zip(AGENT_FIGURES, figures, strict=True):
            target[name] = value or 0
    opened = bucket_of(dialect, ReplyScore.dispute_opened_at, "day")
    for d, staff, replies, total in session.execute(
        select(
            opened,
            ReplyScore.author_staff_id,
            func.sum(ReplyScore.replies),
            func.sum(ReplyScore.score_sum),
        )
        .where(within(ReplyScore.dispute_opened_at, since, until))
        .group_by(opened, ReplyScore.author_staff_id)
    ):
        target = row(d, staff)
        target["coached_replies"] = int(replies or 0)
        target["coach_score_sum"] = float(total or 0.0)
    yield from out.values()


def _escalations(session: Session, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    day = bucket_of(dialect_name(session), Dispute.created_at, "day")
    level, reason = escalation_level(), escalation_reason()
    for d, lvl, why, n in session.execute(
        select(day, level, reason, func.count())
        .select_from(DisputeEvent)
        .join(Dispute, Dispute.id == DisputeEvent.dispute_id)
        .where(
            DisputeEvent.kind == "dispute.escalated",
            within(Dispute.created_at, since, until),
            Dispute.last_escalated_at.is_not(None),
        )
        .group_by(day, level, reason)
    ):
        yield {"day": as_day(d), "level": lvl, "reason": why, "n": int(n)}


def _durations(session: Session, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    dialect = dialect_name(session)
    day = bucket_of(dialect, Dispute.created_at, "day")
    first = seconds_between(dialect, Dispute.first_response_at, Dispute.created_at)
    resolution = seconds_between(dialect, Dispute.resolved_at, Dispute.created_at)
    counted: dict[tuple[date, str, int], int] = {}
    for opened, fr, rs in session.execute(
        select(day, first, resolution).where(
            within(Dispute.created_at, since, until),
            or_(Dispute.first_response_at.is_not(None), Dispute.resolved_at.is_not(None)),
        )
    ):
        for measure, seconds in (("first_response", fr), ("resolution", rs)):
            if seconds is not None:
                key = (as_day(opened), measure, duration_bucket(float(seconds)))
                counted[key] = counted.get(key, 0) + 1
    for (day_of, measure, b), n in counted.items():
        yield {"day": day_of, "measure": measure, "bucket": b, "n": n}


def _resolved(session: Session, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    day = bucket_of(dialect_name(session), Dispute.resolved_at, "day")
    for d, outcome, cause, n in session.execute(
        select(day, Dispute.outcome, Dispute.root_cause, func.count())
        .where(within(Dispute.resolved_at, since, until))
        .group_by(day, Dispute.outcome, Dispute.root_cause)
    ):
        yield {"day": as_day(d), "outcome": outcome, "root_cause": cause, "n": int(n)}


def _cause_costs(session: Session, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    day = bucket_of(dialect_name(session), Dispute.resolved_at, "day")
    for d, cause, currency, amount, n in session.execute(
        select(
            day,
            Dispute.root_cause,
            Offer.currency,
            func.coalesce(func.sum(Offer.amount_minor), 0),
            func.count(func.distinct(Offer.dispute_id)),
        )
        .join(Offer, Offer.dispute_id == Dispute.id)
        .where(within(Dispute.resolved_at, since, until), Offer.status == "accepted")
        .group_by(day, Dispute.root_cause, Offer.currency)
    ):
        yield {
            "day": as_day(d),
            "root_cause": cause,
            "currency": currency,
            "amount_minor": int(amount or 0),
            "disputes": int(n),
        }


def _accepted(session: Session, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    day = bucket_of(dialect_name(session), Offer.updated_at, "day")
    for d, remedy, currency, amount, n in session.execute(
        select(
            day,
            Offer.remedy,
            Offer.currency,
            func.coalesce(func.sum(Offer.amount_minor), 0),
            func.count(),
        )
        .where(Offer.status == "accepted", within(Offer.updated_at, since, until))
        .group_by(day, Offer.remedy, Offer.currency)
    ):
        yield {
            "day": as_day(d),
            "remedy": remedy,
            "currency": currency,
            "amount_minor": int(amount or 0),
            "offers": int(n),
        }


def clause_columns() -> list[Any]:
    """Per clause: offers, each problem's count, then each problem's newest and oldest dispute."""
    conditions = problem_conditions()
    columns: list[Any] = [func.count(), *(_count(c) for c in conditions.values())]
    for cond in conditions.values():
        picked = case((cond, Offer.dispute_id))
        columns += [func.max(picked), func.min(picked)]
    return columns


CLAUSE_FIGURES: Final = (
    "offers",
    *PROBLEMS,
    *(f"{p}_{end}" for p in PROBLEMS for end in ("max", "min")),
)


def _clauses(session: Session, since: datetime, until: datetime) -> Iterator[dict[str, Any]]:
    day = bucket_of(dialect_name(session), Offer.created_at, "day")
    for d, clause, *figures in session.execute(
        select(day, Offer.clause_id, *clause_columns())
        .where(within(Offer.created_at, since, until))
        .group_by(day, Offer.clause_id)
    ):
        row: dict[str, Any] = {"day": as_day(d), "clause_id": clause}
        row.update(zip(CLAUSE_FIGURES, figures, strict=True))
        for name in PROBLEMS:
            row[name] = int(row[name] or 0)
        yield row


_SOURCES: Final[tuple[tuple[Any, Callable[..., Iterator[dict[str, Any]]]], ...]] = (
    (RollupOpened, _opened),
    (RollupAgent, _agents),
    (RollupEscalation, _escalations),
    (RollupDuration, _durations),
    (RollupResolved, _resolved),
    (RollupCauseCost, _cause_costs),
    (RollupAccepted, _accepted),
    (RollupClause, _clauses),
)


Figures = list[tuple[Any, list[dict[str, Any]]]]


def figures(session: Session, first: date, last: date) -> Figures:
    """The roll-up rows of the days [first, last), read from the base tables."""
    since, until = moment(first), moment(last)
    return [(model, list(source(session, since, until))) for model, source in _SOURCES]


def store(session: Session, first: date, last: date, found: Figures) -> None:
    """Replace the roll-ups of the days [first, last) with `found`."""
    for model, rows in found:
        session.execute(delete(model).where(model.day >= first, model.day < last))
        if rows:
            session.execute(insert(model), rows)


def compute(session: Session, first: date, last: date) -> None:
    """Replace the roll-ups of the days [first, last) with figures from the base tables."""
    store(session, first, last, figures(session, first, last))


def runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive days as [first, last) ranges."""
    out: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if out and out[-1][1] == day:
            out[-1] = (out[-1][0], day + timedelta(days=1))
        else:
            out.append((day, day + timedelta(days=1)))
    return out


def _locked(session: Session, *, wait: bool) -> bool:
    """On PostgreSQL, take the roll-up lock until the transaction ends (SQLite: the write lock)."""
    if dialect_name(session) != "postgresql":
        return True
    if wait:
        session.execute(select(func.pg_advisory_xact_lock(LOCK_KEY)))
        return True
    return bool(session.scalar(select(func.pg_try_advisory_xact_lock(LOCK_KEY))))


def _clear(session: Session, marks: list[tuple[date, int]]) -> None:
    """Remove exactly these marks (a writer's later mark on the same day stays)."""
    pairs = sorted(set(marks))
    for start in range(0, len(pairs), 500):
        chunk = pairs[start : start + 500]
        session.execute(
            delete(RollupDirtyDay).where(tuple_(RollupDirtyDay.day, RollupDirtyDay.txid).in_(chunk))
        )


@dataclass
class _Reading:
    """Dirty days' marks and the figures read for them, not yet stored."""

    marks: list[tuple[date, int]]
    found: list[tuple[date, date, Figures]]


def _read_dirty(session: Session, *, now: datetime, limit: int) -> _Reading | None:
    """Up to `limit` dirty days before today (UTC): their marks, then their figures."""
    today = now.astimezone(UTC).date()
    days = list(
        session.scalars(
            select(RollupDirtyDay.day)
            .where(RollupDirtyDay.day < today)
            .group_by(RollupDirtyDay.day)
            .order_by(RollupDirtyDay.day)
            .limit(limit)
        )
    )
    if not days:
        return None
    # The marks are read before the data: a mark committed after this read is left in place.
    marks = [
        (d, int(t))
        for d, t in session.execute(
            select(RollupDirtyDay.day, RollupDirtyDay.txid).where(RollupDirtyDay.day.in_(days))
        )
    ]
    found = [(first, last, figures(session, first, last)) for first, last in runs(days)]
    return _Reading(marks, found)


def _store_reading(session: Session, reading: _Reading) -> int:
    """Store what was read, except for days another refresh has stored since (some mark read is
    gone); remove exactly the marks read of the days stored. How many days were stored."""
    days = sorted({d for d, _ in reading.marks})
    present = {
        (d, int(t))
        for d, t in session.execute(
            select(RollupDirtyDay.day, RollupDirtyDay.txid).where(RollupDirtyDay.day.in_(days))
        )
    }
    taken = {d for d, t in reading.marks if (d, t) not in present}
    stored: set[date] = set()
    for first, last, found in reading.found:
        if any(first <= d < last for d in taken):
            # Its figures may be older than the other refresh's: leave them, and the marks of
            # its days stay for the next pass.
            continue
        store(session, first, last, found)
        stored |= {d for d, _ in reading.marks if first <= d < last}
    _clear(session, [(d, t) for d, t in reading.marks if d in stored])
    return len(stored)


def refresh_dirty(session: Session, *, now: datetime, limit: int = REFRESH_DAYS) -> int:
    """Recompute up to `limit` dirty days before today (UTC) in the session's transaction;
    how many.

    Today's roll-ups would be out of date again at once, and a report reads the unfinished day
    from the base tables anyway, so it waits until the day is over.
    """
    if not _locked(session, wait=False):
        return 0
    reading = _read_dirty(session, now=now, limit=limit)
    return 0 if reading is None else _store_reading(session, reading)


def refresh_some(factory: sessionmaker[Session], *, now: datetime, limit: int) -> int:
    """Recompute up to `limit` dirty days before today, as the worker does each pass; how many.

    On SQLite one transaction writes at a time, and reading a day's figures at a million
    disputes a year takes a quarter of a second: read in one transaction, they would hold every
    writer of the desk back that long. So the figures are read in a read-only transaction (a
    snapshot, no lock) and stored in a short write transaction after. Marks there carry a random
    number of their own, so a mark written meanwhile is never taken for one that was read. On
    PostgreSQL, where readers hold no writer back, one transaction under the roll-up lock.
    """
    if factory.kw["bind"].dialect.name != "sqlite":
        with unit_of_work(factory) as session:
            return refresh_dirty(session, now=now, limit=limit)
    with read_only(factory) as session:
        reading = _read_dirty(session, now=now, limit=limit)
    if reading is None:
        return 0
    with unit_of_work(factory) as session:
        return _store_reading(session, reading)


def data_span(session: Session) -> tuple[date, date] | None:
    """The first and the day after the last day any roll-up has figures for, or None."""
    ends: list[datetime] = []
    for column in (
        Dispute.created_at,
        Dispute.resolved_at,
        Offer.created_at,
        Offer.updated_at,
        ReplyScore.dispute_opened_at,
    ):
        # Apart: SQLite reads a lone min() or max() from the index, both at once by a scan.
        ends += [
            v
            for v in (
                session.scalar(select(func.min(column))),
                session.scalar(select(func.max(column))),
            )
            if v is not None
        ]
    if not ends:
        return None
    first = min(ends).astimezone(UTC).date()
    return first, max(ends).astimezone(UTC).date() + timedelta(days=1)


def rebuild(
    session: Session, *, step_days: int = 30, progress: Callable[[int, int], None] | None = None
) -> int:
    """Recompute every roll-up from the base tables and clear every mark; how many days."""
    _locked(session, wait=True)
    marks = [
        (d, int(t)) for d, t in session.execute(select(RollupDirtyDay.day, RollupDirtyDay.txid))
    ]
    for model in ROLLUPS:
        session.execute(delete(model))
    span = data_span(session)
    total = (span[1] - span[0]).days if span else 0
    done = 0
    if span is not None:
        first, end = span
        while first < end:
            last = min(first + timedelta(days=step_days), end)
            compute(session, first, last)
            done += (last - first).days
            if progress is not None:
                progress(done, total)
            first = last
    _clear(session, marks)
    return total


def catch_up(factory: sessionmaker[Session], *, now: datetime) -> int:
    """Recompute every dirty day before today, a batch per transaction; how many days."""
    done = 0
    while True:
        with unit_of_work(factory) as session:
            n = refresh_dirty(session, now=now)
        if not n:
            return done
        done += n

"""Marks the days whose report roll-ups a change makes out of date, in the change's transaction.

A roll-up row (analytics/models.py) holds the figures of one UTC day: of the disputes opened that
day, of those resolved that day, of the offers made or accepted that day. Whatever changes one of
those figures marks the day dirty in `rollup_dirty_days` in the same transaction, so a report
never reads a stale roll-up: a dirty day is read from the base tables until the worker has
computed it again (analytics/rollup.py).

Changes made through the ORM (disputes, offers, escalation events: every service, the importer)
are seen by an `after_flush` listener, from the objects' old and new values, and marked when the
transaction commits. Statements that
bypass the ORM call `mark_days` themselves (`note_coached_reply`, `copy_to_offers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, Final

from sqlalchemy import bindparam, event, literal_column
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction
from sqlalchemy.orm.attributes import get_history

from disputedesk.analytics.models import RollupDirtyDay
from disputedesk.disputes.models import Dispute, DisputeEvent, Offer

# Dispute columns some report reads (keyed by created_at or resolved_at).
DISPUTE_FIGURES: Final = (
    "created_at",
    "resolved_at",
    "closed_at",
    "category",
    "channel",
    "assignee_id",
    "outcome",
    "root_cause",
    "first_response_at",
    "last_escalated_at",
    "last_reopened_at",
    "reopen_count",
    "customer_replies",
    "first_anger",
    "current_anger",
    "survey_answers",
    "survey_rating_sum",
)
DISPUTE_DAYS: Final = ("created_at", "resolved_at")
# Offer columns some report reads (keyed by created_at, updated_at or the dispute's resolved_at).
OFFER_FIGURES: Final = (
    "dispute_id",
    "remedy",
    "amount_minor",
    "currency",
    "status",
    "clause_id",
    "created_at",
    "updated_at",
    "dispute_escalated_at",
    "dispute_reopened_at",
)
OFFER_DAYS: Final = ("created_at", "updated_at")


def day_of(moment: datetime) -> date:
    """The UTC day of a moment."""
    return moment.astimezone(UTC).date() if moment.tzinfo else moment.date()


_DAY = RollupDirtyDay.__table__.c.day
# Built once; one row per day and transaction. On PostgreSQL txid_current() keeps the marks of
# concurrent writers apart, so none waits for another. On SQLite a random 63-bit number: the
# worker reads a day's figures apart from storing them (analytics/rollup.py, `refresh_some`),
# and must never take a mark written in between for one it read.
_MARK: Final[dict[str, Any]] = {
    "postgresql": postgresql.insert(RollupDirtyDay)
    .values(day=bindparam("day", type_=_DAY.type), txid=literal_column("txid_current()"))
    .on_conflict_do_nothing(),
    "sqlite": sqlite.insert(RollupDirtyDay)
    .values(
        day=bindparam("day", type_=_DAY.type), txid=literal_column("random() & 9223372036854775807")
    )
    .on_conflict_do_nothing(),
}


def mark_days(session: Session, days: Iterable[date]) -> None:
    """Mark `days` dirty in the session's transaction (one row per day and transaction)."""
    wanted = sorted(set(days))
    if wanted:
        dialect = session.get_bind().dialect.name
        session.connection().execute(_MARK[dialect], [{"day": d} for d in wanted])


def _values(obj: object, names: Iterable[str], *, old: bool) -> set[date]:
    """The days of the current (and, with `old`, the previous) values of date columns."""
    out = set()
    for name in names:
        current = getattr(obj, name)
        found = [current]
        if old:
            found += list(get_history(obj, name).deleted)
        out |= {day_of(v) for v in found if isinstance(v, datetime)}
    return out


def _changed(obj: object, names: Iterable[str]) -> bool:
    return any(get_history(obj, name).has_changes() for name in names)


def _resolved_day(session: Session, dispute_id: int | None) -> set[date]:
    dispute = session.get(Dispute, dispute_id) if dispute_id is not None else None
    if dispute is None or dispute.resolved_at is None:
        return set()
    return {day_of(dispute.resolved_at)}


def _opened_day(session: Session, dispute_id: int | None) -> set[date]:
    dispute = session.get(Dispute, dispute_id) if dispute_id is not None else None
    return {day_of(dispute.created_at)} if dispute is not None else set()


def days_touched(session: Session) -> set[date]:
    """The days whose roll-ups the session's pending (just flushed) changes affect."""
    days: set[date] = set()
    changed = [(o, False) for o in (*session.new, *session.deleted)]
    changed += [(o, True) for o in session.dirty]
    for obj, dirty in changed:
        if isinstance(obj, Dispute):
            if not dirty or _changed(obj, DISPUTE_FIGURES):
                days |= _values(obj, DISPUTE_DAYS, old=dirty)
        elif isinstance(obj, Offer):
            if not dirty or _changed(obj, OFFER_FIGURES):
                days |= _values(obj, OFFER_DAYS, old=dirty)
                # Root-cause cost: the accepted offers of disputes resolved that day.
                days |= _resolved_day(session, obj.dispute_id)
                if dirty:
                    for was in get_history(obj, "dispute_id").deleted:
                        days |= _resolved_day(session, was)
        elif isinstance(obj, DisputeEvent) and obj.kind == "dispute.escalated":
            # Levels and reasons are read from the escalation events of the day's disputes.
            days |= _opened_day(session, obj.dispute_id)
    return days


_NOTED = "disputedesk_dirty_days"


@event.listens_for(Session, "after_flush")
def _note_after_flush(session: Session, _context: UOWTransaction) -> None:
    # After the INSERTs, so defaults (created_at) are known; history still holds old values.
    # The days are written once, at commit: a change flushed in several steps (a new dispute,
    # its first message, its event) marks them with one statement, not one per flush.
    with session.no_autoflush:
        days = days_touched(session)
    if days:
        session.info.setdefault(_NOTED, set()).update(days)


@event.listens_for(Session, "before_commit")
def _mark_before_commit(session: Session) -> None:
    session.flush()  # the last changes first, so their days are noted too
    days = session.info.pop(_NOTED, None)
    if days:
        mark_days(session, days)


@event.listens_for(Session, "after_transaction_end")
def _forget_when_done(session: Session, transaction: SessionTransaction) -> None:
    # Only when the whole transaction ends: a savepoint rolled back inside it leaves its days
    # noted (a day marked for nothing is recomputed for nothing; a day missed would be stale).
    if transaction.parent is None:
        session.info.pop(_NOTED, None)

"""Listing and searching disputes with keyset (cursor) pagination."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    case,
    column,
    false,
    func,
    literal_column,
    select,
    table,
    tuple_,
    union,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from disputedesk.customers.models import Customer
from disputedesk.disputes.lifecycle import OPEN_STATUSES
from disputedesk.disputes.models import Dispute, DisputeCount, Message
from disputedesk.errors import Invalid

SortKey = Literal[
    "created", "-created", "updated", "-updated", "priority", "-priority", "sla", "-sla"
]
_SORT_COLUMNS: dict[str, InstrumentedAttribute[Any]] = {
    "created": Dispute.created_at,
    "updated": Dispute.updated_at,
    "priority": Dispute.priority_rank,
    "sla": Dispute.sla_sort_at,
}


@dataclass
class DisputeFilter:
    """What to list: every field narrows the result; None means any."""

    statuses: list[str] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    escalation_levels: list[str] = field(default_factory=list)
    assignee_id: int | None = None
    unassigned: bool = False
    customer_id: int | None = None
    q: str | None = None


def encode_cursor(sort: str, value: Any, dispute_id: int) -> str:
    """An opaque cursor pointing after (value, id) in the given sort."""
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([sort, value, dispute_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, int]:
    """The (value, id) a cursor points after, or Invalid naming the cursor parameter."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        cursor_sort, value, dispute_id = json.loads(base64.urlsafe_b64decode(padded))
        if cursor_sort != sort or not isinstance(dispute_id, int):
            raise ValueError
        if sort.lstrip("-") in ("created", "updated", "sla"):
            value = datetime.fromisoformat(value)
        elif not isinstance(value, int):
            raise ValueError
    except (ValueError, TypeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Invalid(
            "cursor is not one this list returned (or belongs to another sort order)",
            field="cursor",
        ) from exc
    return value, dispute_id


# The full-text indexes of migration 0009. On PostgreSQL the expressions must be exactly those of
# the GIN indexes (written out, with no bound parameters) for the planner to use them.
_PG_DISPUTE_TSV = (
    "to_tsvector('simple'::regconfig, disputes.subject || ' ' || disputes.description)"
)
_PG_MESSAGE_TSV = "to_tsvector('simple'::regconfig, messages.body)"
_DISPUTES_FTS = table("disputes_fts", column("rowid", Integer))
_MESSAGES_FTS = table("messages_fts", column("rowid", Integer))


def fts5_phrase(text: str) -> str:
    """The words of `text` as one FTS5 phrase: quoted, so no user input is read as FTS5 syntax."""
    return '"' + text.replace('"', '""') + '"'


def _search(q: str, dialect: str) -> ColumnElement[bool]:
    """Disputes whose subject, description or a message has the words of `q`, in that order."""
    if not any(ch.isalnum() for ch in q):
        return false()  # no word to look for: full-text search finds words only
    matching: Select[tuple[int]]
    if dialect == "postgresql":
        query = func.phraseto_tsquery(literal_column("'simple'::regconfig"), q)
        matching = union(
            select(Dispute.id).where(literal_column(_PG_DISPUTE_TSV).op("@@")(query)),
            select(Message.dispute_id).where(literal_column(_PG_MESSAGE_TSV).op("@@")(query)),
        )  # type: ignore[assignment]
    else:
        phrase = fts5_phrase(q)
        in_messages = select(_MESSAGES_FTS.c.rowid).where(
            literal_column("messages_fts").op("MATCH")(phrase)
        )
        matching = union(
            select(_DISPUTES_FTS.c.rowid).where(literal_column("disputes_fts").op("MATCH")(phrase)),
            select(Message.dispute_id).where(Message.id.in_(in_messages)),
        )  # type: ignore[assignment]
    return Dispute.id.in_(matching)


def _conditions(flt: DisputeFilter, dialect: str) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if flt.statuses:
        conds.append(Dispute.status.in_(flt.statuses))
    if flt.priorities:
        conds.append(Dispute.priority.in_(flt.priorities))
    if flt.categories:
        conds.append(Dispute.category.in_(flt.categories))
    if flt.channels:
        conds.append(Dispute.channel.in_(flt.channels))
    if flt.escalation_levels:
        conds.append(Dispute.escalation_level.in_(flt.escalation_levels))
    if flt.assignee_id is not None:
        conds.append(Dispute.assignee_id == flt.assignee_id)
    if flt.unassigned:
        conds.append(Dispute.assignee_id.is_(None))
    if flt.customer_id is not None:
        conds.append(Dispute.customer_id == flt.customer_id)
    if flt.q:
        conds.append(_search(flt.q, dialect))
    return conds


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def list_disputes(
    *, session: Session, flt: DisputeFilter, sort: str, limit: int, cursor: str | None
) -> tuple[list[Dispute], str | None]:
    """One page of disputes matching `flt` in `sort` order and the cursor of the next page."""
    column = _SORT_COLUMNS[sort.lstrip("-")]
    descending = sort.startswith("-")
    query = select(Dispute).where(*_conditions(flt, _dialect(session)))
    if cursor:
        value, last_id = decode_cursor(cursor, sort)
        # A row comparison, not (a > x OR a = x AND id > y): both databases read it as a range of
        # the (..., column, id) index, so a page deep in the list costs what the first one does.
        after = tuple_(column, Dispute.id)
        query = query.where(after < (value, last_id) if descending else after > (value, last_id))
    order = (column.desc(), Dispute.id.desc()) if descending else (column.asc(), Dispute.id.asc())
    rows = list(session.scalars(query.order_by(*order).limit(limit + 1)))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(sort, getattr(last, column.key), last.id)
    return rows, next_cursor


COUNT_CAP = 10_000


def _counted(flt: DisputeFilter) -> bool:
    """Whether the maintained counts can answer for `flt` (it filters on their keys only)."""
    return not (
        flt.priorities or flt.categories or flt.channels or flt.customer_id is not None or flt.q
    )


def count_disputes(*, session: Session, flt: DisputeFilter, cap: int = COUNT_CAP) -> int:
    """How many disputes match `flt`.

    Exact and cheap for filters on status, assignee and escalation only (a sum over the
    maintained `dispute_counts` rows); other filters count no further than `cap` ("cap+").
    """
    if _counted(flt):
        conds: list[ColumnElement[bool]] = [DisputeCount.n != 0]
        if flt.statuses:
            conds.append(DisputeCount.status.in_(flt.statuses))
        if flt.escalation_levels:
            conds.append(DisputeCount.escalation_level.in_(flt.escalation_levels))
        if flt.assignee_id is not None:
            conds.append(DisputeCount.assignee_key == flt.assignee_id)
        if flt.unassigned:
            conds.append(DisputeCount.assignee_key == 0)
        return int(session.scalar(select(func.sum(DisputeCount.n)).where(*conds)) or 0)
    matching = select(Dispute.id).where(*_conditions(flt, _dialect(session))).limit(cap).subquery()
    return int(session.scalar(select(func.count()).select_from(matching)) or 0)


def queue_view_counts(*, session: Session, user_id: int) -> dict[str, int]:
    """The exact sizes of the queue's standard views of open disputes, for one member of staff.

    One read of the few maintained `dispute_counts` rows, so it costs the same at any size.
    """
    escalated = DisputeCount.escalation_level.in_(("supervisor", "manager"))
    counts = {
        "mine": DisputeCount.assignee_key == user_id,
        "unassigned": DisputeCount.assignee_key == 0,
        "escalated": escalated,
        "open": DisputeCount.n == DisputeCount.n,
    }
    row = session.execute(
        select(
            *(func.sum(case((cond, DisputeCount.n), else_=0)) for cond in counts.values())
        ).where(DisputeCount.status.in_(OPEN_STATUSES))
    ).one()
    return {key: int(value or 0) for key, value in zip(counts, row, strict=True)}


def customer_names(*, session: Session, customer_ids: set[int]) -> dict[int, str]:
    """The names of the given customers in one query (for lists of disputes)."""
    if not customer_ids:
        return {}
    rows = session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids)))
    return {int(cid): str(name) for cid, name in rows}

"""Listing and searching disputes with keyset (cursor) pagination."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from disputedesk.customers.models import Customer
from disputedesk.disputes.models import Dispute, Message
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


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(flt: DisputeFilter) -> list[ColumnElement[bool]]:
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
        pattern = _like(flt.q)
        in_messages = exists().where(
            Message.dispute_id == Dispute.id,
            func.lower(Message.body).like(pattern, escape="\\"),
        )
        conds.append(
            or_(
                func.lower(Dispute.subject).like(pattern, escape="\\"),
                func.lower(Dispute.description).like(pattern, escape="\\"),
                in_messages,
            )
        )
    return conds


def list_disputes(
    *, session: Session, flt: DisputeFilter, sort: str, limit: int, cursor: str | None
) -> tuple[list[Dispute], str | None]:
    """One page of disputes matching `flt` in `sort` order and the cursor of the next page."""
    column = _SORT_COLUMNS[sort.lstrip("-")]
    descending = sort.startswith("-")
    query = select(Dispute).where(*_conditions(flt))
    if cursor:
        value, last_id = decode_cursor(cursor, sort)
        if descending:
            query = query.where(or_(column < value, and_(column == value, Dispute.id < last_id)))
        else:
            query = query.where(or_(column > value, and_(column == value, Dispute.id > last_id)))
    order = (column.desc(), Dispute.id.desc()) if descending else (column.asc(), Dispute.id.asc())
    rows = list(session.scalars(query.order_by(*order).limit(limit + 1)))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(sort, getattr(last, column.key), last.id)
    return rows, next_cursor


COUNT_CAP = 10_000


def count_disputes(*, session: Session, flt: DisputeFilter, cap: int = COUNT_CAP) -> int:
    """How many disputes match `flt`, counting no further than `cap` (shown as "cap+")."""
    matching = select(Dispute.id).where(*_conditions(flt)).limit(cap).subquery()
    return int(session.scalar(select(func.count()).select_from(matching)) or 0)


def customer_names(*, session: Session, customer_ids: set[int]) -> dict[int, str]:
    """The names of the given customers in one query (for lists of disputes)."""
    if not customer_ids:
        return {}
    rows = session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids)))
    return {int(cid): str(name) for cid, name in rows}

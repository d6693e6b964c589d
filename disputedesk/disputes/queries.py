"""Listing and searching disputes with keyset (cursor) pagination."""

from __future__ import annotations

import base64
import functools
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Integer,
    Select,
    bindparam,
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
from sqlalchemy.orm import Session

from disputedesk.customers.models import Customer
from disputedesk.disputes.lifecycle import OPEN_STATUSES, allowed_transitions
from disputedesk.disputes.models import Dispute, DisputeCount, Message
from disputedesk.disputes.schemas import DisputeOut
from disputedesk.errors import Invalid
from disputedesk.rows import Prepared, Shape

SortKey = Literal[
    "created", "-created", "updated", "-updated", "priority", "-priority", "sla", "-sla"
]
# Statements are built on the tables' columns, not the mapped attributes: the queue builds one
# per request, and a mapped attribute's operators cost several times a column's.
_D = Dispute.__table__.c
_M = Message.__table__.c
_SORT_COLUMNS: dict[str, ColumnElement[Any]] = {
    "created": _D.created_at,
    "updated": _D.updated_at,
    "priority": _D.priority_rank,
    "sla": _D.sla_sort_at,
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


def _has_words(q: str) -> bool:
    return any(ch.isalnum() for ch in q)


def _search(dialect: str) -> ColumnElement[bool]:
    """Disputes whose subject, description or a message has the words of the `q` parameter
    (on SQLite, the `phrase` parameter: `q` as one FTS5 phrase), in that order."""
    matching: Select[tuple[int]]
    if dialect == "postgresql":
        query = func.phraseto_tsquery(literal_column("'simple'::regconfig"), bindparam("q"))
        matching = union(
            select(_D.id).where(literal_column(_PG_DISPUTE_TSV).op("@@")(query)),
            select(_M.dispute_id).where(literal_column(_PG_MESSAGE_TSV).op("@@")(query)),
        )  # type: ignore[assignment]
    else:
        phrase: BindParameter[str] = bindparam("phrase")
        in_messages = select(_MESSAGES_FTS.c.rowid).where(
            literal_column("messages_fts").op("MATCH")(phrase)
        )
        matching = union(
            select(_DISPUTES_FTS.c.rowid).where(literal_column("disputes_fts").op("MATCH")(phrase)),
            select(_M.dispute_id).where(_M.id.in_(in_messages)),
        )  # type: ignore[assignment]
    return _D.id.in_(matching)


# The filters a list can have, each as (parameter, condition) on the parameter of that name.
_LIST_FILTERS = ("statuses", "priorities", "categories", "channels", "escalation_levels")
_LIST_COLUMNS = {
    "statuses": _D.status,
    "priorities": _D.priority,
    "categories": _D.category,
    "channels": _D.channel,
    "escalation_levels": _D.escalation_level,
}


def _filter_params(flt: DisputeFilter) -> dict[str, Any]:
    """The filter's values by parameter name: the ones it sets, and only those."""
    params: dict[str, Any] = {
        name: getattr(flt, name) for name in _LIST_FILTERS if getattr(flt, name)
    }
    if flt.assignee_id is not None:
        params["assignee_id"] = flt.assignee_id
    if flt.unassigned:
        params["unassigned"] = True
    if flt.customer_id is not None:
        params["customer_id"] = flt.customer_id
    if flt.q:
        params["q"] = flt.q
        params["phrase"] = fts5_phrase(flt.q)
        params["words"] = _has_words(flt.q)
    return params


def _conditions(shape: frozenset[str], dialect: str) -> list[ColumnElement[bool]]:
    """The WHERE clause of a filter with these parameters set, on bound parameters."""
    conds: list[ColumnElement[bool]] = [
        _LIST_COLUMNS[name].in_(bindparam(name, expanding=True))
        for name in _LIST_FILTERS
        if name in shape
    ]
    if "assignee_id" in shape:
        conds.append(_D.assignee_id == bindparam("assignee_id"))
    if "unassigned" in shape:
        conds.append(_D.assignee_id.is_(None))
    if "customer_id" in shape:
        conds.append(_D.customer_id == bindparam("customer_id"))
    if "q" in shape:
        # No word to look for: full-text search finds words only.
        conds.append(_search(dialect) if "words" in shape else false())
    return conds


def _shape(params: dict[str, Any]) -> frozenset[str]:
    return frozenset(k for k, v in params.items() if k != "words" or v)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


@functools.cache
def _page_select(
    orm: bool, shape: frozenset[str], sort: str, after: bool, dialect: str
) -> Select[Any]:
    """A page statement, built once per kind of list: filters, sort and cursor are parameters.

    Rows (`orm` false) are the `DISPUTE_ROWS` columns and the sort value last.
    """
    column = _SORT_COLUMNS[sort.lstrip("-")]
    descending = sort.startswith("-")
    base = select(Dispute) if orm else DISPUTE_ROWS.select.add_columns(column)
    query = base.where(*_conditions(shape, dialect))
    if after:
        # A row comparison, not (a > x OR a = x AND id > y): both databases read it as a range of
        # the (..., column, id) index, so a page deep in the list costs what the first one does.
        row = tuple_(column, _D.id)
        mark = tuple_(bindparam("after_value", type_=column.type), bindparam("after_id"))
        query = query.where(row < mark if descending else row > mark)
    order = (column.desc(), _D.id.desc()) if descending else (column.asc(), _D.id.asc())
    return query.order_by(*order).limit(bindparam("page_size"))


@functools.cache
def _page_rows(shape: frozenset[str], sort: str, after: bool, dialect: str) -> Prepared:
    """`_page_select` for rows, compiled once and run on the driver (the queue's path)."""
    return Prepared(_page_select(False, shape, sort, after, dialect))


def _page_params(
    flt: DisputeFilter, sort: str, limit: int, cursor: str | None
) -> tuple[frozenset[str], dict[str, Any]]:
    """The shape and parameters of one page of `flt` in `sort` order (and one row more)."""
    params = _filter_params(flt)
    shape = _shape(params)
    if cursor:
        params["after_value"], params["after_id"] = decode_cursor(cursor, sort)
    params["page_size"] = limit + 1
    return shape, params


def list_disputes(
    *, session: Session, flt: DisputeFilter, sort: str, limit: int, cursor: str | None
) -> tuple[list[Dispute], str | None]:
    """One page of disputes matching `flt` in `sort` order and the cursor of the next page."""
    shape, params = _page_params(flt, sort, limit, cursor)
    statement = _page_select(True, shape, sort, bool(cursor), _dialect(session))
    rows = list(session.scalars(statement, params))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        key = _SORT_COLUMNS[sort.lstrip("-")].key
        next_cursor = encode_cursor(sort, getattr(last, str(key)), last.id)
    return rows, next_cursor


DISPUTE_ROWS = Shape(Dispute, DisputeOut)


def dispute_rows_out(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Disputes read by `DISPUTE_ROWS` completed into the API shape (`DisputeOut`)."""
    for row in rows:
        row["allowed_transitions"] = list(allowed_transitions(row["status"]))
    return rows


def dispute_page(
    *, conn: Connection, flt: DisputeFilter, sort: str, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """`list_disputes` for the API: the page as `DisputeOut` dicts, read without the ORM."""
    shape, params = _page_params(flt, sort, limit, cursor)
    rows = _page_rows(shape, sort, bool(cursor), conn.dialect.name).rows(conn, params)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(sort, last[-1], last[0])
    return dispute_rows_out(DISPUTE_ROWS.dicts(row[:-1] for row in rows)), next_cursor


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
    params = _filter_params(flt)
    conds = _conditions(_shape(params), _dialect(session))
    matching = select(Dispute.id).where(*conds).limit(cap).subquery()
    return int(session.scalar(select(func.count()).select_from(matching), params) or 0)


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

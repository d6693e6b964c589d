"""One dispute's page: the dispute, its conversation, offers and playbook, and the customer's
records beside it, read as JSON-ready rows (the most read answer after the queue)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, select

from disputedesk.customers.models import Customer, Order
from disputedesk.customers.service import (
    CUSTOMER_ROWS,
    ORDER_ROWS,
    customer_records_rows,
    order_row_out,
)
from disputedesk.disputes.models import Dispute, DisputeEvent, Message, Offer
from disputedesk.disputes.playbook import playbook_progress
from disputedesk.disputes.queries import DISPUTE_ROWS, dispute_rows_out
from disputedesk.disputes.schemas import DisputeDetail, MessageOut, OfferOut
from disputedesk.errors import NotFound
from disputedesk.rows import Prepared, Shape
from disputedesk.workflow.models import Job

_MESSAGE_ROWS = Shape(Message, MessageOut)
_OFFER_ROWS = Shape(Offer, OfferOut)
_D = Dispute.__table__.c
_M = Message.__table__.c
_O = Offer.__table__.c
_E = DisputeEvent.__table__.c
_J = Job.__table__.c
_ID: BindParameter[int] = bindparam("dispute_id")

# Built once: building a statement costs more than running it. The dispute comes with its
# customer, in one statement.
_DISPUTE = Prepared(
    select(*DISPUTE_ROWS.columns, *CUSTOMER_ROWS.columns)
    .join_from(Dispute, Customer, _D.customer_id == Customer.__table__.c.id)
    .where(_D.id == _ID)
)
_SPLIT = len(DISPUTE_ROWS.names)
_MESSAGES = Prepared(
    _MESSAGE_ROWS.select.where(_M.dispute_id == _ID).order_by(_M.created_at, _M.id)
)
_OFFERS = Prepared(_OFFER_ROWS.select.where(_O.dispute_id == _ID).order_by(_O.id))
_HISTORY = Prepared(select(_E.kind, _E.after).where(_E.dispute_id == _ID))
_FOLLOW_UP = Prepared(select(_J.id).where(_J.dispute_id == _ID, _J.kind == "follow_up").limit(1))
_ORDER = Prepared(ORDER_ROWS.select.where(Order.__table__.c.id == bindparam("order_id")))


def dispute_detail_rows(*, conn: Connection, dispute_id: int, now: datetime) -> dict[str, Any]:
    """The `DisputeDetail` of one dispute as a JSON-ready dict, read without the ORM."""
    ids = {"dispute_id": dispute_id}
    found = _DISPUTE.first(conn, ids)
    if found is None:
        raise NotFound(f"dispute {dispute_id} not found")
    dispute = dispute_rows_out([DISPUTE_ROWS.one(found[:_SPLIT])])[0]
    records = customer_records_rows(
        conn=conn,
        customer_id=dispute["customer_id"],
        now=now,
        customer=CUSTOMER_ROWS.one(found[_SPLIT:]),
    )
    order = _order(conn, dispute["order_id"], records["orders"], now)
    messages = _MESSAGE_ROWS.read(conn, _MESSAGES, ids)
    offers = _OFFER_ROWS.read(conn, _OFFERS, ids)
    history = _HISTORY.rows(conn, ids)
    follow_up = _FOLLOW_UP.first(conn, ids)
    steps = playbook_progress(
        category=dispute["category"],
        status=dispute["status"],
        order_linked=dispute["order_id"] is not None,
        root_cause=dispute["root_cause"],
        outcome=dispute["outcome"],
        messages=messages,
        offer_statuses=[o["status"] for o in offers],
        event_kinds=[kind for kind, _ in history],
        asked_customer=any(
            (after or {}).get("status") == "awaiting_customer" for _, after in history
        ),
        follow_up_scheduled=follow_up is not None,
    )
    return {
        **dispute,
        "customer": records["customer"],
        "order": order,
        "messages": messages,
        "offers": offers,
        "past_disputes": [d for d in records["disputes"] if d["id"] != dispute_id],
        "customer_orders": records["orders"],
        "playbook": [vars(step) for step in steps],
    }


def _order(
    conn: Connection, order_id: int | None, customer_orders: list[dict[str, Any]], now: datetime
) -> dict[str, Any] | None:
    """The dispute's order: one of the customer's, already read (read apart if not)."""
    if order_id is None:
        return None
    for order in customer_orders:
        if order["id"] == order_id:
            return dict(order)
    row = _ORDER.first(conn, {"order_id": order_id})
    if row is None:
        return None
    return order_row_out(ORDER_ROWS.one(row), now)


def dispute_detail(*, conn: Connection, dispute_id: int, now: datetime) -> DisputeDetail:
    """`dispute_detail_rows` as the validated model (for pages that render it)."""
    return DisputeDetail.model_validate(
        dispute_detail_rows(conn=conn, dispute_id=dispute_id, now=now)
    )

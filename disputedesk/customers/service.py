"""Use cases for customers and their records."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, delete, func, select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.customers.models import Customer, Order
from disputedesk.customers.schemas import (
    CustomerCreate,
    CustomerOut,
    CustomerRecords,
    CustomerUpdate,
    OrderCreate,
    OrderOut,
    PastDispute,
)
from disputedesk.disputes.models import Dispute
from disputedesk.errors import Conflict, Forbidden, NotFound
from disputedesk.portal.models import CustomerLink
from disputedesk.rows import Prepared, Shape


def get_customer(*, session: Session, customer_id: int, field: str | None = None) -> Customer:
    """One customer or NotFound."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"customer {customer_id} not found", field=field)
    return customer


class CustomerBrief(NamedTuple):
    """What a new dispute or message needs of its customer: the name it is signed with and the
    tier its priority weighs."""

    name: str
    tier: str


_BRIEF = Prepared(
    select(Customer.__table__.c.name, Customer.__table__.c.tier).where(
        Customer.__table__.c.id == bindparam("customer_id")
    )
)


def customer_brief(
    *, session: Session, customer_id: int, field: str | None = None
) -> CustomerBrief:
    """A customer's name and tier (lighter than `get_customer`), or NotFound."""
    row = _BRIEF.first(session.connection(), {"customer_id": customer_id})
    if row is None:
        raise NotFound(f"customer {customer_id} not found", field=field)
    return CustomerBrief(str(row[0]), str(row[1]))


def _email_taken(session: Session, email: str, *, other_than: int | None = None) -> bool:
    query = select(Customer.id).where(Customer.email == email)
    if other_than is not None:
        query = query.where(Customer.id != other_than)
    return session.scalar(query) is not None


def create_customer(*, session: Session, data: CustomerCreate, now: datetime) -> Customer:
    """Add a customer; emails and external references are unique."""
    if data.email and _email_taken(session, data.email):
        raise Conflict(f"a customer with email '{data.email}' already exists", field="email")
    if data.external_ref and session.scalar(
        select(Customer.id).where(Customer.external_ref == data.external_ref)
    ):
        raise Conflict(
            f"a customer with external_ref '{data.external_ref}' already exists",
            field="external_ref",
        )
    customer = Customer(
        name=mask_card_numbers(data.name),
        email=data.email,
        phone=data.phone,
        tier=data.tier,
        external_ref=mask_card_numbers(data.external_ref) if data.external_ref else None,
        created_at=now,
        updated_at=now,
    )
    session.add(customer)
    session.flush()
    return customer


def update_customer(
    *, session: Session, customer_id: int, data: CustomerUpdate, now: datetime
) -> Customer:
    """Change the given fields of a customer."""
    customer = get_customer(session=session, customer_id=customer_id)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("email") and _email_taken(session, changes["email"], other_than=customer.id):
        raise Conflict(f"a customer with email '{changes['email']}' already exists", field="email")
    if "name" in changes:
        if changes["name"] is None:
            changes.pop("name")
        else:
            changes["name"] = mask_card_numbers(changes["name"])
    if "tier" in changes and changes["tier"] is None:
        changes.pop("tier")
    for key, value in changes.items():
        setattr(customer, key, value)
    customer.updated_at = now
    session.flush()
    return customer


def delete_customer(*, session: Session, customer_id: int, actor: Actor) -> None:
    """Delete a customer who has no disputes (admins only); disputes are never deleted."""
    if not actor.has_role("admin"):
        raise Forbidden("only an admin may delete a customer")
    customer = get_customer(session=session, customer_id=customer_id)
    if session.scalar(select(func.count()).where(Dispute.customer_id == customer.id)):
        raise Conflict("this customer has disputes, whose history is kept; it cannot be deleted")
    # Orders and portal links go with the customer, deleted first: nothing tells the session
    # that they point at the customer, so `session.delete` alone could drop the customer first.
    session.execute(delete(Order).where(Order.customer_id == customer.id))
    session.execute(delete(CustomerLink).where(CustomerLink.customer_id == customer.id))
    session.delete(customer)
    session.flush()


def list_customers(
    *, session: Session, q: str | None, limit: int, after_id: int | None
) -> list[Customer]:
    """Customers by id, optionally matching a name or email fragment."""
    query = select(Customer).order_by(Customer.id).limit(limit)
    if after_id is not None:
        query = query.where(Customer.id > after_id)
    if q:
        pattern = (
            "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        query = query.where(
            func.lower(Customer.name).like(pattern, escape="\\")
            | func.lower(func.coalesce(Customer.email, "")).like(pattern, escape="\\")
        )
    return list(session.scalars(query))


def find_customer_by_email(*, session: Session, email: str) -> Customer | None:
    """The customer with this email address, if any."""
    return session.scalar(select(Customer).where(Customer.email == email.strip().lower()))


def add_order(*, session: Session, customer_id: int, data: OrderCreate, now: datetime) -> Order:
    """Add an order to a customer's records."""
    customer = get_customer(session=session, customer_id=customer_id)
    if session.scalar(select(Order.id).where(Order.number == data.number)) is not None:
        raise Conflict(f"an order numbered '{data.number}' already exists", field="number")
    order = Order(
        customer_id=customer.id,
        number=data.number,
        items=[
            {
                **item.model_dump(),
                "sku": mask_card_numbers(item.sku),
                "name": mask_card_numbers(item.name),
            }
            for item in data.items
        ],
        amount_minor=data.amount_minor,
        currency=data.currency,
        purchased_at=data.purchased_at,
        promised_by=data.promised_by,
        delivered_at=data.delivered_at,
        warranty_until=data.warranty_until,
        fulfilment_status=data.fulfilment_status,
    )
    session.add(order)
    session.flush()
    return order


def in_warranty(warranty_until: datetime | None, now: datetime) -> bool:
    """Whether an order with this warranty end is still under warranty at `now`."""
    return warranty_until is not None and warranty_until >= now


def order_out(order: Order, now: datetime) -> OrderOut:
    """An order with whether it is still under warranty at `now`."""
    out = OrderOut.model_validate(order)
    out.in_warranty = in_warranty(order.warranty_until, now)
    return out


def order_row_out(order: dict[str, Any], now: datetime) -> dict[str, Any]:
    """An order read by `ORDER_ROWS` with whether it is still under warranty at `now`."""
    order["in_warranty"] = in_warranty(order["warranty_until"], now)
    return order


CUSTOMER_ROWS = Shape(Customer, CustomerOut)
ORDER_ROWS = Shape(Order, OrderOut)
_PAST_ROWS = Shape(Dispute, PastDispute)
_ONE_CUSTOMER = Prepared(
    CUSTOMER_ROWS.select.where(Customer.__table__.c.id == bindparam("customer_id"))
)
_CUSTOMER_ORDERS = Prepared(
    ORDER_ROWS.select.where(Order.__table__.c.customer_id == bindparam("customer_id")).order_by(
        Order.__table__.c.purchased_at.desc()
    )
)
# The history line's columns only: loading whole disputes (their analysis, flags and SLA clocks)
# for a customer with many disputes cost more than the rest of the page.
_PAST_DISPUTES = Prepared(
    _PAST_ROWS.select.where(Dispute.__table__.c.customer_id == bindparam("customer_id"))
    .order_by(Dispute.__table__.c.created_at.desc(), Dispute.__table__.c.id.desc())
    .limit(200)
)


def customer_records_rows(
    *, conn: Connection, customer_id: int, now: datetime, customer: dict[str, Any] | None = None
) -> dict[str, Any]:
    """`customer_records` as JSON-ready dicts, read without the ORM (the dispute page's path).

    `customer` is the customer's `CUSTOMER_ROWS` dict when the caller has read it already.
    """
    ids = {"customer_id": customer_id}
    if customer is None:
        row = _ONE_CUSTOMER.first(conn, ids)
        if row is None:
            raise NotFound(f"customer {customer_id} not found")
        customer = CUSTOMER_ROWS.one(row)
    orders = ORDER_ROWS.read(conn, _CUSTOMER_ORDERS, ids)
    return {
        "customer": customer,
        "orders": [order_row_out(order, now) for order in orders],
        "disputes": _PAST_ROWS.read(conn, _PAST_DISPUTES, ids),
    }


def customer_records(*, session: Session, customer_id: int, now: datetime) -> CustomerRecords:
    """The customer, their orders (newest first) and their disputes (newest first)."""
    rows = customer_records_rows(conn=session.connection(), customer_id=customer_id, now=now)
    return CustomerRecords.model_validate(rows)

"""REST routes for customers and their records."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from disputedesk.actors import Actor
from disputedesk.apiutil import ERRORS, now, transaction
from disputedesk.auth.deps import staff_actor
from disputedesk.customers import service
from disputedesk.customers.schemas import (
    CustomerCreate,
    CustomerOut,
    CustomerRecords,
    CustomerUpdate,
    OrderCreate,
    OrderOut,
    PastDispute,
)
from disputedesk.schemas import Page, SafeStr

router = APIRouter(prefix="/api/v1/customers", tags=["customers"], responses=ERRORS)
CustomerId = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("", response_model=Page[CustomerOut])
def list_customers(
    request: Request,
    actor: Actor = Depends(staff_actor),
    q: Annotated[SafeStr | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    after_id: Annotated[int | None, Query(ge=0, le=2_147_483_647)] = None,
) -> Page[CustomerOut]:
    """Customers by id; `q` matches a part of the name or email."""
    with transaction(request) as session:
        rows = service.list_customers(session=session, q=q, limit=limit + 1, after_id=after_id)
        items = [CustomerOut.model_validate(c) for c in rows[:limit]]
    return Page[CustomerOut](
        items=items, next_cursor=str(items[-1].id) if len(rows) > limit else None
    )


@router.post("", response_model=CustomerOut, status_code=201)
def create_customer(
    request: Request, data: CustomerCreate, actor: Actor = Depends(staff_actor)
) -> CustomerOut:
    """Add a customer."""
    with transaction(request) as session:
        customer = service.create_customer(session=session, data=data, now=now(request))
        return CustomerOut.model_validate(customer)


@router.get("/{customer_id}", response_model=CustomerOut)
def get_customer(
    request: Request, customer_id: CustomerId, actor: Actor = Depends(staff_actor)
) -> CustomerOut:
    """One customer."""
    with transaction(request) as session:
        return CustomerOut.model_validate(
            service.get_customer(session=session, customer_id=customer_id)
        )


@router.patch("/{customer_id}", response_model=CustomerOut)
def update_customer(
    request: Request,
    customer_id: CustomerId,
    data: CustomerUpdate,
    actor: Actor = Depends(staff_actor),
) -> CustomerOut:
    """Change a customer's details."""
    with transaction(request) as session:
        customer = service.update_customer(
            session=session, customer_id=customer_id, data=data, now=now(request)
        )
        return CustomerOut.model_validate(customer)


@router.delete("/{customer_id}", status_code=204, response_class=Response)
def delete_customer(
    request: Request, customer_id: CustomerId, actor: Actor = Depends(staff_actor)
) -> Response:
    """Delete a customer without disputes (admins only)."""
    with transaction(request) as session:
        service.delete_customer(session=session, customer_id=customer_id, actor=actor)
    return Response(status_code=204)


@router.get("/{customer_id}/records", response_model=CustomerRecords)
def customer_records(
    request: Request, customer_id: CustomerId, actor: Actor = Depends(staff_actor)
) -> CustomerRecords:
    """The customer with their orders and past disputes."""
    with transaction(request) as session:
        return service.customer_records(session=session, customer_id=customer_id, now=now(request))


@router.get("/{customer_id}/orders", response_model=list[OrderOut])
def list_orders(
    request: Request, customer_id: CustomerId, actor: Actor = Depends(staff_actor)
) -> list[OrderOut]:
    """The customer's orders, newest first."""
    with transaction(request) as session:
        return service.customer_records(
            session=session, customer_id=customer_id, now=now(request)
        ).orders


@router.post("/{customer_id}/orders", response_model=OrderOut, status_code=201)
def add_order(
    request: Request,
    customer_id: CustomerId,
    data: OrderCreate,
    actor: Actor = Depends(staff_actor),
) -> OrderOut:
    """Add an order to the customer's records."""
    with transaction(request) as session:
        at = now(request)
        order = service.add_order(session=session, customer_id=customer_id, data=data, now=at)
        return service.order_out(order, at)


@router.get("/{customer_id}/disputes", response_model=list[PastDispute])
def customer_history(
    request: Request, customer_id: CustomerId, actor: Actor = Depends(staff_actor)
) -> list[PastDispute]:
    """The customer's disputes, newest first."""
    with transaction(request) as session:
        return service.customer_records(
            session=session, customer_id=customer_id, now=now(request)
        ).disputes

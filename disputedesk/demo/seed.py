"""Load the generated demo shop into a database through the same services the API uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from disputedesk.actors import SYSTEM, Actor
from disputedesk.auth.models import StaffUser
from disputedesk.auth.service import actor_for, create_token, create_user
from disputedesk.customers.models import Customer
from disputedesk.customers.schemas import CustomerCreate, OrderCreate, OrderItem
from disputedesk.customers.service import add_order, create_customer
from disputedesk.demo.generator import generate_demo
from disputedesk.demo.models import DemoDispute
from disputedesk.disputes.lifecycle import path_to
from disputedesk.disputes.schemas import (
    AssignRequest,
    DisputeCreate,
    EscalateRequest,
    MessageCreate,
    MoveRequest,
    ResolveRequest,
    TransitionRequest,
)
from disputedesk.disputes.service import (
    add_message,
    assign_dispute,
    escalate_dispute,
    open_dispute,
    transition_dispute,
)
from disputedesk.errors import DomainError
from disputedesk.remedies.policy_store import ensure_default_policy
from disputedesk.remedies.schemas import OfferCreate
from disputedesk.remedies.service import make_offer, remedies_for

DEMO_PASSWORD = "disputedesk-demo"  # noqa: S105 - demo mode only, printed to the user on start


@dataclass(frozen=True)
class DemoSummary:
    """What the demo load made, for the start-up message."""

    staff: list[tuple[str, str]]
    customers: int
    orders: int
    disputes: int
    api_token: str | None


def has_data(session: Session) -> bool:
    """Whether the database already holds customers (the demo is loaded only once)."""
    return bool(session.scalar(select(func.count()).select_from(Customer)))


def load_demo(*, session: Session, now: datetime, seed: int = 2026) -> DemoSummary:
    """Create the demo staff, customers, orders and disputes with their full histories."""
    data = generate_demo(now=now, seed=seed)
    users: dict[str, StaffUser] = {}
    for staff in data.staff:
        users[staff.username] = create_user(
            session=session,
            username=staff.username,
            password=DEMO_PASSWORD,
            role=staff.role,
            display_name=staff.display_name,
            email=staff.email,
        )
    customer_ids: dict[str, int] = {}
    for c in data.customers:
        customer = create_customer(
            session=session,
            data=CustomerCreate(name=c.name, email=c.email, phone=c.phone, tier=c.tier),
            now=c.created_at,
        )
        customer_ids[c.key] = customer.id
    order_ids: dict[str, int] = {}
    for o in data.orders:
        order = add_order(
            session=session,
            customer_id=customer_ids[o.customer_key],
            data=OrderCreate(
                number=o.number,
                items=[OrderItem(**vars(item)) for item in o.items],
                amount_minor=o.amount_minor,
                currency=o.currency,
                purchased_at=o.purchased_at,
                promised_by=o.promised_by,
                delivered_at=o.delivered_at,
                warranty_until=o.warranty_until,
                fulfilment_status=o.fulfilment_status,
            ),
            now=o.purchased_at,
        )
        order_ids[o.number] = order.id
    # The policy in force from the start, so offers in the history cite its clauses.
    ensure_default_policy(session=session, now=min(d.created_at for d in data.disputes))
    for d in sorted(data.disputes, key=lambda d: d.created_at):
        _load_dispute(session, d, users, customer_ids, order_ids, now)
    agent = next(u for u in users.values() if u.role == "agent")
    token = create_token(session=session, user=agent, name="demo")
    return DemoSummary(
        staff=[(s.username, s.role) for s in data.staff],
        customers=len(data.customers),
        orders=len(data.orders),
        disputes=len(data.disputes),
        api_token=token.raw,
    )


def _load_dispute(
    session: Session,
    d: DemoDispute,
    users: dict[str, StaffUser],
    customer_ids: dict[str, int],
    order_ids: dict[str, int],
    now: datetime,
) -> None:
    assignee = users.get(d.assignee) if d.assignee else None
    staff_actor: Actor = actor_for(assignee) if assignee else SYSTEM
    dispute = open_dispute(
        session=session,
        data=DisputeCreate(
            customer_id=customer_ids[d.customer_key],
            order_id=order_ids[d.order_number] if d.order_number else None,
            channel=d.channel,
            subject=d.subject,
            description=d.messages[0].body if d.messages else d.description,
            category=d.category,
            amount_minor=d.amount_minor,
            currency=d.currency,
            desired_outcome=d.desired_outcome,
            tags=list(d.tags),
        ),
        actor=SYSTEM,
        now=d.created_at,
    )
    last = d.created_at
    if assignee is not None:
        last = last + timedelta(minutes=5)
        assign_dispute(
            session=session,
            dispute_id=dispute.id,
            data=AssignRequest(assignee_id=assignee.id, version=dispute.version),
            actor=SYSTEM,
            now=last,
        )
    for message in d.messages[1:]:
        author = users.get(message.author)
        actor = actor_for(author) if author else staff_actor
        add_message(
            session=session,
            dispute_id=dispute.id,
            data=MessageCreate(direction=message.direction, body=message.body),
            actor=actor,
            now=message.at,
        )
        last = max(last, message.at)
    levels = ("none", "supervisor", "manager")
    if levels.index(d.escalation_level) > levels.index(dispute.escalation_level):
        last = last + timedelta(minutes=3)
        escalate_dispute(
            session=session,
            dispute_id=dispute.id,
            data=EscalateRequest(
                level=d.escalation_level,
                reason="customer asked for someone senior",
                version=dispute.version,
            ),
            actor=staff_actor,
            now=min(last, now),
        )
    for status in path_to(dispute.status, d.status) if dispute.status != d.status else []:
        last = last + timedelta(minutes=7)
        data: TransitionRequest
        if status == "resolved":
            data = ResolveRequest(
                to="resolved", version=dispute.version, outcome=d.outcome, root_cause=d.root_cause
            )
        else:
            data = MoveRequest(to=status, version=dispute.version)
        transition_dispute(
            session=session,
            dispute_id=dispute.id,
            data=data,
            actor=staff_actor,
            now=min(last, now),
        )

    if d.status == "offer_made":
        _offer_for(session, dispute_id=dispute.id, d=d, actor=staff_actor, now=min(last, now))


_WANTED = {"refund": "refund_full", "replacement": "replacement", "repair": "repair"}


def _offer_for(
    session: Session, *, dispute_id: int, d: DemoDispute, actor: Actor, now: datetime
) -> None:
    """Make the offer such a dispute waits on: the remedy the policy allows, as the agent would."""
    if actor.kind != "staff":
        return
    answer = remedies_for(session=session, dispute_id=dispute_id, now=now)
    wanted = _WANTED.get(d.desired_outcome)
    allowed = [x for x in answer.allowed() if x.remedy.value != "explanation"]
    choice = next((x for x in allowed if x.remedy.value == wanted), allowed[0] if allowed else None)
    if choice is None:
        return
    amount = min(choice.max_amount_minor, d.amount_minor or choice.max_amount_minor)
    try:
        make_offer(
            session=session,
            dispute_id=dispute_id,
            data=OfferCreate(remedy=choice.remedy.value, amount_minor=amount),
            actor=actor,
            now=now,
        )
    except DomainError:
        return

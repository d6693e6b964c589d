"""Use cases: what a dispute may be offered, making offers, approvals and the customer's answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.customers.models import Customer, Order
from disputedesk.disputes.events import record_event
from disputedesk.disputes.figures import offer_figures
from disputedesk.disputes.models import Dispute, Offer
from disputedesk.disputes.service import advance_status, get_dispute
from disputedesk.errors import Conflict, Forbidden, Invalid, NotFound
from disputedesk.policies import (
    DisputeFacts,
    OrderFacts,
    PriorRemedy,
    RemedyAnswer,
    check_offer,
    evaluate,
)
from disputedesk.remedies.policy_store import current_policy
from disputedesk.remedies.schemas import ApprovalDecision, CustomerAnswer, OfferCreate

ROLE_ORDER = ("agent", "supervisor", "manager", "admin")


def dispute_facts(*, session: Session, dispute: Dispute, now: datetime) -> DisputeFacts:
    """The facts the policy engine judges by, read from the dispute and the customer's records."""
    customer = session.get(Customer, dispute.customer_id)
    order = session.get(Order, dispute.order_id) if dispute.order_id else None
    granted = session.execute(
        select(Offer.remedy, Offer.updated_at, Offer.amount_minor)
        .join(Dispute, Dispute.id == Offer.dispute_id)
        .where(Dispute.customer_id == dispute.customer_id, Offer.status == "accepted")
    ).all()
    amount = dispute.amount_minor
    if amount is None:
        amount = order.amount_minor if order else 0
    return DisputeFacts(
        now=now,
        category=dispute.category,
        amount_in_dispute_minor=amount,
        currency=dispute.currency,
        order=OrderFacts(
            amount_minor=order.amount_minor,
            purchased_at=order.purchased_at,
            delivered_at=order.delivered_at,
            promised_by=order.promised_by,
            warranty_until=order.warranty_until,
            fulfilment_status=order.fulfilment_status,
        )
        if order
        else None,
        customer_tier=customer.tier if customer else None,
        customer_since=customer.created_at if customer else None,
        prior_remedies=tuple(
            PriorRemedy(remedy=r, granted_at=at, amount_minor=a or 0) for r, at, a in granted
        ),
    )


def remedies_for(*, session: Session, dispute_id: int, now: datetime) -> RemedyAnswer:
    """Per remedy: allowed or not, why, the clause to cite, the maximum, who may grant it."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    return evaluate(
        current_policy(session=session), dispute_facts(session=session, dispute=dispute, now=now)
    )


def _staff_role(actor: Actor) -> str:
    if actor.kind != "staff" or actor.role not in ROLE_ORDER:
        raise Forbidden("only staff may make or approve offers")
    return actor.role


def make_offer(
    *, session: Session, dispute_id: int, data: OfferCreate, actor: Actor, now: datetime
) -> Offer:
    """Offer a remedy within the policy; above the offerer's authority it waits for approval."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    if dispute.status in ("resolved", "closed"):
        raise Conflict(f"dispute {dispute.id} is {dispute.status}; reopen it before offering")
    policy = current_policy(session=session)
    if data.policy_version is not None and data.policy_version != policy.version:
        raise Conflict(
            f"policy version {data.policy_version} is no longer in force; the current version is "
            f"{policy.version}: check the remedies again",
            field="policy_version",
        )
    facts = dispute_facts(session=session, dispute=dispute, now=now)
    amount = data.amount_minor if data.amount_minor is not None else 0
    check = check_offer(
        policy, facts, remedy=data.remedy, amount_minor=amount, role=_staff_role(actor)
    )
    if check.status == "refused":
        error = Conflict if check.code == "policy_inactive" else Invalid
        raise error(
            check.message, field="remedy" if check.code == "remedy_not_allowed" else "amount_minor"
        )
    pending = check.status == "needs_approval"
    offer = Offer(
        dispute_id=dispute.id,
        remedy=data.remedy,
        amount_minor=data.amount_minor,
        currency=dispute.currency,
        status="pending_approval" if pending else "offered",
        clause_id=check.clause_id,
        policy_version=check.policy_version,
        policy_fingerprint=check.policy_fingerprint,
        approver_role=str(check.approver_role.value) if pending and check.approver_role else None,
        note=mask_card_numbers(data.note) if data.note else None,
        made_by_id=actor.id,
        created_at=now,
        updated_at=now,
        **offer_figures(dispute),
    )
    session.add(offer)
    session.flush()
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="offer.approval_requested" if pending else "offer.made",
        actor=actor,
        now=now,
        after={
            "offer_id": offer.id,
            "remedy": offer.remedy,
            "amount_minor": offer.amount_minor,
            "clause_id": offer.clause_id,
            "policy_version": offer.policy_version,
            "approver_role": offer.approver_role,
            "check": check.message,
        },
    )
    if not pending:
        advance_status(
            session=session,
            dispute=dispute,
            to="offer_made",
            actor=actor,
            now=now,
            reason="offer made",
        )
    session.flush()
    return offer


def get_offer(*, session: Session, offer_id: int) -> Offer:
    """One offer or NotFound."""
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFound(f"offer {offer_id} not found")
    return offer


def _move_offer(
    session: Session,
    offer: Offer,
    *,
    to: str,
    kind: str,
    actor: Actor,
    now: datetime,
    detail: dict[str, str | None],
) -> None:
    """Change an offer's status and record it on the dispute's trail, before and after."""
    before = {"offer_id": offer.id, "status": offer.status}
    offer.status = to
    offer.updated_at = now
    record_event(
        session=session,
        dispute_id=offer.dispute_id,
        kind=kind,
        actor=actor,
        now=now,
        before=before,
        after={"offer_id": offer.id, "status": to, **detail},
    )


def decide_approval(
    *, session: Session, offer_id: int, data: ApprovalDecision, actor: Actor, now: datetime
) -> Offer:
    """Approve or decline an offer that was above its maker's authority, with a reason."""
    offer = get_offer(session=session, offer_id=offer_id)
    if offer.status != "pending_approval":
        raise Conflict(f"offer {offer.id} is {offer.status}, not waiting for approval")
    role = _staff_role(actor)
    needed = offer.approver_role or "supervisor"
    if ROLE_ORDER.index(role) < ROLE_ORDER.index(needed):
        raise Forbidden(f"this offer needs a {needed} (or higher) to approve it")
    dispute = get_dispute(session=session, dispute_id=offer.dispute_id)
    if data.approve:
        policy = current_policy(session=session)
        facts = dispute_facts(session=session, dispute=dispute, now=now)
        check = check_offer(
            policy, facts, remedy=offer.remedy, amount_minor=offer.amount_minor or 0, role=role
        )
        if check.status != "ok":
            raise Conflict(f"cannot approve: {check.message}", field="approve")
    offer.decided_by_id = actor.id
    offer.decision_reason = mask_card_numbers(data.reason)
    _move_offer(
        session,
        offer,
        to="offered" if data.approve else "rejected",
        kind="offer.approved" if data.approve else "offer.approval_declined",
        actor=actor,
        now=now,
        detail={"reason": offer.decision_reason},
    )
    if data.approve:
        advance_status(
            session=session,
            dispute=dispute,
            to="offer_made",
            actor=actor,
            now=now,
            reason="offer approved",
        )
    session.flush()
    return offer


def answer_offer(
    *, session: Session, offer_id: int, data: CustomerAnswer, actor: Actor, now: datetime
) -> Offer:
    """Record the customer's yes or no; a no lets the agent offer an alternative."""
    offer = get_offer(session=session, offer_id=offer_id)
    if offer.status != "offered":
        raise Conflict(f"offer {offer.id} is {offer.status}; only an open offer can be answered")
    dispute = get_dispute(session=session, dispute_id=offer.dispute_id)
    offer.customer_note = mask_card_numbers(data.note) if data.note else None
    _move_offer(
        session,
        offer,
        to="accepted" if data.accept else "declined",
        kind="offer.accepted" if data.accept else "offer.declined",
        actor=actor,
        now=now,
        detail={"note": offer.customer_note},
    )
    if data.accept:
        # The customer took the remedy: the dispute heads for resolution as "remedied".
        dispute.outcome = "remedied"
        dispute.updated_at = now
    else:
        advance_status(
            session=session,
            dispute=dispute,
            to="investigating",
            actor=actor,
            now=now,
            reason="customer declined the offer",
        )
    session.flush()
    return offer


def list_offers(*, session: Session, dispute_id: int) -> list[Offer]:
    """A dispute's offers in the order they were made."""
    get_dispute(session=session, dispute_id=dispute_id)
    return list(
        session.scalars(select(Offer).where(Offer.dispute_id == dispute_id).order_by(Offer.id))
    )


def pending_approvals(*, session: Session, actor: Actor) -> list[Offer]:
    """Offers waiting for approval that this member of staff may approve, oldest first."""
    role = _staff_role(actor)
    allowed = ROLE_ORDER[: ROLE_ORDER.index(role) + 1]
    return list(
        session.scalars(
            select(Offer)
            .where(Offer.status == "pending_approval", Offer.approver_role.in_(allowed))
            .order_by(Offer.created_at, Offer.id)
        )
    )

"""Use cases of the customer portal: access links, and what a customer may see and do with one.

Every lookup is filtered by the link's customer (and its dispute, when the link has one), so an
id from somebody else answers NotFound exactly as an id that does not exist.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.config import get_settings
from disputedesk.customers.models import Customer, Order
from disputedesk.disputes.models import Dispute, Message, Offer
from disputedesk.disputes.schemas import DisputeCreate, MessageCreate
from disputedesk.disputes.service import add_message, open_dispute
from disputedesk.errors import Conflict, Invalid, NotFound
from disputedesk.portal.models import CustomerLink
from disputedesk.portal.schemas import (
    DEFAULT_VALID_DAYS,
    PortalDispute,
    PortalDisputeCreate,
    PortalDisputeDetail,
    PortalMessage,
    PortalOffer,
    PortalOrder,
    PortalReply,
)
from disputedesk.portal.tokens import link_token, new_nonce, nonce_hash, read_link_token
from disputedesk.remedies.schemas import CustomerAnswer
from disputedesk.remedies.service import answer_offer
from disputedesk.workflow.followups import survey_token
from disputedesk.workflow.models import Survey

# One message for every way a link can fail, so a probe learns nothing about which it was.
LINK_GONE = "this link is not valid or has expired; ask us for a new one"
NOT_YOURS = "not found"
MAX_ID = 2_147_483_647
# last_used_at is written at most this often, so reading pages does not write on every click.
_USE_GRANULARITY = timedelta(minutes=5)
# What a customer sees of a dispute's status.
STATUS_TEXT = {
    "new": "Received",
    "acknowledged": "We are on it",
    "investigating": "Being looked into",
    "awaiting_customer": "Waiting for your reply",
    "offer_made": "An offer is waiting for you",
    "resolved": "Resolved",
    "closed": "Closed",
}
# Offers waiting for a manager's approval, or turned down internally, are not the customer's.
VISIBLE_OFFERS = ("offered", "accepted", "declined", "withdrawn")


class LinkGone(NotFound):
    """The link is tampered with, unknown, expired or revoked (deliberately not told apart)."""

    def __init__(self) -> None:
        super().__init__(LINK_GONE)


@dataclass(frozen=True)
class IssuedLink:
    """A link just made, with its token (shown once, never stored)."""

    link: CustomerLink
    token: str

    @property
    def path(self) -> str:
        """The portal address of the link, relative to the site."""
        return f"/portal/{self.token}"


@dataclass(frozen=True)
class PortalAccess:
    """Who a genuine link lets in: one customer, and one of their disputes if it is scoped."""

    link: CustomerLink
    customer: Customer

    @property
    def customer_id(self) -> int:
        """The customer whose portal this is."""
        return self.customer.id

    @property
    def dispute_id(self) -> int | None:
        """The one dispute the link is limited to, if any."""
        return self.link.dispute_id

    @property
    def actor(self) -> Actor:
        """The customer as the author of what they do here."""
        return Actor(kind="customer", id=self.customer.id, name=self.customer.name)


def _secret() -> str:
    secret = get_settings().secret_key
    if not secret:
        raise Conflict("customer links need DISPUTEDESK_SECRET_KEY to sign them")
    return secret


def create_link(
    *,
    session: Session,
    customer_id: int,
    dispute_id: int | None,
    now: datetime,
    actor: Actor,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> IssuedLink:
    """Issue an access link for a customer (optionally for one of their disputes)."""
    secret = _secret()
    customer = session.get(Customer, customer_id) if 1 <= customer_id <= MAX_ID else None
    if customer is None:
        raise NotFound(f"customer {customer_id} not found")
    if dispute_id is not None:
        dispute = session.get(Dispute, dispute_id) if 1 <= dispute_id <= MAX_ID else None
        if dispute is None or dispute.customer_id != customer.id:
            raise NotFound(
                f"dispute {dispute_id} not found for customer {customer.id}", field="dispute_id"
            )
    nonce = new_nonce()
    link = CustomerLink(
        customer_id=customer.id,
        dispute_id=dispute_id,
        nonce_hash=nonce_hash(nonce),
        created_at=now,
        expires_at=now + timedelta(days=valid_days),
        created_by=actor.name[:200],
        created_by_id=actor.id if actor.kind == "staff" else None,
    )
    session.add(link)
    session.flush()
    return IssuedLink(link=link, token=link_token(secret, link.id, nonce))


def resolve_link(*, session: Session, token: str, now: datetime) -> PortalAccess:
    """The customer a link lets in; NotFound (always the same words) if it is not usable."""
    parsed = read_link_token(get_settings().secret_key, token)
    if parsed is None:
        raise LinkGone
    link_id, nonce = parsed
    link = session.get(CustomerLink, link_id)
    if (
        link is None
        or not secrets.compare_digest(link.nonce_hash, nonce_hash(nonce))
        or link.revoked_at is not None
        or link.expires_at <= now
    ):
        raise LinkGone
    customer = session.get(Customer, link.customer_id)
    if customer is None:
        raise LinkGone
    if link.last_used_at is None or now - link.last_used_at >= _USE_GRANULARITY:
        link.last_used_at = now
        session.flush()
    return PortalAccess(link=link, customer=customer)


def revoke_link(*, session: Session, link_id: int, now: datetime) -> CustomerLink:
    """End a link now; revoking it again changes nothing."""
    link = session.get(CustomerLink, link_id) if 1 <= link_id <= MAX_ID else None
    if link is None:
        raise NotFound(f"customer link {link_id} not found")
    if link.revoked_at is None:
        link.revoked_at = now
        session.flush()
    return link


def list_links(*, session: Session, customer_id: int) -> list[CustomerLink]:
    """A customer's links, newest first (tokens cannot be read back)."""
    if session.get(Customer, customer_id) is None:
        raise NotFound(f"customer {customer_id} not found")
    return list(
        session.scalars(
            select(CustomerLink)
            .where(CustomerLink.customer_id == customer_id)
            .order_by(CustomerLink.id.desc())
        )
    )


def _own_dispute(session: Session, access: PortalAccess, dispute_id: int) -> Dispute:
    """The dispute if the link may see it; otherwise NotFound, never a hint that it exists."""
    if not 1 <= dispute_id <= MAX_ID or access.dispute_id not in (None, dispute_id):
        raise NotFound(NOT_YOURS)
    dispute = session.scalar(
        select(Dispute).where(Dispute.id == dispute_id, Dispute.customer_id == access.customer_id)
    )
    if dispute is None:
        raise NotFound(NOT_YOURS)
    return dispute


def _own_offer(session: Session, access: PortalAccess, dispute_id: int, offer_id: int) -> Offer:
    dispute = _own_dispute(session, access, dispute_id)
    offer = (
        session.scalar(
            select(Offer).where(
                Offer.id == offer_id,
                Offer.dispute_id == dispute.id,
                Offer.status.in_(VISIBLE_OFFERS),
            )
        )
        if 1 <= offer_id <= MAX_ID
        else None
    )
    if offer is None:
        raise NotFound(NOT_YOURS)
    return offer


def _order_numbers(session: Session, order_ids: set[int]) -> dict[int, str]:
    if not order_ids:
        return {}
    rows = session.execute(select(Order.id, Order.number).where(Order.id.in_(order_ids)))
    return {row.id: row.number for row in rows}


def _summary(dispute: Dispute, numbers: dict[int, str]) -> PortalDispute:
    return PortalDispute(
        id=dispute.id,
        subject=dispute.subject,
        status=dispute.status,
        status_text=STATUS_TEXT.get(dispute.status, dispute.status),
        order_number=numbers.get(dispute.order_id) if dispute.order_id else None,
        created_at=dispute.created_at,
        updated_at=dispute.updated_at,
    )


def portal_disputes(*, session: Session, access: PortalAccess) -> list[PortalDispute]:
    """The customer's disputes, newest first (just the one, for a link limited to it)."""
    query = (
        select(Dispute)
        .where(Dispute.customer_id == access.customer_id)
        .order_by(Dispute.created_at.desc(), Dispute.id.desc())
        .limit(200)
    )
    if access.dispute_id is not None:
        query = query.where(Dispute.id == access.dispute_id)
    disputes = list(session.scalars(query))
    numbers = _order_numbers(session, {d.order_id for d in disputes if d.order_id})
    return [_summary(d, numbers) for d in disputes]


def _open_survey_path(session: Session, dispute_id: int, now: datetime) -> str | None:
    survey = session.scalar(
        select(Survey)
        .where(
            Survey.dispute_id == dispute_id,
            Survey.answered_at.is_(None),
            Survey.expires_at > now,
        )
        .order_by(Survey.id.desc())
        .limit(1)
    )
    return f"/survey/{survey_token(survey)}" if survey is not None else None


def portal_dispute(
    *, session: Session, access: PortalAccess, dispute_id: int, now: datetime
) -> PortalDisputeDetail:
    """One of the customer's disputes: status, conversation (no notes), offers, open survey."""
    dispute = _own_dispute(session, access, dispute_id)
    messages = session.scalars(
        select(Message)
        .where(Message.dispute_id == dispute.id, Message.direction.in_(("inbound", "outbound")))
        .order_by(Message.created_at, Message.id)
    )
    offers = session.scalars(
        select(Offer)
        .where(Offer.dispute_id == dispute.id, Offer.status.in_(VISIBLE_OFFERS))
        .order_by(Offer.id)
    )
    numbers = _order_numbers(session, {dispute.order_id} if dispute.order_id else set())
    return PortalDisputeDetail(
        **_summary(dispute, numbers).model_dump(),
        messages=[
            PortalMessage(
                id=m.id,
                from_customer=m.direction == "inbound",
                body=m.body,
                created_at=m.created_at,
            )
            for m in messages
        ],
        offers=[
            PortalOffer(
                id=o.id,
                remedy=o.remedy,
                amount_minor=o.amount_minor,
                currency=o.currency,
                status=o.status,
                created_at=o.created_at,
            )
            for o in offers
        ],
        survey_path=_open_survey_path(session, dispute.id, now),
        can_reply=dispute.status != "closed",
    )


def reply(
    *, session: Session, access: PortalAccess, dispute_id: int, data: PortalReply, now: datetime
) -> Message:
    """The customer's reply: an inbound web message, analysed, resuming a paused SLA clock."""
    dispute = _own_dispute(session, access, dispute_id)
    if dispute.status == "closed":
        raise Conflict("this dispute is closed; file a new one if something is still wrong")
    return add_message(
        session=session,
        dispute_id=dispute.id,
        data=MessageCreate(direction="inbound", body=data.body, channel="web"),
        actor=access.actor,
        now=now,
    )


def customer_orders(*, session: Session, access: PortalAccess) -> list[PortalOrder]:
    """The customer's own orders, newest first, to choose from when filing a dispute."""
    orders = session.scalars(
        select(Order)
        .where(Order.customer_id == access.customer_id)
        .order_by(Order.purchased_at.desc(), Order.id.desc())
        .limit(200)
    )
    result = []
    for order in orders:
        items = ", ".join(str(i.get("name", "")) for i in (order.items or [])[:3] if i.get("name"))
        label = f"{order.number} · {order.purchased_at:%Y-%m-%d}" + (f" · {items}" if items else "")
        result.append(PortalOrder(id=order.id, number=order.number, label=label))
    return result


def file_dispute(
    *, session: Session, access: PortalAccess, data: PortalDisputeCreate, now: datetime
) -> Dispute:
    """Open a dispute from the portal (channel web), about one of the customer's own orders."""
    if access.dispute_id is not None:
        raise NotFound(NOT_YOURS)  # a link for one dispute does not open others
    if data.order_id is not None and (
        session.scalar(
            select(Order.id).where(
                Order.id == data.order_id, Order.customer_id == access.customer_id
            )
        )
        is None
    ):
        raise Invalid("choose one of your own orders", field="order_id")
    return open_dispute(
        session=session,
        data=DisputeCreate(
            customer_id=access.customer_id,
            order_id=data.order_id,
            channel="web",
            subject=data.subject,
            description=data.description,
            desired_outcome=data.desired_outcome,
        ),
        actor=access.actor,
        now=now,
    )


def answer(
    *,
    session: Session,
    access: PortalAccess,
    dispute_id: int,
    offer_id: int,
    accept: bool,
    note: str | None,
    now: datetime,
) -> Offer:
    """The customer accepts or declines one of the offers on their dispute."""
    offer = _own_offer(session, access, dispute_id, offer_id)
    return answer_offer(
        session=session,
        offer_id=offer.id,
        data=CustomerAnswer(accept=accept, note=note),
        actor=access.actor,
        now=now,
    )

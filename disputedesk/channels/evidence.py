"""The evidence packet of a dispute: order, delivery, the whole conversation, offers, clauses."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.channels.models import Chargeback
from disputedesk.channels.schemas import ChargebackOut, EvidencePacket
from disputedesk.customers.models import Customer, Order
from disputedesk.disputes.models import DisputeEvent, Message, Offer
from disputedesk.disputes.service import get_dispute
from disputedesk.policies import PolicyError, load_default_policy, load_policy_text
from disputedesk.remedies.models import PolicyVersion

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _clause(session: Session, offer: Offer, cache: dict[str, Any]) -> dict[str, Any] | None:
    if not offer.clause_id:
        return None
    found: dict[str, Any] = {
        "clause_id": offer.clause_id,
        "policy_version": offer.policy_version,
        "title": None,
        "text": None,
    }
    fingerprint = offer.policy_fingerprint
    if fingerprint:
        if fingerprint not in cache:
            row = session.scalar(
                select(PolicyVersion).where(PolicyVersion.fingerprint == fingerprint)
            )
            try:
                policy = load_policy_text(row.text, source=row.source_name) if row else None
            except PolicyError:
                policy = None
            if policy is None:
                # Offers made before any upload cite the shipped pack, which is not stored.
                shipped = load_default_policy()
                policy = shipped if shipped.fingerprint == fingerprint else None
            cache[fingerprint] = policy
        policy = cache[fingerprint]
        if policy is not None:
            try:
                clause = policy.clause(offer.clause_id)
            except KeyError:
                return found
            found.update(title=clause.title, text=clause.text)
    return found


def evidence_packet(*, session: Session, dispute_id: int, now: datetime) -> EvidencePacket:
    """Gather what contests a chargeback: records, communication log, offers and their clauses."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    customer = session.get_one(Customer, dispute.customer_id)
    order = session.get(Order, dispute.order_id) if dispute.order_id else None
    messages = session.scalars(
        select(Message)
        .where(Message.dispute_id == dispute.id, Message.direction != "note")
        .order_by(Message.created_at, Message.id)
    )
    offers = list(
        session.scalars(select(Offer).where(Offer.dispute_id == dispute.id).order_by(Offer.id))
    )
    chargebacks = session.scalars(
        select(Chargeback).where(Chargeback.dispute_id == dispute.id).order_by(Chargeback.id)
    )
    events = session.scalars(
        select(DisputeEvent).where(DisputeEvent.dispute_id == dispute.id).order_by(DisputeEvent.id)
    )
    cache: dict[str, Any] = {}
    offer_rows = [
        {
            "id": o.id,
            "remedy": o.remedy,
            "amount_minor": o.amount_minor,
            "currency": o.currency,
            "status": o.status,
            "clause_id": o.clause_id,
            "policy_version": o.policy_version,
            "offered_at": _iso(o.created_at),
            "decided_at": _iso(o.updated_at) if o.status != "offered" else None,
            "customer_note": o.customer_note,
        }
        for o in offers
    ]
    clauses: dict[tuple[str, str | None], dict[str, Any]] = {}
    for offer in offers:
        clause = _clause(session, offer, cache)
        if clause is not None:
            clauses.setdefault((clause["clause_id"], clause["policy_version"]), clause)
    return EvidencePacket(
        generated_at=now,
        dispute={
            "id": dispute.id,
            "subject": dispute.subject,
            "channel": dispute.channel,
            "category": dispute.category,
            "status": dispute.status,
            "outcome": dispute.outcome,
            "amount_minor": dispute.amount_minor,
            "currency": dispute.currency,
            "opened_at": _iso(dispute.created_at),
            "resolved_at": _iso(dispute.resolved_at),
        },
        customer={"id": customer.id, "name": customer.name, "email": customer.email},
        order=(
            {
                "number": order.number,
                "items": order.items,
                "amount_minor": order.amount_minor,
                "currency": order.currency,
                "purchased_at": _iso(order.purchased_at),
                "warranty_until": _iso(order.warranty_until),
            }
            if order
            else None
        ),
        delivery=(
            {
                "fulfilment_status": order.fulfilment_status,
                "promised_by": _iso(order.promised_by),
                "delivered_at": _iso(order.delivered_at),
            }
            if order
            else None
        ),
        chargebacks=[ChargebackOut.model_validate(c) for c in chargebacks],
        communication=[
            {
                "at": _iso(m.created_at),
                "direction": m.direction,
                "channel": m.channel,
                "author": m.author_name,
                "body": m.body,
            }
            for m in messages
        ],
        offers=offer_rows,
        accepted_remedies=[o for o in offer_rows if o["status"] == "accepted"],
        policy_clauses=list(clauses.values()),
        events=[{"at": _iso(e.created_at), "kind": e.kind, "actor": e.actor_name} for e in events],
    )


def money(amount_minor: int | None, currency: str) -> str:
    """Minor units as a plain amount with its currency code."""
    return "-" if amount_minor is None else f"{amount_minor / 100:,.2f} {currency}"


def evidence_html(packet: EvidencePacket) -> str:
    """The packet as one printable, self-contained HTML page (everything escaped)."""
    template = _templates.get_template("evidence.html")
    return template.render(p=packet, money=money)

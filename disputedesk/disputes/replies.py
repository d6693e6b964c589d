"""Replies to customers: coached against the dispute's context, drafted for the playbook step."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.assist.templates import active_template_bodies
from disputedesk.channels.outbox import queue_reply_email
from disputedesk.coach import (
    CoachContext,
    CoachReport,
    ComposeFacts,
    PlaybookStep,
    Tone,
    coach,
    compose_reply,
    context_for_step,
)
from disputedesk.coach import Offer as ComposeOffer
from disputedesk.customers.models import Customer, Order
from disputedesk.disputes.events import record_event
from disputedesk.disputes.models import Dispute, Message, Offer
from disputedesk.disputes.schemas import MessageCreate
from disputedesk.disputes.service import add_message, get_dispute
from disputedesk.errors import Invalid
from disputedesk.policies import RemedyAnswer
from disputedesk.remedies.service import remedies_for

# Categories where, when a customer complains, the shop's own process usually failed them.
_COMPANY_SIDE = {"delivery", "product_defect", "billing", "service_quality", "warranty"}
_WANTED_REMEDY = {
    "refund": "refund_full",
    "replacement": "replacement",
    "repair": "repair",
    "credit": "store_credit",
}


class DraftOut(BaseModel):
    """A composed reply, the playbook step it was written for, and the coach's verdict on it."""

    step: PlaybookStep
    tone: Tone
    text: str
    report: CoachReport


def _latest_open_offer(session: Session, dispute_id: int) -> Offer | None:
    return session.scalar(
        select(Offer)
        .where(Offer.dispute_id == dispute_id, Offer.status == "offered")
        .order_by(Offer.id.desc())
        .limit(1)
    )


def playbook_step(dispute: Dispute, answer: RemedyAnswer, offer: Offer | None) -> PlaybookStep:
    """Which step of the playbook the next reply belongs to."""
    if dispute.status in ("resolved", "closed"):
        return PlaybookStep.follow_up
    if offer is not None:
        return PlaybookStep.offer
    wanted = _WANTED_REMEDY.get(dispute.desired_outcome or "")
    if (
        wanted
        and dispute.status in ("investigating", "awaiting_customer")
        and not answer.decision(wanted).allowed
    ):
        return PlaybookStep.declining
    if dispute.status in ("new", "acknowledged"):
        return PlaybookStep.first_response
    return PlaybookStep.investigating


def compose_facts(
    *,
    session: Session,
    dispute: Dispute,
    answer: RemedyAnswer,
    offer: Offer | None,
    agent_name: str,
) -> ComposeFacts:
    """The case's facts as the composer needs them, read from the dispute and its records."""
    customer = session.get(Customer, dispute.customer_id)
    order = session.get(Order, dispute.order_id) if dispute.order_id else None
    compose_offer = None
    if offer is not None:
        clause = answer.decision(offer.remedy).clause if offer.remedy else None
        compose_offer = ComposeOffer(
            remedy=offer.remedy,
            amount_minor=offer.amount_minor,
            clause_id=offer.clause_id,
            clause_text=clause.text if clause else None,
        )
    wanted = _WANTED_REMEDY.get(dispute.desired_outcome or "")
    boundary = answer.boundary_sentence(wanted) if wanted else None
    alternatives = (
        [d.remedy.value.replace("_", " ") for d in answer.alternatives(wanted)] if wanted else []
    )
    items = order.items if order else []
    return ComposeFacts(
        customer_name=(customer.name if customer else "there").split(" ")[0] or "there",
        order_number=order.number if order else None,
        item=str(items[0].get("name")) if items else None,
        amount_minor=dispute.amount_minor
        if dispute.amount_minor is not None
        else (order.amount_minor if order else None),
        currency=dispute.currency,
        purchased_at=order.purchased_at.date() if order else None,
        delivered_at=order.delivered_at.date() if order and order.delivered_at else None,
        desired_outcome=dispute.desired_outcome,
        category=dispute.category,
        what_happened=dispute.subject,
        offer=compose_offer,
        alternatives=alternatives,
        boundary_sentence=boundary,
        missing_facts=[] if order else ["your order number"],
        agent_name=agent_name,
        company_at_fault=dispute.category in _COMPANY_SIDE,
    )


def coaching_context(*, session: Session, dispute: Dispute, now: datetime) -> CoachContext:
    """What the coach should expect of a reply on this dispute right now."""
    answer = remedies_for(session=session, dispute_id=dispute.id, now=now)
    offer = _latest_open_offer(session, dispute.id)
    facts = compose_facts(
        session=session, dispute=dispute, answer=answer, offer=offer, agent_name=""
    )
    context = context_for_step(facts, playbook_step(dispute, answer, offer))
    refund = answer.decision("refund_full")
    return context.model_copy(
        update={
            "allowed_max_refund_minor": refund.max_amount_minor if refund.allowed else 0,
            "allowed_remedies": [d.remedy.value for d in answer.allowed()],
            "templates": active_template_bodies(session=session),
        }
    )


def coach_draft(
    *, session: Session, draft: str, dispute_id: int | None, now: datetime
) -> CoachReport:
    """Coach a draft, in the context of a dispute when one is given."""
    if dispute_id is None:
        return coach(draft)
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    return coach(draft, coaching_context(session=session, dispute=dispute, now=now))


def draft_reply(
    *,
    session: Session,
    dispute_id: int,
    step: PlaybookStep | None,
    tone: Tone,
    actor: Actor,
    now: datetime,
) -> DraftOut:
    """Write a reply for the dispute's current playbook step (or the step asked for)."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    answer = remedies_for(session=session, dispute_id=dispute.id, now=now)
    offer = _latest_open_offer(session, dispute.id)
    chosen = step or playbook_step(dispute, answer, offer)
    facts = compose_facts(
        session=session, dispute=dispute, answer=answer, offer=offer, agent_name=actor.name
    )
    text = compose_reply(facts, step=chosen, tone=tone)
    return DraftOut(
        step=chosen, tone=tone, text=text, report=coach(text, context_for_step(facts, chosen))
    )


def post_message(
    *,
    session: Session,
    dispute_id: int,
    data: MessageCreate,
    actor: Actor,
    now: datetime,
    threshold: int,
) -> Message:
    """Add a message; a reply to the customer is coached and must pass or be overridden."""
    if data.direction != "outbound":
        return add_message(session=session, dispute_id=dispute_id, data=data, actor=actor, now=now)
    # The coach reads what will be stored, so its evidence offsets match the stored body.
    data = data.model_copy(update={"body": mask_card_numbers(data.body)})
    report = coach_draft(session=session, draft=data.body, dispute_id=dispute_id, now=now)
    if not report.passes(threshold) and not data.override_reason:
        kinds = sorted({f.kind for f in report.findings})
        problems = f" ({', '.join(kinds)})" if kinds else ""
        raise Invalid(
            f"the coach scores this reply {report.score}, below the send threshold of {threshold}"
            f"{problems}; improve it, or send it with an override_reason",
            field="body",
        )
    message = add_message(
        session=session,
        dispute_id=dispute_id,
        data=data,
        actor=actor,
        now=now,
        coach_report=report.model_dump(mode="json"),
    )
    # On an email dispute the reply also goes out by mail (queued now, sent by the worker).
    queue_reply_email(
        session=session,
        message=message,
        dispute=get_dispute(session=session, dispute_id=dispute_id),
        now=now,
    )
    if not report.passes(threshold):
        record_event(
            session=session,
            dispute_id=dispute_id,
            kind="reply.coach_overridden",
            actor=actor,
            now=now,
            after={
                "message_id": message.id,
                "score": report.score,
                "threshold": threshold,
                "reason": mask_card_numbers(data.override_reason or ""),
            },
        )
    return message

"""Chargeback intake: a processor's dispute notification opens or updates the desk's dispute."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.analysis.pii import find_card_numbers
from disputedesk.channels.models import Chargeback
from disputedesk.channels.schemas import OutcomeRequest, ProcessorDispute
from disputedesk.customers.models import Customer, Order
from disputedesk.customers.schemas import CustomerCreate
from disputedesk.customers.service import create_customer, find_customer_by_email
from disputedesk.disputes.events import record_event
from disputedesk.disputes.models import Dispute
from disputedesk.disputes.schemas import DisputeCreate
from disputedesk.disputes.service import open_dispute
from disputedesk.errors import NotFound
from disputedesk.workflow.triage import refresh_sla

PROCESSOR = Actor(kind="system", id=None, name="payment processor")
_CATEGORY = {
    "fraudulent": "fraud",
    "unrecognized": "fraud",
    "product_not_received": "delivery",
    "product_unacceptable": "product_defect",
    "duplicate": "billing",
    "subscription_canceled": "subscription",
    "credit_not_processed": "refund",
}
_FINAL = {"won": "won", "lost": "lost", "warning_closed": None}
_ORDER_KEYS = ("order_number", "order_id", "order")
_EMAIL_KEYS = ("customer_email", "email")
Result = Literal["created", "updated", "unchanged", "stale"]


def _utc(seconds: int | None) -> datetime | None:
    return datetime.fromtimestamp(seconds, UTC) if seconds is not None else None


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key, "").strip()
        if value:
            return value
    return None


def _customer_and_order(
    session: Session, data: ProcessorDispute, now: datetime
) -> tuple[Customer, Order | None]:
    number = _first(data.metadata, _ORDER_KEYS)
    order = session.scalar(select(Order).where(Order.number == number)) if number else None
    if order is not None:
        customer = session.get(Customer, order.customer_id)
        if customer is not None:
            return customer, order
    email = _first(data.metadata, _EMAIL_KEYS)
    if email:
        found = find_customer_by_email(session=session, email=email)
        if found is not None:
            return found, None
    charge = data.charge or data.payment_intent or data.id
    raw: dict[str, Any] = {"name": f"Cardholder of {charge}"[:200]}
    if email and "@" in email:
        raw["email"] = email
    return create_customer(session=session, data=CustomerCreate.model_validate(raw), now=now), None


def _state(data: ProcessorDispute) -> dict[str, Any]:
    due = _utc(data.evidence_details.due_by)
    return {
        "amount_minor": data.amount,
        "currency": data.currency.upper(),
        "reason": data.reason,
        "status": data.status,
        "due_by": due.isoformat() if due else None,
        "evidence_submitted": data.evidence_details.has_evidence,
    }


def _row_state(row: Chargeback) -> dict[str, Any]:
    return {
        "amount_minor": row.amount_minor,
        "currency": row.currency,
        "reason": row.reason,
        "status": row.status,
        "due_by": row.due_by.isoformat() if row.due_by else None,
        "evidence_submitted": row.evidence_submitted,
    }


def _open(
    session: Session, data: ProcessorDispute, event_at: datetime, now: datetime
) -> Chargeback:
    customer, order = _customer_and_order(session, data, now)
    amount = f"{data.amount / 100:.2f} {data.currency.upper()}"
    due = _utc(data.evidence_details.due_by)
    charge = data.charge or data.payment_intent or "unknown charge"
    description = (
        f"The payment processor opened dispute {data.id} on {charge} for {amount}, "
        f"reason '{data.reason}'."
        + (f" Evidence is due by {due:%Y-%m-%d %H:%M} UTC." if due else "")
    )
    dispute = open_dispute(
        session=session,
        data=DisputeCreate.model_validate(
            {
                "customer_id": customer.id,
                "order_id": order.id if order else None,
                "channel": "chargeback",
                "subject": f"Chargeback: {data.reason.replace('_', ' ')} ({amount})"[:300],
                "description": description,
                "category": _CATEGORY.get(data.reason, "billing"),
                "amount_minor": data.amount,
                "currency": data.currency.upper(),
            }
        ),
        actor=PROCESSOR,
        now=now,
    )
    row = Chargeback(
        processor_id=data.id,
        dispute_id=dispute.id,
        charge_ref=data.charge or data.payment_intent,
        amount_minor=data.amount,
        currency=data.currency.upper(),
        reason=data.reason,
        status=data.status,
        due_by=due,
        outcome=_FINAL.get(data.status),
        evidence_submitted=data.evidence_details.has_evidence,
        last_event_at=event_at,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="chargeback.received",
        actor=PROCESSOR,
        now=now,
        after={"chargeback_id": row.id, "processor_id": data.id, **_state(data)},
    )
    # The evidence deadline is a hard SLA on the dispute: it never pauses.
    dispute.evidence_due_by = due
    refresh_sla(session=session, dispute=dispute, now=now)
    return row


def stored_processor_id(processor_id: str, key: str) -> str:
    """The processor's dispute id as stored: as sent, unless it holds a card number.

    The id makes intake idempotent, so it cannot simply be masked (two ids ending in the same
    four digits would become one): a card-like id is stored masked plus a keyed digest of the
    whole id, spelled in letters only, so repeats still match and no digits of it are kept."""
    if not find_card_numbers(processor_id):
        return processor_id
    digest = hmac.new(key.encode(), processor_id.encode(), hashlib.sha256).digest()
    letters = "".join(chr(ord("a") + (b >> 4)) + chr(ord("a") + (b & 15)) for b in digest[:12])
    return f"{mask_card_numbers(processor_id)[:200]} ref {letters}"


def _masked(data: ProcessorDispute, key: str) -> ProcessorDispute:
    # The reason and the charge reference are stored and shown, masked; the dispute id keeps
    # its identity through a keyed digest when it looks like a card number.
    charge, intent = data.charge, data.payment_intent
    return data.model_copy(
        update={
            "id": stored_processor_id(data.id, key),
            "reason": mask_card_numbers(data.reason),
            "charge": mask_card_numbers(charge) if charge else charge,
            "payment_intent": mask_card_numbers(intent) if intent else intent,
        }
    )


def receive_chargeback(
    *, session: Session, data: ProcessorDispute, event_at: datetime, now: datetime, key: str
) -> tuple[Result, Chargeback]:
    """Open or update the chargeback; duplicates change nothing, older news never wins.

    `key` (the intake's signing secret) keys the digest of a card-like dispute id."""
    data = _masked(data, key)
    row = session.scalar(
        select(Chargeback).where(Chargeback.processor_id == data.id).with_for_update()
    )
    if row is None:
        return "created", _open(session, data, event_at, now)
    if event_at < row.last_event_at:
        return "stale", row
    before, after = _row_state(row), _state(data)
    changed = {k for k in after if after[k] != before[k]}
    if not changed:
        return "unchanged", row
    row.amount_minor = data.amount
    row.currency = data.currency.upper()
    row.reason = data.reason
    row.status = data.status
    row.due_by = _utc(data.evidence_details.due_by)
    row.evidence_submitted = data.evidence_details.has_evidence
    if _FINAL.get(data.status):
        row.outcome = _FINAL[data.status]
    row.last_event_at = event_at
    row.updated_at = now
    record_event(
        session=session,
        dispute_id=row.dispute_id,
        kind="chargeback.updated",
        actor=PROCESSOR,
        now=now,
        before={k: before[k] for k in sorted(changed)},
        after={k: after[k] for k in sorted(changed)},
    )
    dispute = session.get(Dispute, row.dispute_id)
    if dispute is not None:
        if data.evidence_details.has_evidence and not before.get("evidence_submitted"):
            record_event(
                session=session,
                dispute_id=dispute.id,
                kind="chargeback.evidence_submitted",
                actor=PROCESSOR,
                now=now,
                after={"chargeback_id": row.id},
            )
        dispute.evidence_due_by = row.due_by
        refresh_sla(session=session, dispute=dispute, now=now)
    session.flush()
    return "updated", row


def get_chargeback(*, session: Session, chargeback_id: int) -> Chargeback:
    """One chargeback or NotFound."""
    row = session.get(Chargeback, chargeback_id)
    if row is None:
        raise NotFound(f"chargeback {chargeback_id} not found")
    return row


def record_outcome(
    *, session: Session, chargeback_id: int, data: OutcomeRequest, actor: Actor, now: datetime
) -> Chargeback:
    """Record how a chargeback ended (won, lost, accepted) and the fee it cost."""
    row = get_chargeback(session=session, chargeback_id=chargeback_id)
    before = {"outcome": row.outcome, "fee_minor": row.fee_minor}
    row.outcome = data.outcome
    if data.fee_minor is not None:
        row.fee_minor = data.fee_minor
    row.updated_at = now
    after: dict[str, Any] = {"outcome": row.outcome, "fee_minor": row.fee_minor}
    if data.note:
        after["note"] = mask_card_numbers(data.note)
    record_event(
        session=session,
        dispute_id=row.dispute_id,
        kind="chargeback.outcome_recorded",
        actor=actor,
        now=now,
        before=before,
        after=after,
    )
    session.flush()
    return row

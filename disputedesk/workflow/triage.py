"""Triage that runs by itself: priority with reasons, SLA clocks, automatic escalation."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import SYSTEM, Actor
from disputedesk.customers.models import Customer
from disputedesk.disputes.events import record_event
from disputedesk.disputes.lifecycle import PRIORITY_RANK
from disputedesk.disputes.models import SLA_NEVER, Dispute, DisputeEvent, Message
from disputedesk.workflow.calendar import add_business_time, business_time_between
from disputedesk.workflow.models import Notification
from disputedesk.workflow.priority import compute_priority
from disputedesk.workflow.rules import escalation_flags, evaluate_escalation, follow_up_due
from disputedesk.workflow.setup import workflow_setup
from disputedesk.workflow.sla import (
    SlaEvent,
    SlaStatus,
    compute_sla,
    hard_deadline,
    sla_transitions,
)

NEAR_BREACH_FRACTION = 0.2
_DUE_COLUMNS = {
    "first_response": "sla_first_response_due_at",
    "next_response": "sla_next_response_due_at",
    "resolution": "sla_resolution_due_at",
}


def _sla_events(session: Session, dispute: Dispute) -> list[SlaEvent]:
    """The dispute's history as the SLA clock reads it."""
    rows = session.execute(
        select(DisputeEvent.kind, DisputeEvent.before, DisputeEvent.after, DisputeEvent.created_at)
        .where(DisputeEvent.dispute_id == dispute.id)
        .order_by(DisputeEvent.id)
    )
    events: list[SlaEvent] = []
    for kind, before, after, at in rows:
        was = (before or {}).get("status")
        now_status = (after or {}).get("status")
        if kind == "message.received":
            events.append(SlaEvent("customer_message", at))
        elif kind == "message.sent":
            events.append(SlaEvent("agent_response", at))
        elif kind == "dispute.reopened":
            events.append(SlaEvent("reopened", at))
        elif kind == "dispute.status_changed":
            if was == "awaiting_customer" and now_status != "awaiting_customer":
                events.append(SlaEvent("resumed", at))
            if now_status == "awaiting_customer":
                events.append(SlaEvent("paused", at))
            elif now_status == "resolved":
                events.append(SlaEvent("resolved", at))
        elif kind == "chargeback.evidence_submitted":
            events.append(SlaEvent("evidence_submitted", at))
    return events


def _alert_key(target: str, kind: str, started_at: datetime | None) -> str:
    return f"{target}:{kind}:{started_at.isoformat() if started_at else '-'}"


def _next_check(status: SlaStatus, now: datetime) -> datetime | None:
    """The next moment an alert may become due: near-breach first, then the due time."""
    setup = workflow_setup()
    moments: list[datetime] = []
    for target in status.targets:
        if target.due_at is None or target.state not in ("running", "near_breach"):
            continue
        if target.alert == "none" and target.started_at is not None and not target.hard:
            span = business_time_between(setup.calendar, target.started_at, target.due_at)
            near = add_business_time(
                setup.calendar, target.started_at, span * (1 - NEAR_BREACH_FRACTION)
            )
            moments.append(max(near, now))
        elif target.alert == "none" and target.hard and target.started_at is not None:
            span = target.due_at - target.started_at
            moments.append(max(target.due_at - span * NEAR_BREACH_FRACTION, now))
        else:
            moments.append(target.due_at)
    return min(moments) if moments else None


def refresh_sla(
    *,
    session: Session,
    dispute: Dispute,
    now: datetime,
    actor: Actor = SYSTEM,
    just_opened: bool = False,
) -> None:
    """Recompute the SLA clocks, store the due times, record new near-breaches and breaches.

    `just_opened`: the dispute was opened in this transaction, so its trail holds nothing the
    clocks read yet and need not be queried."""
    setup = workflow_setup()
    opened = (
        dispute.created_at
        if just_opened
        else session.scalar(
            select(DisputeEvent.created_at)
            .where(DisputeEvent.dispute_id == dispute.id, DisputeEvent.kind == "dispute.opened")
            .limit(1)
        )
    )
    deadlines = [hard_deadline(dispute.evidence_due_by)] if dispute.evidence_due_by else []
    status = compute_sla(
        calendar=setup.calendar,
        targets=setup.sla_policy.targets_for(dispute.priority, dispute.category),  # type: ignore[arg-type]
        opened_at=opened or dispute.created_at,
        events=[] if just_opened else _sla_events(session, dispute),
        now=now,
        deadlines=deadlines,
        near_breach_fraction=NEAR_BREACH_FRACTION,
    )
    for target in status.targets:
        column = _DUE_COLUMNS.get(target.name)
        if column is not None:
            running = (
                target.state in ("running", "near_breach", "breached")
                and target.completed_at is None
            )
            setattr(dispute, column, target.due_at if running else None)
    dispute.sla_due_at = status.next_due_at
    dispute.sla_sort_at = status.next_due_at or SLA_NEVER
    dispute.sla_paused = status.paused
    dispute.sla_breached = any(
        t.state == "breached" and t.completed_at is None for t in status.targets
    )
    dispute.sla_next_check_at = _next_check(status, now)
    known = set(dispute.sla_alerts or [])
    fresh = [
        c
        for c in sla_transitions(None, status)
        if _alert_key(c.target, c.kind, c.started_at) not in known
    ]
    if not fresh:
        return
    dispute.sla_alerts = sorted(known | {_alert_key(c.target, c.kind, c.started_at) for c in fresh})
    for change in fresh:
        record_event(
            session=session,
            dispute_id=dispute.id,
            kind=f"sla.{change.kind}",
            actor=actor,
            now=now,
            after={
                "target": change.target,
                "due_at": change.due_at.isoformat() if change.due_at else None,
            },
        )
    if any(c.kind == "breached" for c in fresh):
        escalate_automatically(session=session, dispute=dispute, now=now, sla_breached=True)


def _anger_history(session: Session, dispute_id: int) -> list[float]:
    analyses = session.scalars(
        select(Message.analysis)
        .where(Message.dispute_id == dispute_id, Message.direction == "inbound")
        .order_by(Message.created_at, Message.id)
    )
    return [float(a.get("anger", 0.0)) for a in analyses if a]


def _notify(
    session: Session, dispute: Dispute, role: str, kind: str, text: str, now: datetime
) -> None:
    session.add(
        Notification(role=role, dispute_id=dispute.id, kind=kind, text=text, created_at=now)
    )


def escalate_automatically(
    *,
    session: Session,
    dispute: Dispute,
    now: datetime,
    sla_breached: bool = False,
    anger_history: list[float] | None = None,
) -> None:
    """Apply the escalation rules: raise the level, set legal/safety flags, tell the target.

    `anger_history`: the anger of the customer's messages in order, when the caller knows it."""
    setup = workflow_setup()
    risks = sorted({f["kind"] for f in dispute.risk_flags or []})
    flags = sorted(set(dispute.flags or []) | escalation_flags(rules=setup.rules, risks=risks))
    if flags != sorted(dispute.flags or []):
        record_event(
            session=session,
            dispute_id=dispute.id,
            kind="dispute.flagged",
            actor=SYSTEM,
            now=now,
            before={"flags": list(dispute.flags or [])},
            after={"flags": flags},
        )
        dispute.flags = flags
    decisions = evaluate_escalation(
        rules=setup.rules,
        risks=risks,
        anger_history=(
            _anger_history(session, dispute.id) if anger_history is None else anger_history
        ),
        repeat_contacts=dispute.repeat_contacts,
        sla_breached=sla_breached,
        current_level="agent" if dispute.escalation_level == "none" else dispute.escalation_level,
    )
    for decision in decisions:
        if decision.kind != "escalate":
            continue
        before = {"escalation_level": dispute.escalation_level}
        dispute.escalation_level = decision.target_level
        record_event(
            session=session,
            dispute_id=dispute.id,
            kind="dispute.escalated",
            actor=SYSTEM,
            now=now,
            before=before,
            after={
                "escalation_level": decision.target_level,
                "reason": "; ".join(decision.reasons),
                "triggers": list(decision.triggers),
                "automatic": True,
            },
        )
        _notify(
            session,
            dispute,
            decision.target_level,
            "escalation",
            f"Dispute {dispute.id} escalated to you: {'; '.join(decision.reasons)}",
            now,
        )


def reprioritise(
    *,
    session: Session,
    dispute: Dispute,
    now: datetime,
    quiet: bool = False,
    tier: str | None = None,
) -> None:
    """Recompute the priority from the analysis and the records, unless staff set it by hand.

    `quiet` sets it without an event (on intake, where the opening event carries it); `tier` is
    the customer's, when the caller has read it already."""
    if dispute.priority_overridden:
        return
    if tier is None:
        customer = session.get(Customer, dispute.customer_id)
        tier = customer.tier if customer else "standard"
    anger_trend = None
    if dispute.current_anger is not None and dispute.first_anger is not None:
        anger_trend = dispute.current_anger - dispute.first_anger
    decision = compute_priority(
        risks=sorted({f["kind"] for f in dispute.risk_flags or []}),
        anger=dispute.current_anger,
        anger_trend=anger_trend,
        amount_minor=dispute.amount_minor,
        currency=dispute.currency,
        tier=tier,
        channel=dispute.channel,
        repeat_contacts=dispute.repeat_contacts,
    )
    reasons = list(decision.reasons)
    if decision.priority == dispute.priority and reasons == list(dispute.priority_reasons or []):
        return
    before: dict[str, Any] = {"priority": dispute.priority}
    dispute.priority = decision.priority
    dispute.priority_rank = PRIORITY_RANK[decision.priority]
    dispute.priority_reasons = reasons
    if before["priority"] != decision.priority and not quiet:
        record_event(
            session=session,
            dispute_id=dispute.id,
            kind="dispute.priority_changed",
            actor=SYSTEM,
            now=now,
            before=before,
            after={"priority": decision.priority, "reasons": reasons},
        )


def triage(*, session: Session, dispute: Dispute, now: datetime, intake: bool = False) -> None:
    """After a customer's words arrive: priority, escalation rules, then the SLA clocks."""
    if intake:
        # Opened just now: one customer message (its anger is the first anger) and no event
        # the clocks read yet. Known here, so nothing is read back from the database.
        first = [] if dispute.first_anger is None else [dispute.first_anger]
        escalate_automatically(session=session, dispute=dispute, now=now, anger_history=first)
        refresh_sla(session=session, dispute=dispute, now=now, just_opened=True)
        return
    reprioritise(session=session, dispute=dispute, now=now)
    escalate_automatically(session=session, dispute=dispute, now=now)
    refresh_sla(session=session, dispute=dispute, now=now)


def follow_up_at(resolved_at: datetime) -> datetime:
    """When the follow-up after a resolution is due (business days on the desk's calendar)."""
    setup = workflow_setup()
    if setup.follow_up_business_days == 0:
        return resolved_at + timedelta(minutes=1)
    return follow_up_due(setup.calendar, resolved_at, setup.follow_up_business_days)

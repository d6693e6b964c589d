"""Use cases of the dispute aggregate. Callers own the transaction; events go in with the change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.auth.models import StaffUser
from disputedesk.customers.models import Order
from disputedesk.customers.service import customer_brief
from disputedesk.db import reserve_ids
from disputedesk.disputes.events import record_event
from disputedesk.disputes.figures import note_coached_reply
from disputedesk.disputes.lifecycle import (
    ESCALATION_LEVELS,
    PRIORITY_RANK,
    IllegalTransition,
    allowed_transitions,
    check_transition,
    is_reopen,
    path_to,
)
from disputedesk.disputes.models import Dispute, Message
from disputedesk.disputes.reading import read_customer_message
from disputedesk.disputes.reopening import latest_follow_up, link_follow_up, reopen
from disputedesk.disputes.schemas import (
    AssignRequest,
    DisputeCreate,
    DisputeOut,
    DisputeUpdate,
    EscalateRequest,
    MessageCreate,
    ResolveRequest,
    TransitionRequest,
)
from disputedesk.errors import Conflict, Invalid, NotFound
from disputedesk.workflow.followups import schedule_follow_up
from disputedesk.workflow.triage import refresh_sla, reprioritise, triage

_DETAIL_FIELDS = ("subject", "category", "priority", "desired_outcome", "amount_minor", "tags")


def get_dispute(*, session: Session, dispute_id: int) -> Dispute:
    """One dispute or NotFound."""
    dispute = session.get(Dispute, dispute_id)
    if dispute is None:
        raise NotFound(f"dispute {dispute_id} not found")
    return dispute


def dispute_out(dispute: Dispute) -> DisputeOut:
    """The API shape of a dispute, with the statuses it may move to."""
    out = DisputeOut.model_validate(dispute)
    out.allowed_transitions = list(allowed_transitions(dispute.status))
    return out


def _check_version(dispute: Dispute, version: int) -> None:
    if dispute.version != version:
        raise Conflict(
            f"dispute {dispute.id} has changed since you read it (you sent version {version}, "
            f"it is now at version {dispute.version}); reload it and try again",
            field="version",
        )


def _changed(dispute: Dispute, now: datetime) -> None:
    """Mark an accepted staff change: a new version and a new updated_at."""
    dispute.version += 1
    dispute.updated_at = now


def _apply_analysis(dispute: Dispute, message: Message, analysis: dict[str, Any]) -> None:
    """Keep the dispute's aggregates: current and first anger, and the union of risk flags."""
    anger = float(analysis.get("anger", 0.0))
    if dispute.first_anger is None:
        dispute.first_anger = anger
    dispute.current_anger = anger
    if any(r["kind"] == "repeat_contact" for r in analysis.get("risks", [])):
        dispute.repeat_contacts += 1
    flags = list(dispute.risk_flags or [])
    seen = {(f["kind"], f["evidence"].lower()) for f in flags}
    for risk in analysis.get("risks", []):
        key = (risk["kind"], risk["evidence"].lower())
        if key not in seen:
            seen.add(key)
            flags.append(
                {"kind": risk["kind"], "evidence": risk["evidence"], "message_id": message.id}
            )
    dispute.risk_flags = flags


def open_dispute(*, session: Session, data: DisputeCreate, actor: Actor, now: datetime) -> Dispute:
    """Open a dispute for a customer; the description becomes the first (analysed) message."""
    customer_id = data.customer_id
    customer = customer_brief(session=session, customer_id=customer_id, field="customer_id")
    order: Order | None = None
    if data.order_id is not None:
        order = session.get(Order, data.order_id)
        if order is None:
            raise NotFound(f"order {data.order_id} not found", field="order_id")
        if order.customer_id != customer_id:
            raise Invalid(f"order {order.number} belongs to another customer", field="order_id")
    description = mask_card_numbers(data.description)
    analysis = read_customer_message(description)
    category = data.category or analysis["category"]["label"]
    priority = data.priority or "normal"
    reasons = ["set when the dispute was opened"] if data.priority else []
    # Both ids come first, so the dispute, its message and its events are written in one flush,
    # the dispute with its final priority and clocks (no UPDATE after the INSERT).
    dispute_id, message_id = reserve_ids(session, Dispute, Message)
    dispute = Dispute(
        id=dispute_id,
        customer_id=customer_id,
        order_id=order.id if order else None,
        channel=data.channel,
        subject=mask_card_numbers(data.subject),
        description=analysis["pii_masked_text"],
        category=category,
        amount_minor=data.amount_minor,
        currency=data.currency or (order.currency if order else "USD"),
        desired_outcome=data.desired_outcome,
        status="new",
        priority=priority,
        priority_rank=PRIORITY_RANK[priority],
        priority_overridden=data.priority is not None,
        priority_reasons=reasons,
        escalation_level="none",
        tags=sorted(set(data.tags)),
        risk_flags=[],
        flags=[],
        repeat_contacts=0,
        sla_paused=False,
        sla_breached=False,
        sla_alerts=[],
        reopen_count=0,
        customer_replies=0,
        survey_answers=0,
        survey_rating_sum=0,
        version=1,
        created_at=now,
        updated_at=now,
    )
    session.add(dispute)
    message = Message(
        id=message_id,
        dispute_id=dispute_id,
        direction="inbound",
        channel=data.channel,
        author_name=customer.name,
        body=analysis["pii_masked_text"],
        analysis=analysis,
        created_at=now,
    )
    session.add(message)
    _apply_analysis(dispute, message, analysis)
    reprioritise(session=session, dispute=dispute, now=now, quiet=True, tier=customer.tier)
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="dispute.opened",
        actor=actor,
        now=now,
        after={**_snapshot(dispute), "priority_reasons": dispute.priority_reasons},
    )
    triage(session=session, dispute=dispute, now=now, intake=True)
    session.flush()
    return dispute


def _snapshot(dispute: Dispute, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    names = fields or (
        "status",
        "priority",
        "category",
        "channel",
        "subject",
        "assignee_id",
        "escalation_level",
        "amount_minor",
        "desired_outcome",
        "tags",
        "outcome",
        "root_cause",
    )
    return {name: getattr(dispute, name) for name in names}


def update_dispute(
    *, session: Session, dispute_id: int, data: DisputeUpdate, actor: Actor, now: datetime
) -> Dispute:
    """Change the details given; records one event with the fields before and after."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    _check_version(dispute, data.version)
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if k in _DETAIL_FIELDS}
    changes = {k: v for k, v in changes.items() if v is not None or k == "amount_minor"}
    if "subject" in changes:
        changes["subject"] = mask_card_numbers(changes["subject"])
    if "tags" in changes:
        changes["tags"] = sorted(set(changes["tags"]))
    changed = tuple(k for k, v in changes.items() if getattr(dispute, k) != v)
    if not changed:
        return dispute
    before = _snapshot(dispute, changed)
    for key in changed:
        setattr(dispute, key, changes[key])
    if "priority" in changed:
        dispute.priority_rank = PRIORITY_RANK[dispute.priority]
        dispute.priority_overridden = True
        dispute.priority_reasons = [f"set by {actor.name}"]
    _changed(dispute, now)
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="dispute.updated",
        actor=actor,
        now=now,
        before=before,
        after=_snapshot(dispute, changed),
    )
    if "priority" in changed or "category" in changed:
        refresh_sla(session=session, dispute=dispute, now=now)
    session.flush()
    return dispute


def transition_dispute(
    *, session: Session, dispute_id: int, data: TransitionRequest, actor: Actor, now: datetime
) -> Dispute:
    """Move a dispute along its lifecycle; illegal moves raise Conflict naming the allowed ones."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    _check_version(dispute, data.version)
    try:
        check_transition(dispute.status, data.to)
    except IllegalTransition as exc:
        raise Conflict(str(exc), field="to") from exc
    reopening = is_reopen(dispute.status, data.to)
    if reopening and not data.reason:
        raise Invalid("reopening a dispute needs a reason", field="reason")
    before = _snapshot(dispute, ("status", "outcome", "root_cause"))
    dispute.status = data.to
    if isinstance(data, ResolveRequest):
        dispute.outcome = data.outcome
        dispute.root_cause = data.root_cause
        dispute.resolved_at = now
    elif data.to == "closed":
        dispute.closed_at = now
    elif reopening:
        dispute.outcome = None
        dispute.root_cause = None
        dispute.resolved_at = None
        dispute.closed_at = None
    _changed(dispute, now)
    after: dict[str, Any] = _snapshot(dispute, ("status", "outcome", "root_cause"))
    if data.reason:
        after["reason"] = mask_card_numbers(data.reason)
    surveyed = isinstance(data, ResolveRequest) and data.send_survey
    if isinstance(data, ResolveRequest) and not data.send_survey:
        after["no_survey_reason"] = mask_card_numbers(data.no_survey_reason or "")
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="dispute.reopened" if reopening else "dispute.status_changed",
        actor=actor,
        now=now,
        before=before,
        after=after,
    )
    session.flush()
    refresh_sla(session=session, dispute=dispute, now=now)
    if surveyed:
        schedule_follow_up(session=session, dispute=dispute, resolved_at=now)
    session.flush()
    return dispute


def advance_status(
    *, session: Session, dispute: Dispute, to: str, actor: Actor, now: datetime, reason: str
) -> None:
    """Move a dispute as a consequence of another step (an offer made, declined...), legally."""
    if dispute.status == to:
        return
    for status in path_to(dispute.status, to):
        before = {"status": dispute.status}
        dispute.status = status
        _changed(dispute, now)
        record_event(
            session=session,
            dispute_id=dispute.id,
            kind="dispute.status_changed",
            actor=actor,
            now=now,
            before=before,
            after={"status": status, "reason": reason},
        )
    session.flush()


def assign_dispute(
    *, session: Session, dispute_id: int, data: AssignRequest, actor: Actor, now: datetime
) -> Dispute:
    """Give the dispute to a member of staff, or take it back to the unassigned queue."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    _check_version(dispute, data.version)
    if data.assignee_id is not None:
        user = session.get(StaffUser, data.assignee_id)
        if user is None or not user.is_active:
            raise NotFound(f"staff user {data.assignee_id} not found", field="assignee_id")
    if dispute.assignee_id == data.assignee_id:
        return dispute
    before = {"assignee_id": dispute.assignee_id}
    dispute.assignee_id = data.assignee_id
    _changed(dispute, now)
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="dispute.assigned",
        actor=actor,
        now=now,
        before=before,
        after={"assignee_id": data.assignee_id},
    )
    session.flush()
    return dispute


def escalate_dispute(
    *, session: Session, dispute_id: int, data: EscalateRequest, actor: Actor, now: datetime
) -> Dispute:
    """Move the dispute up to a supervisor or manager (or back down), recording why."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    _check_version(dispute, data.version)
    if dispute.escalation_level == data.level:
        raise Conflict(
            f"dispute {dispute.id} is already at escalation level '{data.level}'", field="level"
        )
    before = {"escalation_level": dispute.escalation_level}
    raising = ESCALATION_LEVELS.index(data.level) > ESCALATION_LEVELS.index(
        dispute.escalation_level
    )
    dispute.escalation_level = data.level
    _changed(dispute, now)
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="dispute.escalated" if raising else "dispute.deescalated",
        actor=actor,
        now=now,
        before=before,
        after={"escalation_level": data.level, "reason": mask_card_numbers(data.reason)},
    )
    session.flush()
    return dispute


def add_message(
    *,
    session: Session,
    dispute_id: int,
    data: MessageCreate,
    actor: Actor,
    now: datetime,
    coach_report: dict[str, Any] | None = None,
) -> Message:
    """Add a message; a customer's words are analysed, card numbers are masked before storing.

    Every channel's customer message comes through here: on a resolved dispute it reopens it;
    on a closed one it goes to the dispute's open follow-up, or opens one linked to it."""
    dispute = get_dispute(session=session, dispute_id=dispute_id)
    if data.direction == "inbound" and dispute.status == "closed":
        return _to_follow_up(session=session, closed=dispute, data=data, actor=actor, now=now)
    body = mask_card_numbers(data.body)
    analysis: dict[str, Any] | None = None
    if data.direction == "inbound":
        analysis = read_customer_message(body)
        body = analysis["pii_masked_text"]
        author_name = (
            mask_card_numbers(data.author_name)
            if data.author_name
            else customer_brief(session=session, customer_id=dispute.customer_id).name
        )
    else:
        author_name = actor.name
    message = Message(
        dispute_id=dispute.id,
        direction=data.direction,
        channel=data.channel or ("internal" if data.direction == "note" else dispute.channel),
        author_staff_id=actor.id if actor.kind == "staff" else None,
        author_name=author_name,
        body=body,
        analysis=analysis,
        coach_report=coach_report,
        created_at=now,
    )
    session.add(message)
    session.flush()
    if analysis is not None:
        _apply_analysis(dispute, message, analysis)
    score = (coach_report or {}).get("score")
    if data.direction == "outbound" and message.author_staff_id is not None and score is not None:
        note_coached_reply(
            session=session, dispute=dispute, author_id=message.author_staff_id, score=float(score)
        )
    dispute.updated_at = now
    if data.direction == "inbound" and dispute.status == "resolved":
        # The customer says it is not over: a fresh SLA clock, and the outcome no longer stands.
        reopen(
            session=session,
            dispute=dispute,
            actor=actor,
            now=now,
            reason="the customer replied after the dispute was resolved",
            details={"message_id": message.id, "channel": message.channel},
        )
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind={"inbound": "message.received", "outbound": "message.sent", "note": "note.added"}[
            data.direction
        ],
        actor=actor,
        now=now,
        after={"message_id": message.id, "direction": data.direction},
    )
    session.flush()
    if data.direction == "inbound":
        if dispute.status == "awaiting_customer":
            # The customer answered (in whatever channel): the clock runs again.
            advance_status(
                session=session,
                dispute=dispute,
                to="investigating",
                actor=actor,
                now=now,
                reason="the customer replied",
            )
        triage(session=session, dispute=dispute, now=now)
    elif data.direction == "outbound":
        refresh_sla(session=session, dispute=dispute, now=now)
    session.flush()
    return message


def _to_follow_up(
    *, session: Session, closed: Dispute, data: MessageCreate, actor: Actor, now: datetime
) -> Message:
    """A customer's message on a closed dispute: into its open follow-up, or a new linked one.

    A closed dispute keeps its outcome (and its place in the analytics); what the customer
    raises now is worked as a new dispute that links back to it, as helpdesks do with follow-ups."""
    tip = latest_follow_up(session=session, dispute=closed)
    if tip.status != "closed":
        return add_message(session=session, dispute_id=tip.id, data=data, actor=actor, now=now)
    follow_up = open_dispute(
        session=session,
        data=DisputeCreate.model_validate(
            {
                "customer_id": tip.customer_id,
                "order_id": tip.order_id,
                "channel": data.channel or tip.channel,
                "subject": tip.subject,
                "description": data.body,
                "currency": tip.currency,
                "tags": ["follow-up"],
            }
        ),
        actor=actor,
        now=now,
    )
    link_follow_up(session=session, closed=tip, follow_up=follow_up, actor=actor, now=now)
    session.flush()
    first = session.scalar(
        select(Message).where(Message.dispute_id == follow_up.id).order_by(Message.id).limit(1)
    )
    assert first is not None  # open_dispute stores the description as the first message
    if data.author_name:
        first.author_name = mask_card_numbers(data.author_name)
    return first


def list_messages(*, session: Session, dispute_id: int) -> list[Message]:
    """A dispute's conversation in order."""
    get_dispute(session=session, dispute_id=dispute_id)
    return list(
        session.scalars(
            select(Message)
            .where(Message.dispute_id == dispute_id)
            .order_by(Message.created_at, Message.id)
        )
    )

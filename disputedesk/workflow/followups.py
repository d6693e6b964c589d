"""Follow-ups after a resolution: an agent task and a satisfaction survey with a signed link."""

from __future__ import annotations

from datetime import datetime, timedelta

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from disputedesk.actors import SYSTEM, Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.channels.outbox import queue_notice_email
from disputedesk.config import get_settings
from disputedesk.disputes.events import record_event
from disputedesk.disputes.models import Dispute, DisputeEvent
from disputedesk.disputes.reopening import reopen
from disputedesk.errors import Conflict, NotFound
from disputedesk.workflow.jobs import enqueue, handler
from disputedesk.workflow.models import Job, Notification, Survey
from disputedesk.workflow.setup import workflow_setup
from disputedesk.workflow.triage import follow_up_at, refresh_sla

LOW_RATING = 2
_SALT = "disputedesk.survey"


def _serializer() -> URLSafeTimedSerializer:
    secret = get_settings().secret_key
    if not secret:
        raise Conflict("surveys need DISPUTEDESK_SECRET_KEY to sign their links")
    return URLSafeTimedSerializer(secret, salt=_SALT)


def schedule_follow_up(*, session: Session, dispute: Dispute, resolved_at: datetime) -> Job | None:
    """Queue the follow-up of this resolution (once per resolution, however often it is called)."""
    rounds = session.scalar(
        select(func.count())
        .select_from(DisputeEvent)
        .where(
            DisputeEvent.dispute_id == dispute.id,
            DisputeEvent.kind == "dispute.status_changed",
            DisputeEvent.after["status"].as_string() == "resolved",
        )
    )
    return enqueue(
        session=session,
        kind="follow_up",
        due_at=follow_up_at(resolved_at),
        dispute_id=dispute.id,
        payload={"round": int(rounds or 1)},
        dedupe_key=f"follow_up:{dispute.id}:{int(rounds or 1)}",
    )


def survey_token(survey: Survey) -> str:
    """The signed link token for a survey."""
    return _serializer().dumps({"survey": survey.id, "dispute": survey.dispute_id})


@handler("follow_up")
def run_follow_up(session: Session, job: Job, now: datetime) -> None:
    """Create the agent's follow-up task and the customer's survey for one resolution."""
    dispute = session.get(Dispute, job.dispute_id) if job.dispute_id else None
    if dispute is None or dispute.status not in ("resolved", "closed"):
        return  # reopened since: the next resolution schedules its own follow-up
    setup = workflow_setup()
    survey = Survey(
        dispute_id=dispute.id,
        round=int(job.payload.get("round", 1)),
        created_at=now,
        expires_at=now + timedelta(days=setup.survey_valid_days),
    )
    session.add(survey)
    session.flush()
    session.add(
        Notification(
            user_id=dispute.assignee_id,
            role=None if dispute.assignee_id else "agent",
            dispute_id=dispute.id,
            kind="follow_up",
            text=f"Follow up with the customer on dispute {dispute.id}: is everything resolved?",
            created_at=now,
        )
    )
    link = f"/survey/{survey_token(survey)}"
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="follow_up.sent",
        actor=SYSTEM,
        now=now,
        # Not the link: whoever holds it can answer as the customer, and staff read the history.
        after={"survey_id": survey.id, "expires_at": survey.expires_at.isoformat()},
    )
    queue_notice_email(
        session=session,
        dispute=dispute,
        subject=f"How did we do? {dispute.subject}",
        body=(
            "Hello,\n\nWe recently resolved your dispute. We would like to know how we did: "
            f"please rate it here (one click opens the form; nothing is recorded until you "
            f"send it):\n\n{get_settings().public_url.rstrip('/')}{link}\n\n"
            f"The link works for {setup.survey_valid_days} days.\n\nThank you."
        ),
        kind="survey",
        now=now,
    )


def open_survey(*, session: Session, token: str, now: datetime) -> Survey:
    """The survey a link points to, if the link is genuine and not expired."""
    setup = workflow_setup()
    try:
        data = _serializer().loads(token, max_age=setup.survey_valid_days * 86400)
    except SignatureExpired as exc:
        raise NotFound("this survey link has expired") from exc
    except BadSignature as exc:
        raise NotFound("this survey link is not valid") from exc
    survey = session.get(Survey, int(data.get("survey", 0)))
    if survey is None or survey.dispute_id != data.get("dispute") or survey.expires_at <= now:
        raise NotFound("this survey link is not valid or has expired")
    return survey


def answer_survey(
    *, session: Session, token: str, rating: int, comment: str | None, now: datetime
) -> Survey:
    """Record a rating (1-5) once; a low rating reopens the dispute for a supervisor."""
    survey = open_survey(session=session, token=token, now=now)
    if survey.answered_at is not None:
        raise Conflict("this survey has already been answered; thank you")
    survey.rating = rating
    survey.comment = mask_card_numbers(comment) if comment else None
    survey.answered_at = now
    dispute = session.get(Dispute, survey.dispute_id)
    assert dispute is not None
    customer = Actor(kind="customer", id=dispute.customer_id, name="customer")
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="survey.completed",
        actor=customer,
        now=now,
        after={"survey_id": survey.id, "rating": rating, "comment": survey.comment},
    )
    if rating <= LOW_RATING:
        _reopen_for_supervisor(session, dispute, rating, now)
    session.flush()
    return survey


def _reopen_for_supervisor(session: Session, dispute: Dispute, rating: int, now: datetime) -> None:
    if dispute.status in ("resolved", "closed"):
        reopen(
            session=session,
            dispute=dispute,
            actor=SYSTEM,
            now=now,
            reason=f"customer rated the resolution {rating}/5",
        )
    if dispute.escalation_level == "none":
        record_event(
            session=session,
            dispute_id=dispute.id,
            kind="dispute.escalated",
            actor=SYSTEM,
            now=now,
            before={"escalation_level": "none"},
            after={
                "escalation_level": "supervisor",
                "reason": f"low satisfaction rating ({rating}/5)",
            },
        )
        dispute.escalation_level = "supervisor"
    refresh_sla(session=session, dispute=dispute, now=now)
    session.add(
        Notification(
            role="supervisor",
            dispute_id=dispute.id,
            kind="low_rating",
            text=f"Customer rated dispute {dispute.id} {rating}/5 and it was reopened",
            created_at=now,
        )
    )

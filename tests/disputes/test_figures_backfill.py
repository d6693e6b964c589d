"""Migration 0008 computes, from the audit trail, the same figures the desk keeps as it works."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from alembic import command
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.auth.service import create_user
from disputedesk.customers.models import Customer
from disputedesk.disputes.events import record_event
from disputedesk.disputes.models import Dispute, ReplyScore
from disputedesk.disputes.schemas import (
    DisputeCreate,
    EscalateRequest,
    MessageCreate,
    MoveRequest,
    ResolveRequest,
)
from disputedesk.disputes.service import (
    add_message,
    escalate_dispute,
    open_dispute,
    transition_dispute,
)
from disputedesk.migrate import alembic_config, upgrade
from disputedesk.workflow.models import Survey
from tests.conftest import PASSWORD
from tests.disputes.test_figures import FIGURES

AGENT = Actor(kind="staff", id=None, name="Agent")
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _work(session: Session) -> list[int]:
    """Three disputes with different histories, through the services."""
    customer = Customer(name="Ada", email="ada@example.com")
    session.add(customer)
    session.flush()

    def opened(n: int) -> Dispute:
        data = DisputeCreate(customer_id=customer.id, subject="Late", description="Where is it?")
        return open_dispute(session=session, data=data, actor=AGENT, now=START + timedelta(hours=n))

    quiet = opened(0)  # nothing happens to it
    busy = opened(1)
    t = START + timedelta(hours=2)
    user = create_user(session=session, username="grace", password=PASSWORD, role="agent")
    grace = Actor(kind="staff", id=user.id, name="Grace", role="agent")
    for n, coach in enumerate(({"score": 80}, {"score": 65}, None)):
        add_message(
            session=session,
            dispute_id=busy.id,
            actor=grace,
            now=t + timedelta(seconds=n),
            data=MessageCreate(direction="outbound", body="We are on it."),
            coach_report=coach,
        )
    for n in (1, 2):
        add_message(
            session=session,
            dispute_id=busy.id,
            actor=AGENT,
            now=t + timedelta(minutes=n),
            data=MessageCreate(direction="inbound", body="Any news, please?"),
        )
    escalate_dispute(
        session=session,
        dispute_id=busy.id,
        actor=AGENT,
        now=t + timedelta(hours=1),
        data=EscalateRequest(level="manager", reason="Wants a manager", version=busy.version),
    )
    resolved = t + timedelta(hours=2)
    resolve = ResolveRequest(
        to="resolved",
        outcome="explained",
        root_cause="courier_delay",
        send_survey=False,
        no_survey_reason="test",
        version=busy.version,
    )
    transition_dispute(session=session, dispute_id=busy.id, actor=AGENT, now=resolved, data=resolve)
    session.add(
        Survey(
            dispute_id=busy.id,
            created_at=resolved,
            expires_at=resolved + timedelta(days=30),
            rating=4,
            answered_at=resolved,
        )
    )
    session.flush()
    record_event(
        session=session,
        dispute_id=busy.id,
        kind="survey.completed",
        actor=AGENT,
        now=resolved,
        after={"rating": 4},
    )
    for n in (1, 2):
        transition_dispute(
            session=session,
            dispute_id=busy.id,
            actor=AGENT,
            now=resolved + timedelta(days=n),
            data=MoveRequest(to="investigating", reason="Still broken", version=busy.version),
        )
        transition_dispute(
            session=session,
            dispute_id=busy.id,
            actor=AGENT,
            now=resolved + timedelta(days=n, hours=1),
            data=resolve.model_copy(update={"version": busy.version}),
        )
    return [quiet.id, busy.id]


def _figures(engine: Engine, ids: list[int]) -> list[Any]:
    with Session(engine) as s:
        rows = [s.get(Dispute, i) for i in ids]
        scores = s.execute(
            select(ReplyScore.dispute_id, ReplyScore.replies, ReplyScore.score_sum)
        ).all()
        return [
            *({name: getattr(d, name) for name in FIGURES} for d in rows if d is not None),
            sorted(tuple(r) for r in scores),
        ]


def test_backfill_gives_the_figures_kept_while_working(own_engine: Engine) -> None:
    with Session(own_engine) as session, session.begin():
        ids = _work(session)
    kept = _figures(own_engine, ids)
    assert kept[0]["first_response_at"] is None
    assert (kept[1]["reopen_count"], kept[1]["customer_replies"], kept[1]["survey_answers"]) == (
        2,
        2,
        1,
    )
    assert kept[2] == [(ids[1], 2, 145.0)]
    config = alembic_config(own_engine.url.render_as_string(hide_password=False))
    with own_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    upgrade(own_engine)
    assert _figures(own_engine, ids) == kept

"""Over every demo dispute, the composer's draft for its current step passes the coach."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.actors import Actor
from disputedesk.coach import DEFAULT_SEND_THRESHOLD
from disputedesk.demo.seed import load_demo
from disputedesk.disputes.models import Dispute
from disputedesk.disputes.replies import draft_reply

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def test_every_demo_dispute_gets_a_draft_above_the_send_threshold(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory() as session, session.begin():
        before = session.scalar(select(func.coalesce(func.max(Dispute.id), 0)))
        load_demo(session=session, now=NOW)
        agent = Actor(kind="staff", id=None, name="Alice", role="agent")
        ids = list(
            session.scalars(select(Dispute.id).where(Dispute.id > before).order_by(Dispute.id))
        )
        assert len(ids) == 80
        failures = []
        steps = set()
        for dispute_id in ids:
            for tone in ("warm", "formal"):
                draft = draft_reply(
                    session=session,
                    dispute_id=dispute_id,
                    step=None,
                    tone=tone,
                    actor=agent,
                    now=NOW,
                )
                steps.add(draft.step)
                if draft.report.score < DEFAULT_SEND_THRESHOLD or draft.report.findings:
                    failures.append((dispute_id, tone, draft.step, draft.report.score, draft.text))
        assert failures == []
        assert len(steps) >= 3

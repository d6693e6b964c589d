"""De-escalation per agent: how customers' anger moved on their disputes, and their coach scores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from disputedesk.analytics.common import header, within
from disputedesk.analytics.common import rate as share
from disputedesk.analytics.models import RollupAgent
from disputedesk.analytics.period import Period
from disputedesk.analytics.plan import Split, split
from disputedesk.analytics.rollup import AGENT_FIGURES, agent_sums
from disputedesk.analytics.schemas import AgentDeescalation, DeescalationReport
from disputedesk.auth.models import StaffUser
from disputedesk.disputes.models import Dispute, ReplyScore

NOTE = (
    "Anger is read from the first and the last customer message of each dispute opened in the "
    "period, per assignee; only disputes where the customer wrote more than once are measured. "
    "Coach scores are those of the agent's replies on those disputes. CSAT is the mean rating "
    "of every answered follow-up survey on the agent's disputes (1 to 5), with their count."
)


def _avg(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _csat(row: Any) -> float | None:
    """The mean rating of the answered surveys counted in an agent's row, or None."""
    if row is None or not row[7]:
        return None
    return round(int(row[8]) / int(row[7]), 4)


def _live(
    session: Session, since: datetime, until: datetime
) -> tuple[Sequence[Any], dict[int, tuple[int, float | None]]]:
    """Per assignee the report's row, and per author the coached replies, from the base tables."""
    cohort = within(Dispute.created_at, since, until)
    # customer_replies counts message.received events: customer messages after the opening one.
    measured = and_(
        Dispute.customer_replies > 0,
        Dispute.first_anger.is_not(None),
        Dispute.current_anger.is_not(None),
    )
    change = Dispute.current_anger - Dispute.first_anger
    rows = session.execute(
        select(
            Dispute.assignee_id,
            func.count(),
            func.sum(case((measured, 1), else_=0)),
            func.avg(case((measured, Dispute.first_anger))),
            func.avg(case((measured, Dispute.current_anger))),
            func.avg(case((measured, change))),
            func.sum(case((and_(measured, change < 0), 1), else_=0)),
            func.sum(Dispute.survey_answers),
            func.sum(Dispute.survey_rating_sum),
        )
        .where(cohort, Dispute.assignee_id.is_not(None))
        .group_by(Dispute.assignee_id)
    ).all()
    # reply_scores holds, per dispute and author, the count and sum of coach scores.
    coached = {
        int(author): (int(n), _avg(total / n if n else None))
        for author, n, total in session.execute(
            select(
                ReplyScore.author_staff_id,
                func.sum(ReplyScore.replies),
                func.sum(ReplyScore.score_sum),
            )
            .where(within(ReplyScore.dispute_opened_at, since, until))
            .group_by(ReplyScore.author_staff_id)
        )
    }
    return rows, coached


def _with_rollups(
    session: Session, plan: Split
) -> tuple[list[tuple[Any, ...]], dict[int, tuple[int, float | None]]]:
    """Per assignee the report's row, and per author the coached replies, for a long period:
    sums from the roll-ups' whole days and from the base tables for the rest, averaged after."""
    a = RollupAgent
    sums: dict[int, list[float]] = {}

    def add(agent: Any, values: Sequence[Any]) -> None:
        target = sums.setdefault(int(agent), [0.0] * len(values))
        for n, v in enumerate(values):
            target[n] += float(v or 0)

    for agent, *values in session.execute(
        select(Dispute.assignee_id, *agent_sums())
        .where(plan.live_rows(Dispute.created_at), Dispute.assignee_id.is_not(None))
        .group_by(Dispute.assignee_id)
    ):
        add(agent, [*values, 0, 0])
    for author, replies, total in session.execute(
        select(
            ReplyScore.author_staff_id, func.sum(ReplyScore.replies), func.sum(ReplyScore.score_sum)
        )
        .where(plan.live_rows(ReplyScore.dispute_opened_at))
        .group_by(ReplyScore.author_staff_id)
    ):
        add(author, [0] * len(AGENT_FIGURES) + [replies, total])
    summed_columns = [
        getattr(a, name) for name in (*AGENT_FIGURES, "coached_replies", "coach_score_sum")
    ]
    for staff_id, *values in session.execute(
        select(a.staff_id, *(func.sum(col) for col in summed_columns))
        .where(plan.rolled(a.day))
        .group_by(a.staff_id)
    ):
        add(staff_id, values)
    rows: list[tuple[Any, ...]] = []
    coached: dict[int, tuple[int, float | None]] = {}
    for staff, figures in sums.items():
        disputes, m, first, last, change, calmer, answers, rating, n_coached, score = figures
        if disputes:
            # The averages over the measured disputes, from their sums.
            avgs = [v / m if m else None for v in (first, last, change)]
            rows.append(
                (staff, int(disputes), int(m), *avgs, int(calmer), int(answers), int(rating))
            )
        if n_coached:
            coached[staff] = (int(n_coached), _avg(score / n_coached))
    return rows, coached


def deescalation(
    *, session: Session, since: datetime, until: datetime, now: datetime
) -> DeescalationReport:
    """Per assignee: disputes, average first and last anger, change, calmer share, coach score."""
    period = Period(since, until)
    plan = split(session, since, until)
    if plan is None:
        rows, coached = _live(session, since, until)
    else:
        rows, coached = _with_rollups(session, plan)
    ids = {int(r[0]) for r in rows} | set(coached)
    names: dict[int, str] = {
        int(i): str(n)
        for i, n in session.execute(
            select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(ids))
        )
    }
    by_agent = {int(r[0]): r for r in rows}
    agents = []
    for agent_id in ids:
        row = by_agent.get(agent_id)
        n_measured = int(row[2] or 0) if row is not None else 0
        replies, avg_score = coached.get(agent_id, (0, None))
        agents.append(
            AgentDeescalation(
                agent_id=agent_id,
                agent_name=names.get(agent_id, f"staff {agent_id}"),
                disputes=int(row[1]) if row is not None else 0,
                measured=n_measured,
                avg_first_anger=_avg(row[3]) if row is not None else None,
                avg_last_anger=_avg(row[4]) if row is not None else None,
                avg_change=_avg(row[5]) if row is not None else None,
                calmer_share=share(int(row[6] or 0), n_measured) if row is not None else None,
                coached_replies=replies,
                avg_coach_score=avg_score,
                csat=_csat(row),
                csat_surveys=int(row[7] or 0) if row is not None else 0,
            )
        )
    agents.sort(key=lambda a: (-a.disputes, a.agent_name, a.agent_id))
    return DeescalationReport(**header("deescalation", period, now), agents=agents, note=NOTE)

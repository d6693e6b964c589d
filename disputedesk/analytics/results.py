"""How disputes went: escalations, outcomes and money given away, reopens, root causes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from disputedesk.analytics.common import counts, header, rates, series, within
from disputedesk.analytics.common import rate as share
from disputedesk.analytics.period import Bucket, Period
from disputedesk.analytics.schemas import (
    CauseCost,
    EscalationReport,
    Money,
    OutcomesReport,
    Rate,
    RemedyMoney,
    ReopenReport,
    RootCauseReport,
)
from disputedesk.analytics.sqlstats import bucket_of, dialect_name
from disputedesk.disputes.lifecycle import OUTCOMES
from disputedesk.disputes.models import Dispute, DisputeEvent, Offer

TOP_REASONS = 10


def _unindexed(dialect: str, column: Any) -> Any:
    """On SQLite, `column || ''`: keeps its planner from starting at every accepted offer ever
    made (10x the rows); it then starts from the period's disputes. PostgreSQL plans well alone."""
    return column.concat("") if dialect == "sqlite" else column


def escalations(
    *, session: Session, since: datetime, until: datetime, now: datetime
) -> EscalationReport:
    """Of the disputes opened in the period: how many were escalated, to which level, and why."""
    period = Period(since, until)
    cohort = within(Dispute.created_at, since, until)
    rows = session.execute(
        select(Dispute.category, func.count(), func.count(Dispute.last_escalated_at))
        .where(cohort)
        .group_by(Dispute.category)
    ).all()
    totals = {str(k): int(n) for k, n, _ in rows}
    hits = {str(k): int(h) for k, _, h in rows if h}
    level = DisputeEvent.after["escalation_level"].as_string()
    reason = func.lower(func.trim(DisputeEvent.after["reason"].as_string()))
    # Levels and reasons are per escalation: read the events of the escalated disputes only.
    escalated_ids = select(Dispute.id).where(cohort, Dispute.last_escalated_at.is_not(None))
    found = session.execute(
        select(level, reason, func.count())
        .where(DisputeEvent.kind == "dispute.escalated", DisputeEvent.dispute_id.in_(escalated_ids))
        .group_by(level, reason)
    ).all()
    per_level: dict[str, int] = {}
    per_reason: dict[str, int] = {}
    for lvl, why, n in found:
        per_level[str(lvl)] = per_level.get(str(lvl), 0) + int(n)
        per_reason[str(why)] = per_reason.get(str(why), 0) + int(n)
    by_level = counts(per_level.items())
    reasons = counts(per_reason.items())[:TOP_REASONS]
    total, escalated = sum(totals.values()), sum(hits.values())
    return EscalationReport(
        **header("escalations", period, now),
        disputes=total,
        escalated=escalated,
        rate=share(escalated, total),
        by_level=by_level,
        reasons=reasons,
        by_category=rates(totals, hits),
    )


def outcomes(
    *, session: Session, since: datetime, until: datetime, now: datetime
) -> OutcomesReport:
    """How the disputes resolved in the period ended, and what accepted offers gave away."""
    period = Period(since, until)
    found = dict(
        session.execute(
            select(Dispute.outcome, func.count())
            .where(within(Dispute.resolved_at, since, until))
            .group_by(Dispute.outcome)
        ).all()
    )
    resolved = sum(int(n) for n in found.values())
    names = [*OUTCOMES, *sorted(str(k) for k in found if k not in OUTCOMES)]
    by_outcome = [
        Rate(
            key=name,
            total=resolved,
            count=int(found.get(name, 0)),
            rate=share(int(found.get(name, 0)), resolved),
        )
        for name in names
    ]
    accepted = [Offer.status == "accepted", within(Offer.updated_at, since, until)]
    amount = func.coalesce(func.sum(Offer.amount_minor), 0)
    money_given = [
        Money(currency=c, amount_minor=int(a or 0), offers=int(n))
        for c, a, n in session.execute(
            select(Offer.currency, amount, func.count()).where(*accepted).group_by(Offer.currency)
        )
    ]
    by_remedy = [
        RemedyMoney(remedy=r, currency=c, amount_minor=int(a or 0), offers=int(n))
        for r, c, a, n in session.execute(
            select(Offer.remedy, Offer.currency, amount, func.count())
            .where(*accepted)
            .group_by(Offer.remedy, Offer.currency)
        )
    ]
    return OutcomesReport(
        **header("outcomes", period, now),
        resolved=resolved,
        by_outcome=by_outcome,
        money_given=sorted(money_given, key=lambda m: (-m.amount_minor, m.currency)),
        money_by_remedy=sorted(by_remedy, key=lambda m: (-m.amount_minor, m.remedy, m.currency)),
    )


def reopens(*, session: Session, since: datetime, until: datetime, now: datetime) -> ReopenReport:
    """Of the disputes opened in the period that were ever resolved, the share reopened."""
    period = Period(since, until)
    reopened_once = Dispute.reopen_count > 0
    rows = session.execute(
        select(Dispute.category, func.count(), func.sum(case((reopened_once, 1), else_=0)))
        .where(
            within(Dispute.created_at, since, until),
            or_(
                Dispute.resolved_at.is_not(None),
                Dispute.closed_at.is_not(None),
                reopened_once,
            ),
        )
        .group_by(Dispute.category)
    ).all()
    totals = {str(k): int(t) for k, t, _ in rows}
    hits = {str(k): int(h) for k, _, h in rows}
    resolved, reopened = sum(totals.values()), sum(hits.values())
    return ReopenReport(
        **header("reopens", period, now),
        resolved=resolved,
        reopened=reopened,
        rate=share(reopened, resolved),
        by_category=rates(totals, hits),
    )


def root_causes(
    *,
    session: Session,
    since: datetime,
    until: datetime,
    now: datetime,
    bucket: Bucket | None = None,
) -> RootCauseReport:
    """Root causes of the disputes resolved in the period: counts, trend and cost."""
    period = Period(since, until)
    step = bucket or period.default_bucket()
    resolved_in = within(Dispute.resolved_at, since, until)
    found = counts(
        session.execute(
            select(Dispute.root_cause, func.count()).where(resolved_in).group_by(Dispute.root_cause)
        )
    )
    dialect = dialect_name(session)
    start = bucket_of(dialect, Dispute.resolved_at, step).label("start")
    trend = series(
        session.execute(
            select(Dispute.root_cause, start, func.count())
            .where(resolved_in)
            .group_by(Dispute.root_cause, start)
        ),
        period,
        step,
    )
    cost = [
        CauseCost(
            root_cause=str(k or "unknown"), currency=c, amount_minor=int(a or 0), disputes=int(n)
        )
        for k, c, a, n in session.execute(
            select(
                Dispute.root_cause,
                Offer.currency,
                func.coalesce(func.sum(Offer.amount_minor), 0),
                func.count(func.distinct(Offer.dispute_id)),
            )
            .join(Offer, Offer.dispute_id == Dispute.id)
            .where(resolved_in, _unindexed(dialect, Offer.status) == "accepted")
            .group_by(Dispute.root_cause, Offer.currency)
        )
    ]
    return RootCauseReport(
        **header("root_causes", period, now),
        resolved=sum(c.count for c in found),
        bucket=step,
        counts=found,
        trend=trend,
        top_by_cost=sorted(cost, key=lambda c: (-c.amount_minor, c.root_cause, c.currency)),
    )

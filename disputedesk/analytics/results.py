"""How disputes went: escalations, outcomes and money given away, reopens, root causes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from disputedesk.analytics.common import (
    as_day,
    bucket_start,
    counts,
    header,
    rates,
    series,
    summed,
    within,
)
from disputedesk.analytics.common import rate as share
from disputedesk.analytics.models import (
    RollupAccepted,
    RollupCauseCost,
    RollupEscalation,
    RollupOpened,
    RollupResolved,
)
from disputedesk.analytics.period import Bucket, Period
from disputedesk.analytics.plan import Split, split
from disputedesk.analytics.rollup import escalation_level, escalation_reason, settled
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


def _cohort(plan: Split | None, column: Any, since: datetime, until: datetime) -> Any:
    """The rows a report reads from the base table: the whole period, or what the roll-ups miss."""
    return within(column, since, until) if plan is None else plan.live_rows(column)


def _unindexed(dialect: str, column: Any) -> Any:
    """On SQLite, `column || ''`: keeps its planner from starting at every accepted offer ever
    made (10x the rows); it then starts from the period's disputes. PostgreSQL plans well alone."""
    return column.concat("") if dialect == "sqlite" else column


def escalations(
    *, session: Session, since: datetime, until: datetime, now: datetime
) -> EscalationReport:
    """Of the disputes opened in the period: how many were escalated, to which level, and why."""
    period = Period(since, until)
    plan = split(session, since, until)
    cohort = _cohort(plan, Dispute.created_at, since, until)
    rows: list[Any] = list(
        session.execute(
            select(Dispute.category, func.count(), func.count(Dispute.last_escalated_at))
            .where(cohort)
            .group_by(Dispute.category)
        ).all()
    )
    level, reason = escalation_level(), escalation_reason()
    # Levels and reasons are per escalation: read the events of the escalated disputes only.
    escalated_ids = select(Dispute.id).where(cohort, Dispute.last_escalated_at.is_not(None))
    found: list[Any] = list(
        session.execute(
            select(level, reason, func.count())
            .where(
                DisputeEvent.kind == "dispute.escalated", DisputeEvent.dispute_id.in_(escalated_ids)
            )
            .group_by(level, reason)
        ).all()
    )
    if plan is not None:
        o, e = RollupOpened, RollupEscalation
        rows += session.execute(
            select(o.category, func.sum(o.disputes), func.sum(o.escalated))
            .where(plan.rolled(o.day))
            .group_by(o.category)
        ).all()
        found += session.execute(
            select(e.level, e.reason, func.sum(e.n))
            .where(plan.rolled(e.day))
            .group_by(e.level, e.reason)
        ).all()
    totals = summed((str(k), n) for k, n, _ in rows)
    hits = {k: h for k, h in summed((str(k), h) for k, _, h in rows).items() if h}
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
    plan = split(session, since, until)
    pairs: list[Any] = list(
        session.execute(
            select(Dispute.outcome, func.count())
            .where(_cohort(plan, Dispute.resolved_at, since, until))
            .group_by(Dispute.outcome)
        ).all()
    )
    if plan is not None:
        r = RollupResolved
        pairs += session.execute(
            select(r.outcome, func.sum(r.n)).where(plan.rolled(r.day)).group_by(r.outcome)
        ).all()
    found = summed(pairs)
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
    accepted = [Offer.status == "accepted", _cohort(plan, Offer.updated_at, since, until)]
    amount = func.coalesce(func.sum(Offer.amount_minor), 0)
    given: list[Any] = list(
        session.execute(
            select(Offer.remedy, Offer.currency, amount, func.count())
            .where(*accepted)
            .group_by(Offer.remedy, Offer.currency)
        ).all()
    )
    if plan is not None:
        a = RollupAccepted
        given += session.execute(
            select(a.remedy, a.currency, func.sum(a.amount_minor), func.sum(a.offers))
            .where(plan.rolled(a.day))
            .group_by(a.remedy, a.currency)
        ).all()
    money: dict[str, list[int]] = {}
    remedies: dict[tuple[str, str], list[int]] = {}
    for remedy, currency, amt, n in given:
        for target in (
            money.setdefault(currency, [0, 0]),
            remedies.setdefault((remedy, currency), [0, 0]),
        ):
            target[0] += int(amt or 0)
            target[1] += int(n)
    money_given = [Money(currency=c, amount_minor=a, offers=n) for c, (a, n) in money.items()]
    by_remedy = [
        RemedyMoney(remedy=r, currency=c, amount_minor=a, offers=n)
        for (r, c), (a, n) in remedies.items()
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
    plan = split(session, since, until)
    reopened_once = Dispute.reopen_count > 0
    rows: list[Any] = list(
        session.execute(
            select(Dispute.category, func.count(), func.sum(case((reopened_once, 1), else_=0)))
            .where(_cohort(plan, Dispute.created_at, since, until), settled())
            .group_by(Dispute.category)
        ).all()
    )
    if plan is not None:
        o = RollupOpened
        rows += session.execute(
            select(o.category, func.sum(o.settled), func.sum(o.reopened))
            .where(plan.rolled(o.day))
            .group_by(o.category)
            .having(func.sum(o.settled) > 0)
        ).all()
    totals = summed((str(k), t) for k, t, _ in rows)
    hits = summed((str(k), h) for k, _, h in rows)
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
    plan = split(session, since, until)
    resolved_in = _cohort(plan, Dispute.resolved_at, since, until)
    dialect = dialect_name(session)
    start = bucket_of(dialect, Dispute.resolved_at, step).label("start")
    # Counts per cause and bucket: the counts per cause are their sums.
    cells = [
        (cause, as_day(s), n)
        for cause, s, n in session.execute(
            select(Dispute.root_cause, start, func.count())
            .where(resolved_in)
            .group_by(Dispute.root_cause, start)
        )
    ]
    costs: list[Any] = list(
        session.execute(
            select(
                Dispute.root_cause,
                Offer.currency,
                func.coalesce(func.sum(Offer.amount_minor), 0),
                func.count(func.distinct(Offer.dispute_id)),
            )
            .join(Offer, Offer.dispute_id == Dispute.id)
            .where(resolved_in, _unindexed(dialect, Offer.status) == "accepted")
            .group_by(Dispute.root_cause, Offer.currency)
        ).all()
    )
    if plan is not None:
        r, c = RollupResolved, RollupCauseCost
        cells += [
            (cause, bucket_start(as_day(day), step), n)
            for cause, day, n in session.execute(
                select(r.root_cause, r.day, func.sum(r.n))
                .where(plan.rolled(r.day))
                .group_by(r.root_cause, r.day)
            )
        ]
        # A dispute is resolved on one day, so its distinct count per day adds up.
        costs += session.execute(
            select(c.root_cause, c.currency, func.sum(c.amount_minor), func.sum(c.disputes))
            .where(plan.rolled(c.day))
            .group_by(c.root_cause, c.currency)
        ).all()
    found = counts(summed((cause, n) for cause, _, n in cells).items())
    per_bucket = summed(((cause, day), n) for cause, day, n in cells)
    trend = series(((k, day, n) for (k, day), n in per_bucket.items()), period, step)
    per_cost: dict[tuple[Any, str], list[int]] = {}
    for k, currency, a, n in costs:
        target = per_cost.setdefault((k, currency), [0, 0])
        target[0] += int(a or 0)
        target[1] += int(n)
    cost = [
        CauseCost(root_cause=str(k or "unknown"), currency=cur, amount_minor=a, disputes=n)
        for (k, cur), (a, n) in per_cost.items()
    ]
    return RootCauseReport(
        **header("root_causes", period, now),
        resolved=sum(c.count for c in found),
        bucket=step,
        counts=found,
        trend=trend,
        top_by_cost=sorted(cost, key=lambda c: (-c.amount_minor, c.root_cause, c.currency)),
    )

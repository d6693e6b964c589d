"""Policy friction: clauses often behind declined or refused offers, escalations and reopens."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from disputedesk.analytics.common import header, within
from disputedesk.analytics.models import RollupClause, RollupResolved
from disputedesk.analytics.period import Period
from disputedesk.analytics.plan import Split, split
from disputedesk.analytics.schemas import ClauseFriction, FrictionReport, PolicyCandidate
from disputedesk.disputes.models import Dispute, Offer

TOP_CLAUSES = 15
EXAMPLES = 5
MIN_EVIDENCE = 2
# (problem, share of the clause's offers that makes it worth a look, the change to consider)
_RULES: tuple[tuple[str, float, str], ...] = (
    (
        "declined",
        0.3,
        "Customers often turn down what this clause offers: consider a more generous remedy "
        "or a different alternative under it.",
    ),
    (
        "refused",
        0.2,
        "Approvers often refuse offers made under this clause: align its limits with what "
        "approvers accept, or change who may grant it.",
    ),
    (
        "escalated",
        0.2,
        "Disputes often escalate after an offer under this clause: let agents offer the next "
        "remedy up, or make the clause clearer to customers.",
    ),
    (
        "reopened",
        0.1,
        "Remedies granted under this clause often do not settle the dispute: check that the "
        "remedy fixes the customer's problem.",
    ),
)
_PHRASES = {
    "declined": "were declined by the customer",
    "refused": "were refused by an approver",
    "escalated": "were followed by an escalation",
    "reopened": "were accepted and the dispute was reopened later",
}


def problem_conditions() -> dict[str, Any]:
    """Per problem, the condition on an offer row that says it happened."""
    # The offer carries copies of its dispute's latest escalation and reopen times, so "an
    # escalation at or after the offer" is one comparison on the offer row: no join.
    return {
        "declined": Offer.status == "declined",
        "refused": Offer.status == "rejected",
        "escalated": Offer.dispute_escalated_at >= Offer.created_at,
        "reopened": and_(Offer.status == "accepted", Offer.dispute_reopened_at >= Offer.updated_at),
    }


def candidates(
    clauses: list[ClauseFriction], examples: dict[tuple[str, str], list[int]]
) -> list[PolicyCandidate]:
    """Policy changes worth considering, strongest evidence first (pure).

    `examples` gives, per (clause, problem), dispute ids where that problem happened.
    """
    found: list[tuple[int, PolicyCandidate]] = []
    for clause in clauses:
        for problem, threshold, change in _RULES:
            n = int(getattr(clause, problem))
            if n >= MIN_EVIDENCE and n / clause.offers >= threshold:
                evidence = (
                    f"{n} of {clause.offers} offers citing {clause.clause_id} {_PHRASES[problem]}"
                )
                found.append(
                    (
                        n,
                        PolicyCandidate(
                            clause_id=clause.clause_id,
                            change=change,
                            evidence=evidence,
                            dispute_ids=examples.get((clause.clause_id, problem), []),
                        ),
                    )
                )
    found.sort(key=lambda item: (-item[0], item[1].clause_id))
    return [c for _, c in found]


def _pick(values: list[Any], pick: Any) -> Any:
    found = [v for v in values if v is not None]
    return pick(found) if found else None


def _with_rollups(
    session: Session, plan: Split, rows: Sequence[Any], offers: int, unclear: int
) -> tuple[list[tuple[Any, ...]], int, int]:
    """The live part's per-clause rows, offers and unclear-policy count, plus the roll-ups'.

    Counts add up; the newest and oldest example of a problem are the max of the maxima and the
    min of the minima.
    """
    c = RollupClause
    counted = [c.offers, c.declined, c.refused, c.escalated, c.reopened]
    picked = [
        c.declined_max,
        c.declined_min,
        c.refused_max,
        c.refused_min,
        c.escalated_max,
        c.escalated_min,
        c.reopened_max,
        c.reopened_min,
    ]
    ends = [func.max(col) if n % 2 == 0 else func.min(col) for n, col in enumerate(picked)]
    rolled = session.execute(
        select(c.clause_id, *(func.sum(col) for col in counted), *ends)
        .where(plan.rolled(c.day))
        .group_by(c.clause_id)
    ).all()
    merged: dict[str, list[list[Any]]] = {}
    for row in rows:
        merged.setdefault(str(row[0]), []).append(list(row[1:]))
    for row in rolled:
        offers += int(row[1] or 0)  # offers citing no clause count in the total too
        if row[0] is not None:
            merged.setdefault(str(row[0]), []).append(list(row[1:]))
    out = []
    for clause, parts in merged.items():
        sums = [sum(int(p[i] or 0) for p in parts) for i in range(len(counted))]
        extremes = [
            _pick([p[len(counted) + i] for p in parts], max if i % 2 == 0 else min)
            for i in range(len(picked))
        ]
        out.append((clause, *sums, *extremes))
    r = RollupResolved
    unclear += int(
        session.scalar(
            select(func.sum(r.n)).where(plan.rolled(r.day), r.root_cause == "unclear_policy")
        )
        or 0
    )
    return out, offers, unclear


def policy_friction(
    *, session: Session, since: datetime, until: datetime, now: datetime
) -> FrictionReport:
    """Per clause cited by offers made in the period: how often the offer ran into trouble."""
    period = Period(since, until)
    plan = split(session, since, until)
    made = (
        within(Offer.created_at, since, until) if plan is None else plan.live_rows(Offer.created_at)
    )
    conditions = problem_conditions()
    columns: list[Any] = [func.sum(case((cond, 1), else_=0)) for cond in conditions.values()]
    # The newest and oldest dispute of each problem come from the same pass: examples at no
    # extra scan (a separate "newest five per clause" query costs as much as the counts).
    for cond in conditions.values():
        picked = case((cond, Offer.dispute_id))
        columns += [func.max(picked), func.min(picked)]
    rows: Sequence[Any] = session.execute(
        select(Offer.clause_id, func.count(), *columns)
        .where(made, Offer.clause_id.is_not(None))
        .group_by(Offer.clause_id)
    ).all()
    offers = session.scalar(select(func.count()).select_from(Offer).where(made)) or 0
    resolved_in = (
        within(Dispute.resolved_at, since, until)
        if plan is None
        else plan.live_rows(Dispute.resolved_at)
    )
    unclear = session.scalar(
        select(func.count())
        .select_from(Dispute)
        .where(resolved_in, Dispute.root_cause == "unclear_policy")
    )
    if plan is not None:
        rows, offers, unclear = _with_rollups(session, plan, rows, offers, unclear or 0)
    problems = list(conditions)
    examples: dict[tuple[str, str], list[int]] = {}
    clauses = []
    for r in rows:
        clause_id, counted, picks = str(r[0]), r[2 : 2 + len(problems)], r[2 + len(problems) :]
        for n, problem in enumerate(problems):
            ids = {int(v) for v in picks[2 * n : 2 * n + 2] if v is not None}
            examples[(clause_id, problem)] = sorted(ids, reverse=True)
        every = {d for p in problems for d in examples[(clause_id, p)]}
        clauses.append(
            ClauseFriction(
                clause_id=clause_id,
                offers=int(r[1]),
                **{name: int(v or 0) for name, v in zip(problems, counted, strict=True)},
                friction=sum(int(v or 0) for v in counted),
                example_dispute_ids=sorted(every, reverse=True)[:EXAMPLES],
            )
        )
    clauses = sorted(clauses, key=lambda c: (-c.friction, -c.offers, c.clause_id))[:TOP_CLAUSES]
    return FrictionReport(
        **header("policy_friction", period, now),
        offers=offers,
        clauses=clauses,
        candidates=candidates(clauses, examples),
        unclear_policy_disputes=unclear or 0,
    )

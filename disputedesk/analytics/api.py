"""REST routes: GET /api/v1/reports and /api/v1/reports/{name} (JSON, staff only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from disputedesk.actors import Actor
from disputedesk.analytics.period import Bucket, PeriodError, parse_period
from disputedesk.analytics.schemas import AnyReport, ReportBase, ReportInfo
from disputedesk.analytics.service import PER_AGENT, REPORTS, run_report
from disputedesk.apiutil import ERRORS, now, reading
from disputedesk.auth.deps import staff_actor
from disputedesk.errors import Forbidden, Invalid, NotFound

router = APIRouter(prefix="/api/v1/reports", tags=["reports"], responses=ERRORS)
Since = Annotated[
    str,
    Query(
        max_length=40,
        description="Start: 30d, 12w, 6m, 24h back from now, a date or an ISO timestamp",
    ),
]
Until = Annotated[str | None, Query(max_length=40, description="End (exclusive); default now")]


def minimum_role(name: str) -> str:
    """The lowest role that may read the report `name`."""
    return "supervisor" if name in PER_AGENT else "agent"


@router.get("", response_model=list[ReportInfo])
def list_reports(actor: Actor = Depends(staff_actor)) -> list[ReportInfo]:
    """The reports there are, and the role each needs."""
    return [
        ReportInfo(
            name=name,
            description=(report.__doc__ or "").strip(),
            minimum_role=minimum_role(name),
        )
        for name, report in REPORTS.items()
    ]


@router.get("/{name}", response_model=AnyReport)
def get_report(
    request: Request,
    name: Annotated[str, Path(max_length=40)],
    since: Since = "30d",
    until: Until = None,
    bucket: Bucket | None = None,
    actor: Actor = Depends(staff_actor),
) -> ReportBase:
    """One report over a period; per-agent reports need the supervisor role or higher."""
    if name not in REPORTS:
        raise NotFound(f"there is no report '{name}'; reports: {', '.join(REPORTS)}")
    role = minimum_role(name)
    if not actor.has_role(role):
        raise Forbidden(f"the {name} report names members of staff: it needs the {role} role")
    at = now(request)
    try:
        period = parse_period(since, until, at)
    except PeriodError as exc:
        raise Invalid(str(exc), field="since") from exc
    with reading(request) as session:
        return run_report(
            name, session=session, since=period.since, until=period.until, now=at, bucket=bucket
        )

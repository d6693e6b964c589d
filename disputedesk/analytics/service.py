"""The reports by name: every entry point (API, CLI, dashboard) runs them through here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from disputedesk.analytics.activity import response_times, volume
from disputedesk.analytics.agents import deescalation
from disputedesk.analytics.emerging import emerging_issues
from disputedesk.analytics.friction import policy_friction
from disputedesk.analytics.period import Bucket
from disputedesk.analytics.results import escalations, outcomes, reopens, root_causes
from disputedesk.analytics.schemas import ReportBase

Report = Callable[..., ReportBase]
REPORTS: dict[str, Report] = {
    "volume": volume,
    "response_times": response_times,
    "escalations": escalations,
    "outcomes": outcomes,
    "reopens": reopens,
    "root_causes": root_causes,
    "policy_friction": policy_friction,
    "deescalation": deescalation,
    "emerging_issues": emerging_issues,
}
BUCKETED = frozenset({"volume", "root_causes"})
# Reports that name individual members of staff: supervisors and above only.
PER_AGENT = frozenset({"deescalation"})


def run_report(
    name: str,
    *,
    session: Session,
    since: datetime,
    until: datetime,
    now: datetime,
    bucket: Bucket | None = None,
) -> ReportBase:
    """Run one report by name (KeyError when there is no such report)."""
    report = REPORTS[name]
    if session.get_bind().dialect.name == "postgresql":
        # These are few, large aggregates: JIT compilation costs more than it saves (about a
        # second per query at 100k disputes). SET LOCAL ends with the caller's transaction.
        session.execute(text("SET LOCAL jit = off"))
    extra: dict[str, Any] = {"bucket": bucket} if name in BUCKETED else {}
    return report(session=session, since=since, until=until, now=now, **extra)


def run_reports(
    *,
    session: Session,
    since: datetime,
    until: datetime,
    now: datetime,
    names: tuple[str, ...] = tuple(REPORTS),
    bucket: Bucket | None = None,
) -> list[ReportBase]:
    """Run several reports over the same period, in order."""
    return [
        run_report(n, session=session, since=since, until=until, now=now, bucket=bucket)
        for n in names
    ]

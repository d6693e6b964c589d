"""The reports dashboard in the staff UI (/desk/reports) and its downloads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from disputedesk.analytics.export import FORMATS, STYLESHEET, make_environment
from disputedesk.analytics.export import render as render_export
from disputedesk.analytics.period import Bucket, Period, PeriodError, parse_period
from disputedesk.analytics.schemas import ReportBase
from disputedesk.analytics.service import PER_AGENT, REPORTS, run_reports
from disputedesk.apiutil import now, reading
from disputedesk.web.render import ENV as WEB_ENV
from disputedesk.web.session import PageUser, WebUser

router = APIRouter(prefix="/desk/reports", include_in_schema=False)
PERIODS = {
    "7d": "Last 7 days",
    "30d": "Last 30 days",
    "90d": "Last 90 days",
    "365d": "Last 12 months",
}
DEFAULT_SINCE = "30d"
# A download is opened from disk, not served as a page: its own CSP allows its inline CSS only.
DOWNLOAD_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
)
_MEDIA = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
ENV = make_environment(WEB_ENV.loader) if WEB_ENV.loader else make_environment()
ENV.globals.update(WEB_ENV.globals)
for _name, _filter in WEB_ENV.filters.items():  # base.html may use any of the desk's filters
    ENV.filters.setdefault(_name, _filter)
Text = Annotated[str, Query(max_length=40)]


def _names(user: WebUser) -> tuple[str, ...]:
    return tuple(n for n in REPORTS if n not in PER_AGENT or user.actor.has_role("supervisor"))


def _period(request: Request, since: str) -> tuple[str, Period]:
    at = now(request)
    try:
        return since, parse_period(since, None, at)
    except PeriodError:
        return DEFAULT_SINCE, parse_period(DEFAULT_SINCE, None, at)


def _reports(
    request: Request, user: WebUser, period: Period, bucket: Bucket | None
) -> list[ReportBase]:
    with reading(request) as session:
        return run_reports(
            session=session,
            since=period.since,
            until=period.until,
            now=now(request),
            names=_names(user),
            bucket=bucket,
        )


@router.get("")
def dashboard(
    request: Request, user: PageUser, since: Text = DEFAULT_SINCE, bucket: Text = ""
) -> HTMLResponse:
    """The dashboard: every report the user may read, with charts."""
    since, period = _period(request, since)
    step: Bucket | None = "day" if bucket == "day" else "week" if bucket == "week" else None
    reports = _reports(request, user, period, step)
    html = ENV.get_template("analytics_dashboard.html").render(
        request_path=request.url.path,
        user=user,
        csrf_token=user.csrf_token,
        reports={r.report: r for r in reports},
        periods=PERIODS if since in PERIODS else {since: since, **PERIODS},
        since_value=since,
        bucket=step or "",
        since=period.since,
        until=period.until,
        show_agents="deescalation" in _names(user),
    )
    return HTMLResponse(html, headers={"cache-control": "no-store"})


@router.get("/reports.css")
def stylesheet() -> FileResponse:
    """The dashboard's stylesheet (a file, as the CSP wants)."""
    return FileResponse(STYLESHEET, media_type="text/css")


@router.get("/export")
def export(
    request: Request, user: PageUser, format: Text = "html", since: Text = DEFAULT_SINCE
) -> Response:
    """The reports as a download: standalone HTML, CSV or JSON."""
    fmt = format if format in FORMATS else "html"
    since, period = _period(request, since)
    reports = _reports(request, user, period, None)
    body = render_export(fmt, reports, since=period.since, until=period.until, now=now(request))
    filename = f"disputedesk-report-{period.since:%Y%m%d}-{period.until:%Y%m%d}.{fmt}"
    headers = {
        "content-disposition": f'attachment; filename="{filename}"',
        "cache-control": "no-store",
    }
    if fmt == "html":
        headers["content-security-policy"] = DOWNLOAD_CSP
    return Response(body, media_type=_MEDIA[fmt], headers=headers)

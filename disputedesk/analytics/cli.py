"""The `report` command: every report over a period, as HTML, CSV or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from disputedesk.analytics.export import FORMATS
from disputedesk.analytics.export import render as render_export
from disputedesk.analytics.period import PeriodError, parse_period
from disputedesk.analytics.service import REPORTS, run_reports
from disputedesk.config import get_settings
from disputedesk.db import make_engine, make_session_factory, utcnow


def register(app: typer.Typer) -> None:
    """Add the `report` command to a Typer app."""
    app.command("report")(report_command)


def report_command(
    since: Annotated[
        str, typer.Option(help="Start: 30d, 12w, 6m, 24h, a date or a timestamp.")
    ] = "30d",
    until: Annotated[str | None, typer.Option(help="End (exclusive); default now.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="html, csv or json.")] = "html",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
    only: Annotated[
        list[str] | None, typer.Option("--report", help="Only this report (repeatable).")
    ] = None,
) -> None:
    """Write the analytics reports for a period (HTML stands alone: inline SVG and CSS)."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    unknown = [n for n in only or [] if n not in REPORTS]
    if unknown:
        raise typer.BadParameter(
            f"no report {', '.join(unknown)}; reports: {', '.join(REPORTS)}", param_hint="--report"
        )
    at = utcnow()
    try:
        period = parse_period(since, until, at)
    except PeriodError as exc:
        raise typer.BadParameter(str(exc), param_hint="--since") from exc
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    with factory() as session:
        reports = run_reports(
            session=session,
            since=period.since,
            until=period.until,
            now=at,
            names=tuple(only) if only else tuple(REPORTS),
        )
    text = render_export(fmt, reports, since=period.since, until=period.until, now=at)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(
            f"wrote {out}: {len(reports)} reports, "
            f"{period.since:%Y-%m-%d %H:%M} to {period.until:%Y-%m-%d %H:%M} UTC",
            err=True,
        )

"""The `report` command: every report over a period, as HTML, CSV or JSON."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from disputedesk.analytics.export import FORMATS
from disputedesk.analytics.export import render as render_export
from disputedesk.analytics.period import PeriodError, parse_period
from disputedesk.analytics.rollup import rebuild
from disputedesk.analytics.service import REPORTS, run_reports
from disputedesk.config import get_settings
from disputedesk.db import make_engine, make_session_factory, unit_of_work, utcnow


def register(app: typer.Typer) -> None:
    """Add the `report` and `rebuild-rollups` commands to a Typer app."""
    app.command("report")(report_command)
    app.command("rebuild-rollups")(rebuild_rollups_command)


def rebuild_rollups_command() -> None:
    """Recompute every per-day report roll-up from the disputes (after a bulk load or import)."""
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    console = Console(stderr=True)
    started = time.perf_counter()
    with Progress(console=console) as progress, unit_of_work(factory) as session:
        task = progress.add_task("rolling up days", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        days = rebuild(session, progress=advance)
    console.print(f"rolled up {days:,} days in {time.perf_counter() - started:.1f} s")


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

"""Reports as files: a standalone HTML page with inline SVG, sectioned CSV, or JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from disputedesk.analytics import charts
from disputedesk.analytics.schemas import ReportBase, Series, TimePoint

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = Path(__file__).parent / "static" / "reports.css"
FORMATS = ("html", "csv", "json")


def duration(seconds: float | None) -> str:
    """Seconds for people: 90 -> '1 min 30 s', 200000 -> '2 d 7 h'."""
    if seconds is None:
        return "—"
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def share(value: float | None) -> str:
    """A 0..1 share as a percentage with one decimal: 0.6852 -> '68.5%'."""
    return "—" if value is None else f"{value * 100:.1f}%"


def when(value: datetime | None) -> str:
    """A timestamp for people: '2026-11-02 09:00 UTC'."""
    return "—" if value is None else value.strftime("%Y-%m-%d %H:%M UTC")


def anger(value: float | None) -> str:
    """A 0..1 anger score as a whole percentage."""
    return "—" if value is None else f"{value * 100:.0f}%"


def change(value: float | None) -> str:
    """A change of a 0..1 score in percentage points, signed: -0.21 -> '-21 pts'."""
    return "—" if value is None else f"{value * 100:+.0f} pts"


def pairs(items: list[Any]) -> list[tuple[str, float]]:
    """(label, count) of Count or Rate items, for a bar chart."""
    return [(str(i.key).replace("_", " "), i.count) for i in items]


def points(items: list[TimePoint]) -> list[tuple[date, float]]:
    """(bucket start, count) of TimePoints, for a column chart."""
    return [(p.start, p.count) for p in items]


def lines(items: list[Series]) -> list[tuple[str, list[tuple[date, float]]]]:
    """(name, points) of Series, for a line chart."""
    return [(str(s.key).replace("_", " "), points(s.points)) for s in items]


def money(amount_minor: int | None, currency: str = "USD") -> str:
    """Minor units as an amount: 12999, 'USD' -> 'USD 129.99'."""
    if amount_minor is None:
        return "—"
    sign = "-" if amount_minor < 0 else ""
    units, cents = divmod(abs(amount_minor), 100)
    return f"{sign}{currency} {units:,}.{cents:02d}"


def make_environment(*fallback: BaseLoader) -> Environment:
    """The report templates (autoescaped), with `fallback` loaders for pages that extend others."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(TEMPLATES), *fallback]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        duration=duration, share=share, money=money, label=lambda k: str(k).replace("_", " ")
    )
    env.filters.update(anger=anger, change=change, when=when)
    env.globals.update(
        pairs=pairs,
        points=points,
        lines=lines,
        bar_chart=charts.bar_chart,
        column_chart=charts.column_chart,
        line_chart=charts.line_chart,
    )
    return env


ENV = make_environment()


def by_name(reports: list[ReportBase]) -> dict[str, Any]:
    """The reports keyed by their name, as the templates take them."""
    return {r.report: r for r in reports}


def to_html(reports: list[ReportBase], *, since: datetime, until: datetime, now: datetime) -> str:
    """A page that stands alone: its CSS inline, its charts inline SVG, no script."""
    return ENV.get_template("analytics_standalone.html").render(
        reports=by_name(reports),
        since=since,
        until=until,
        generated_at=now,
        # Our own stylesheet, read from the package: not user input.
        css=Markup(STYLESHEET.read_text(encoding="utf-8")),  # noqa: S704
    )


def to_csv(reports: list[ReportBase]) -> str:
    """Every table of every report: a 'report,table' line, its header, its rows, a blank line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for report in reports:
        for title, head, rows in report.tables():
            writer.writerow([report.report, title])
            writer.writerow(head)
            writer.writerows([["" if v is None else v for v in row] for row in rows])
            writer.writerow([])
    return out.getvalue()


def to_json(reports: list[ReportBase], *, since: datetime, until: datetime, now: datetime) -> str:
    """The reports as one JSON document keyed by report name."""
    body = {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "generated_at": now.isoformat(),
        "reports": {r.report: r.model_dump(mode="json") for r in reports},
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


def render(
    fmt: str, reports: list[ReportBase], *, since: datetime, until: datetime, now: datetime
) -> str:
    """The reports in `fmt` (html, csv or json)."""
    if fmt == "html":
        return to_html(reports, since=since, until=until, now=now)
    if fmt == "csv":
        return to_csv(reports)
    if fmt == "json":
        return to_json(reports, since=since, until=until, now=now)
    raise ValueError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")

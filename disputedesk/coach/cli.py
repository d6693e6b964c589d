"""The `coach` command: score a reply draft and show findings, suggestions and elements."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from disputedesk.coach.engine import coach
from disputedesk.coach.models import DEFAULT_SEND_THRESHOLD, CoachContext, CoachReport, PlaybookStep


def register(app: typer.Typer) -> None:
    """Add the `coach` command to a Typer app."""
    app.command("coach")(coach_command)


def coach_command(
    draft: Annotated[str, typer.Argument(help="The reply draft; '-' reads it from stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract JSON.")] = False,
    threshold: Annotated[
        int, typer.Option(help="Exit with code 1 when the score is below this.", min=0, max=100)
    ] = DEFAULT_SEND_THRESHOLD,
    step: Annotated[
        PlaybookStep | None, typer.Option(help="Playbook step the reply is written for.")
    ] = None,
    company_at_fault: Annotated[bool, typer.Option(help="An apology is expected.")] = False,
    declining: Annotated[bool, typer.Option(help="The answer is no.")] = False,
    facts_missing: Annotated[bool, typer.Option(help="A clarifying question is expected.")] = False,
    action_pending: Annotated[bool, typer.Option(help="Something will happen next.")] = False,
) -> None:
    """Coach a reply draft: score, findings with suggestions, elements present and missing."""
    text = sys.stdin.read() if draft == "-" else draft
    flags = (step, company_at_fault, declining, facts_missing, action_pending)
    context = None
    if any(flags):
        context = CoachContext(
            step=step,
            company_at_fault=company_at_fault,
            declining=declining,
            facts_missing=facts_missing,
            action_pending=action_pending,
        )
    report = coach(text, context)
    if as_json:
        typer.echo(json.dumps(report.model_dump(), ensure_ascii=False))
    else:
        render(report, text, threshold, Console())
    if not report.passes(threshold):
        raise typer.Exit(code=1)


def render(report: CoachReport, draft: str, threshold: int, console: Console) -> None:
    """Print a readable report: score, highlighted evidence, suggestions, elements."""
    ok = report.passes(threshold)
    colour = "green" if ok else "red"
    verdict = "ready to send" if ok else f"below the send threshold of {threshold}"
    console.print(
        Text.assemble(("score ", "bold"), (f"{report.score}/100", f"bold {colour}"), f"  {verdict}")
    )
    if report.findings:
        highlighted = Text(draft[:2000])
        for finding in report.findings:
            if finding.end <= 2000:
                highlighted.stylize("bold red underline", finding.start, finding.end)
        console.print(highlighted)
        console.print(Text("findings", style="bold"))
        for finding in report.findings:
            line = Text("  ")
            line.append(finding.kind, style="bold red")
            line.append(f' "{finding.evidence}" ')
            line.append(f"[{finding.start}:{finding.end}]", style="dim")
            console.print(line)
            console.print(Text(f"    try: {finding.suggestion}", style="green"))
    else:
        console.print(Text("no findings", style="green"))
    console.print(Text("present: ", style="bold") + Text(", ".join(report.present) or "none"))
    console.print(Text("missing: ", style="bold") + Text(", ".join(report.missing) or "none"))

"""Channel commands: import-mail, send-mail, import and export."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from disputedesk.channels.exporter import export_disputes
from disputedesk.channels.imap_poll import ImapSettings, poll_imap
from disputedesk.channels.import_mapping import load_mapping
from disputedesk.channels.importer import BATCH_SIZE, ImportReport, import_file
from disputedesk.channels.mail_import import count_mail, import_mail
from disputedesk.channels.outbox import SmtpSettings, send_due_mail
from disputedesk.config import get_settings
from disputedesk.db import make_engine, make_session_factory, utcnow

console = Console()
err = Console(stderr=True)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def import_mail_command(
    path: Annotated[Path, typer.Argument(help="An .eml file, an mbox file or a folder of .eml")],
) -> None:
    """Import received email: new mail opens disputes, replies thread onto theirs."""
    if not path.exists():
        err.print(f"[bold red]error:[/] no such file or folder: {path}")
        raise typer.Exit(code=1)
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    total = count_mail(path)
    with _progress() as progress:
        task = progress.add_task("importing mail", total=total)
        counts = import_mail(
            factory=factory,
            path=path,
            clock=utcnow,
            advance=lambda: progress.advance(task),
        )
    summary = ", ".join(
        f"{counts[k]} {k}" for k in ("opened", "threaded", "duplicate", "quarantined")
    )
    console.print(f"{sum(counts.values())} mails: {summary}")


def send_mail_command() -> None:
    """Send the queued email that is due (SMTP settings from DISPUTEDESK_SMTP_*)."""
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    summary = send_due_mail(factory, SmtpSettings.from_env(), utcnow())
    console.print(
        f"sent {summary.sent}, failed {summary.failed} (will retry), gave up {summary.given_up}"
    )


def _rejected_table(report: ImportReport, shown: int = 20) -> Table:
    table = Table(title=f"{len(report.rejected)} rejected rows")
    for column in ("line", "external id", "reason"):
        table.add_column(column)
    for row in report.rejected[:shown]:
        table.add_row(str(row.line), row.external_id, row.reason)
    return table


def import_command(
    file: Annotated[Path, typer.Argument(help="A CSV (with a header row) or JSONL file")],
    mapping: Annotated[Path, typer.Option(help="The column mapping (YAML), see examples/")],
    rejected: Annotated[
        Path | None, typer.Option(help="Where to write the rejected rows (CSV)")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, max=10_000)] = BATCH_SIZE,
    limit: Annotated[int | None, typer.Option(min=1, help="Import at most this many rows")] = None,
) -> None:
    """Import historical disputes from another helpdesk; rerun to resume, nothing is doubled."""
    if not file.is_file():
        err.print(f"[bold red]error:[/] no such file: {file}")
        raise typer.Exit(code=1)
    try:
        spec = load_mapping(mapping)
    except (OSError, ValueError) as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(code=1) from exc
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    with _progress() as progress:
        task = progress.add_task(f"importing {file.name}", total=None)
        report = import_file(
            factory=factory,
            path=file,
            mapping=spec,
            clock=utcnow,
            batch_size=batch_size,
            limit=limit,
            advance=lambda n: progress.advance(task, n),
        )
    console.print(
        f"read {report.read} rows: {report.imported} imported, {report.skipped} already in, "
        f"{len(report.rejected)} rejected; {report.customers_created} customers created"
    )
    if report.rejected:
        target = rejected or file.with_name(file.name + ".rejected.csv")
        with target.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["line", "external_id", "reason"])
            writer.writerows((r.line, r.external_id, r.reason) for r in report.rejected)
        console.print(_rejected_table(report))
        console.print(f"all rejected rows: {target}")


def export_command(
    out: Annotated[Path, typer.Argument(help="The file to write")],
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl")] = "jsonl",
) -> None:
    """Export every dispute with its messages (CSV: one row per message; JSONL: one per dispute)."""
    if fmt not in ("csv", "jsonl"):
        err.print("[bold red]error:[/] --format must be csv or jsonl")
        raise typer.Exit(code=1)
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    with (
        factory() as session,
        out.open("w", newline="", encoding="utf-8") as handle,
        _progress() as progress,
    ):
        task = progress.add_task("exporting", total=None)
        count = export_disputes(
            session=session,
            out=handle,
            fmt="csv" if fmt == "csv" else "jsonl",
            advance=lambda: progress.advance(task),
        )
    console.print(f"wrote {count} disputes to {out}")


def poll_mail_command() -> None:
    """Ingest unseen mail from the IMAP mailbox in DISPUTEDESK_IMAP_* (run it from cron)."""
    settings = ImapSettings.from_env()
    if settings is None:
        err.print("[bold red]error:[/] set DISPUTEDESK_IMAP_HOST (and _USERNAME, _PASSWORD)")
        raise typer.Exit(code=1)
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    counts = poll_imap(settings, factory, utcnow)
    console.print(", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "no new mail")


def register(app: typer.Typer) -> None:
    """Add the channel commands to the main command line."""
    app.command("import-mail")(import_mail_command)
    app.command("send-mail")(send_mail_command)
    app.command("poll-mail")(poll_mail_command)
    app.command("import")(import_command)
    app.command("export")(export_command)

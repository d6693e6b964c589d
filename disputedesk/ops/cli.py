"""`disputedesk backup PATH` and `disputedesk restore PATH`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.engine import make_url

from disputedesk.config import get_settings
from disputedesk.ops.backup import BackupError, backup, restore

console = Console()
err = Console(stderr=True)


def _where(url: str) -> str:
    # Never print a password that the URL may carry.
    return make_url(url).render_as_string(hide_password=True)


def backup_command(
    path: Annotated[Path, typer.Argument(help="The backup file to write")],
    force: Annotated[bool, typer.Option(help="Replace an existing file")] = False,
) -> None:
    """Back up the database (SQLite: online copy; PostgreSQL: pg_dump custom format)."""
    url = get_settings().resolved_database_url()
    try:
        result = backup(url, path, force=force)
    except BackupError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(code=1) from exc
    console.print(f"backed up {_where(url)} to {result.path} ({result.size_bytes} bytes)")


def restore_command(
    path: Annotated[Path, typer.Argument(help="The backup file to restore")],
    force: Annotated[
        bool, typer.Option(help="Replace a database that already holds data (stop the desk first)")
    ] = False,
) -> None:
    """Restore a backup into the configured database (refuses one with data unless --force)."""
    url = get_settings().resolved_database_url()
    try:
        restore(url, path, force=force)
    except BackupError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(code=1) from exc
    console.print(f"restored {path} into {_where(url)}; run `disputedesk migrate` if it is older")


def register(app: typer.Typer) -> None:
    """Add the backup and restore commands to the main CLI."""
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)

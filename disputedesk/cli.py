"""The `disputedesk` command line: demo, serve, migrate, users and tokens, and the engines."""

from __future__ import annotations

import os
import secrets
import signal
import threading
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from sqlalchemy import select

from disputedesk.analysis.cli import register as register_analysis
from disputedesk.analytics.cli import register as register_analytics
from disputedesk.analytics.rollup import catch_up
from disputedesk.app import create_app
from disputedesk.auth.models import StaffUser
from disputedesk.auth.service import actor_for, create_token, create_user, list_users
from disputedesk.channels.cli import register as register_channels
from disputedesk.coach.cli import register as register_coach
from disputedesk.config import Settings, get_settings
from disputedesk.db import make_engine, make_session_factory, unit_of_work, utcnow
from disputedesk.demo.seed import DEMO_PASSWORD, has_data, load_demo
from disputedesk.errors import DomainError
from disputedesk.logs import configure_logging, log_config
from disputedesk.migrate import upgrade
from disputedesk.ops.cli import register as register_ops
from disputedesk.policies.cli import register as register_policies
from disputedesk.portal.cli import register as register_portal
from disputedesk.remedies.policy_store import upload_policy
from disputedesk.remedies.service import remedies_for
from disputedesk.workflow.worker import run_worker

app = typer.Typer(
    help="disputedesk: resolve customer disputes and complaints.", no_args_is_help=True
)
user_app = typer.Typer(help="Staff users.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
console = Console()
err = Console(stderr=True)
register_analysis(app)
register_policies(app)
register_coach(app)
register_portal(app)
register_analytics(app)
register_channels(app)
register_ops(app)


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code=1)


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema."""
    settings = get_settings()
    engine = make_engine(settings.resolved_database_url())
    upgrade(engine)
    console.print(f"database is at the newest schema ({engine.url.render_as_string()})")
    # A migration may mark report roll-ups for back-fill: compute them now, not pass by pass.
    days = catch_up(make_session_factory(engine), now=utcnow())
    if days:
        console.print(f"report roll-ups computed for {days:,} days")


@user_app.command("add")
def user_add(
    username: str,
    role: Annotated[str, typer.Option(help="agent, supervisor, manager or admin")] = "agent",
    display_name: Annotated[str | None, typer.Option(help="Name shown to colleagues")] = None,
    email: Annotated[str | None, typer.Option()] = None,
    password: Annotated[
        str | None,
        typer.Option(help="Read from DISPUTEDESK_NEW_PASSWORD or asked for when not given"),
    ] = None,
) -> None:
    """Add a member of staff."""
    password = password or os.environ.get("DISPUTEDESK_NEW_PASSWORD")
    if not password:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    try:
        with unit_of_work(factory) as session:
            user = create_user(
                session=session,
                username=username,
                password=password,
                role=role,
                display_name=display_name,
                email=email,
            )
            console.print(f"added {user.role} '{user.username}' (id {user.id})")
    except DomainError as exc:
        raise _fail(exc.message) from exc


@token_app.command("create")
def token_create(
    username: str, name: Annotated[str, typer.Option(help="What the token is for")] = "cli"
) -> None:
    """Issue an API token for a member of staff; it is printed once."""
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    with unit_of_work(factory) as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None:
            raise _fail(f"no staff user named '{username}'")
        issued = create_token(session=session, user=user, name=name)
        console.print(issued.raw, soft_wrap=True)


def _start_embedded_worker(settings: Settings) -> threading.Event | None:
    """On SQLite, `serve` runs the one worker itself (a second process would only contend)."""
    if not settings.embedded_worker or not settings.resolved_database_url().startswith("sqlite"):
        return None
    stop = threading.Event()
    factory = make_session_factory(make_engine(settings.resolved_database_url()))
    thread = threading.Thread(
        target=run_worker,
        kwargs={
            "factory": factory,
            "clock": utcnow,
            "stop": stop,
            "lease": timedelta(seconds=settings.job_lease_seconds),
        },
        name="disputedesk-worker",
        daemon=True,
    )
    thread.start()
    return stop


def _serve(settings: Settings, *, workers: int) -> None:
    if not settings.secret_key and not settings.demo_mode:
        raise _fail(
            "set DISPUTEDESK_SECRET_KEY to a long random value before serving "
            "(or run `disputedesk demo` to try the product with demo data)"
        )
    if workers > 1:
        uvicorn.run(
            "disputedesk.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_level=settings.log_level.lower(),
            log_config=log_config(settings.log_level.upper()),
        )
        return
    stop = _start_embedded_worker(settings)
    try:
        uvicorn.run(
            create_app(settings=settings),
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level.lower(),
            log_config=log_config(settings.log_level.upper()),
        )
    finally:
        if stop is not None:
            stop.set()


@app.command()
def worker(
    poll: Annotated[float, typer.Option(help="Seconds between checks when idle")] = 2.0,
) -> None:
    """Run due jobs and SLA checks until stopped (SIGTERM finishes the job in hand)."""
    settings = get_settings()
    configure_logging(settings.log_level.upper())
    factory = make_session_factory(make_engine(settings.resolved_database_url()))
    stop = threading.Event()

    def _stop(_signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    console.print("worker running; stop with Ctrl-C or SIGTERM")
    lease = timedelta(seconds=settings.job_lease_seconds)
    run_worker(factory, clock=utcnow, stop=stop, poll_seconds=poll, lease=lease)


@app.command()
def serve(
    workers: Annotated[int, typer.Option(min=1, help="API processes (PostgreSQL)")] = 1,
) -> None:
    """Serve the API and web UI."""
    _serve(get_settings(), workers=workers)


def _demo_secret(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    path.write_text(value)
    path.chmod(0o600)
    return value


@app.command()
def demo(
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve after loading")
    ] = True,
    reset: Annotated[bool, typer.Option(help="Delete the demo database first")] = False,
) -> None:
    """Start the product on its embedded default: SQLite, demo data, API and web UI."""
    settings = get_settings()
    if settings.database_url and not settings.database_url.startswith("sqlite"):
        console.print("[yellow]using the configured database, not the embedded SQLite file[/]")
    db_file = settings.data_dir / "disputedesk.sqlite3"
    if reset and not settings.database_url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    os.environ.setdefault("DISPUTEDESK_SECRET_KEY", _demo_secret(settings.data_dir))
    os.environ["DISPUTEDESK_DEMO_MODE"] = "1"
    # Services and the embedded worker read the settings too: they must see the demo secret.
    get_settings.cache_clear()
    settings = get_settings()
    engine = make_engine(settings.resolved_database_url())
    upgrade(engine)
    factory = make_session_factory(engine)
    token_file = settings.data_dir / "demo_api_token"
    with unit_of_work(factory) as session:
        loaded = has_data(session)
        if not loaded:
            with console.status("loading the demo shop (customers, orders, disputes)..."):
                summary = load_demo(session=session, now=utcnow())
            if summary.api_token:
                token_file.write_text(summary.api_token)
                token_file.chmod(0o600)
            console.print(
                f"loaded {summary.customers} customers, {summary.orders} orders and "
                f"{summary.disputes} disputes"
            )
    with unit_of_work(factory) as session:
        staff = [(u.username, u.role) for u in list_users(session=session)]
    engine.dispose()
    table = Table(title="Demo sign-in (password for every user: " + DEMO_PASSWORD + ")")
    table.add_column("username")
    table.add_column("role")
    for username, role in staff:
        table.add_row(username, role)
    console.print(table)
    base = f"http://{settings.host}:{settings.port}"
    token = (
        token_file.read_text().strip()
        if token_file.exists()
        else "(see `disputedesk token create`)"
    )
    console.print(
        Panel.fit(
            f"Web UI:   {base}/\nAPI docs: {base}/docs\nAPI token (agent): {token}\n"
            f"Try: curl -H 'Authorization: Bearer {token}' {base}/api/v1/disputes",
            title="disputedesk demo",
        )
    )
    if serve_after:
        _serve(settings, workers=1)


def main() -> None:
    """Entry point."""
    app()


@app.command()
def remedies(dispute_id: int) -> None:
    """Show the remedies the policy allows for a dispute, with the clause and who may grant them."""
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    try:
        with unit_of_work(factory) as session:
            answer = remedies_for(session=session, dispute_id=dispute_id, now=utcnow())
    except DomainError as exc:
        raise _fail(exc.message) from exc
    policy = f"{answer.policy_name} v{answer.policy_version}"
    table = Table(title=f"Remedies for dispute {dispute_id} (policy {policy})")
    for column in ("remedy", "allowed", "maximum", "role needed", "clause", "why"):
        table.add_column(column)
    for d in answer.decisions:
        table.add_row(
            d.remedy.value,
            "[green]yes[/]" if d.allowed else "[red]no[/]",
            f"{d.max_amount_minor / 100:.2f} {answer.currency}" if d.allowed else "-",
            d.required_role.value if d.required_role else "-",
            d.clause.id if d.clause else "-",
            " ".join(d.reasons)
            + (f"\n[dim]{d.boundary}[/]" if d.boundary and not d.allowed else ""),
        )
    console.print(table)


@app.command("policy-upload")
def policy_upload(
    file: Path, as_user: Annotated[str, typer.Option("--as", help="The admin uploading it")]
) -> None:
    """Store a new policy version (validated first; the previous stays readable)."""
    if not file.is_file():
        raise _fail(f"no such file: {file}")
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    try:
        with unit_of_work(factory) as session:
            user = session.scalar(select(StaffUser).where(StaffUser.username == as_user))
            if user is None:
                raise _fail(f"no staff user named '{as_user}'")
            row = upload_policy(
                session=session,
                text=file.read_text(encoding="utf-8"),
                source_name=file.name,
                actor=actor_for(user),
                now=utcnow(),
            )
            console.print(f"policy {row.name} version {row.version} is now in force")
    except DomainError as exc:
        raise _fail(exc.message) from exc

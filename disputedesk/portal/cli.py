"""The `disputedesk link` commands: issue a customer's portal link from the command line."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from disputedesk.actors import Actor
from disputedesk.config import get_settings
from disputedesk.customers.service import find_customer_by_email
from disputedesk.db import make_engine, make_session_factory, unit_of_work, utcnow
from disputedesk.errors import DomainError
from disputedesk.portal.schemas import DEFAULT_VALID_DAYS, MAX_VALID_DAYS
from disputedesk.portal.service import create_link, revoke_link

console = Console()
err = Console(stderr=True)
link_app = typer.Typer(help="Customer portal links.", no_args_is_help=True)
CLI_ACTOR = Actor(kind="system", id=None, name="command line")


@link_app.command("create")
def link_create(
    customer_email: Annotated[str, typer.Argument(help="The customer's email address")],
    dispute: Annotated[
        int | None, typer.Option(help="Limit the link to this dispute of the customer")
    ] = None,
    days: Annotated[
        int, typer.Option(min=1, max=MAX_VALID_DAYS, help="How many days the link works")
    ] = DEFAULT_VALID_DAYS,
) -> None:
    """Issue a portal link for a customer; its path is printed once."""
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    try:
        with unit_of_work(factory) as session:
            customer = find_customer_by_email(session=session, email=customer_email)
            if customer is None:
                err.print(f"[bold red]error:[/] no customer with email '{customer_email}'")
                raise typer.Exit(code=1)
            issued = create_link(
                session=session,
                customer_id=customer.id,
                dispute_id=dispute,
                now=utcnow(),
                actor=CLI_ACTOR,
                valid_days=days,
            )
            expires = issued.link.expires_at
            link_id = issued.link.id
    except DomainError as exc:
        err.print(f"[bold red]error:[/] {exc.message}")
        raise typer.Exit(code=1) from exc
    err.print(f"link {link_id} for {customer_email}, valid until {expires:%Y-%m-%d %H:%M} UTC:")
    console.print(issued.path, soft_wrap=True)


@link_app.command("revoke")
def link_revoke(link_id: Annotated[int, typer.Argument(help="The link's id")]) -> None:
    """End a portal link now."""
    factory = make_session_factory(make_engine(get_settings().resolved_database_url()))
    try:
        with unit_of_work(factory) as session:
            revoke_link(session=session, link_id=link_id, now=utcnow())
    except DomainError as exc:
        err.print(f"[bold red]error:[/] {exc.message}")
        raise typer.Exit(code=1) from exc
    console.print(f"link {link_id} revoked")


def register(app: typer.Typer) -> None:
    """Add the `link` commands to the main command line."""
    app.add_typer(link_app, name="link")

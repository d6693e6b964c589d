"""Policy commands for the disputedesk CLI: check a policy file, show a policy's clauses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from disputedesk.policies.loader import load_default_policy, load_policy_dir, load_policy_file
from disputedesk.policies.policyset import PolicyError, PolicySet
from disputedesk.policies.schema import ROLE_ORDER, UNLIMITED, Clause
from disputedesk.policies.wording import format_money


def register(app: typer.Typer) -> None:
    """Add `policy-check` and `policy-show` to a Typer app."""
    app.command("policy-check")(policy_check)
    app.command("policy-show")(policy_show)


def _load(path: Path) -> PolicySet:
    return load_policy_dir(path) if path.is_dir() else load_policy_file(path)


def policy_check(
    file: Annotated[Path, typer.Argument(help="Policy YAML file (or a folder of them).")],
) -> None:
    """Validate a policy file; print each problem as file:line: field: message."""
    if not file.exists():
        typer.echo(f"{file}: no such file", err=True)
        raise typer.Exit(code=2)
    try:
        policy = _load(file)
    except PolicyError as exc:
        for issue in exc.issues:
            typer.echo(str(issue))
        count = len(exc.issues)
        typer.echo(f"{count} problem{'s' if count != 1 else ''} found; the policy was not loaded.")
        raise typer.Exit(code=1) from None
    typer.echo(
        f"OK: {policy.label}, {len(policy.clauses)} clauses, fingerprint {policy.fingerprint[:12]}"
    )


def policy_show(
    file: Annotated[
        Path | None, typer.Argument(help="Policy YAML file; the demo shop pack when omitted.")
    ] = None,
) -> None:
    """Print a policy's clauses as a table."""
    try:
        policy = load_default_policy() if file is None else _load(file)
    except (PolicyError, OSError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from None
    console = Console(width=160)
    table = Table(title=f"{policy.label} ({policy.currency})", show_lines=True)
    for column in ("clause", "remedy", "conditions", "limits", "customer text"):
        table.add_column(column, overflow="fold")
    for clause in policy.clauses:
        table.add_row(
            f"{clause.id}\n{clause.title}",
            clause.remedy.value,
            _conditions(clause),
            _limits(clause, policy.currency),
            clause.text,
        )
    console.print(table)
    window = _validity(policy)
    console.print(f"{window}; fingerprint {policy.fingerprint[:12]}")


def _conditions(clause: Clause) -> str:
    values = clause.conditions.model_dump(exclude_none=True)
    if not values:
        return "always"
    lines = []
    for key, value in values.items():
        if isinstance(value, dict):
            value = f"{value['count']} per {value['days']} days"
        elif isinstance(value, bool):
            value = str(value).lower()
        elif isinstance(value, list):
            value = ", ".join(value)
        lines.append(f"{key}: {value}")
    return "\n".join(lines)


def _limits(clause: Clause, currency: str) -> str:
    limits = clause.limits
    lines = []
    for role in ROLE_ORDER:
        value = limits.for_role(role)
        if value is not None:
            shown = UNLIMITED if value == UNLIMITED else format_money(int(value), currency)
            lines.append(f"{role.value}: {shown}")
    if limits.max_amount_minor is not None:
        lines.append(f"max: {format_money(limits.max_amount_minor, currency)}")
    if limits.max_percent_of_order is not None:
        lines.append(f"max: {limits.max_percent_of_order}% of order")
    return "\n".join(lines) or "-"


def _validity(policy: PolicySet) -> str:
    start = policy.effective_from.isoformat() if policy.effective_from else "always"
    end = policy.expires_at.isoformat() if policy.expires_at else "no expiry"
    return f"in effect from {start}, {end if policy.expires_at is None else 'until ' + end}"

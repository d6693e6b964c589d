"""Jinja2 rendering for the portal: its own autoescaping environment and nav-free base page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
REMEDY_TEXT = {
    "refund_full": "A full refund",
    "refund_partial": "A partial refund",
    "replacement": "A replacement",
    "repair": "A repair",
    "store_credit": "Store credit",
    "goodwill_credit": "A goodwill credit",
    "explanation": "An explanation",
}
OFFER_STATUS_TEXT = {
    "offered": "Waiting for your answer",
    "accepted": "You accepted",
    "declined": "You declined",
    "withdrawn": "Withdrawn",
}
DESIRED_OUTCOMES = [
    ("refund", "A refund"),
    ("replacement", "A replacement"),
    ("repair", "A repair"),
    ("credit", "Store credit"),
    ("explanation", "An explanation"),
    ("apology", "An apology"),
    ("cancel", "To cancel"),
    ("other", "Something else"),
]


def when(value: datetime | None) -> str:
    """A timestamp for people: '2 Nov 2026, 09:00 UTC'."""
    return "—" if value is None else value.strftime("%-d %b %Y, %H:%M UTC")


def money(amount_minor: int | None, currency: str = "USD") -> str:
    """Minor units as an amount: 12999, 'USD' -> 'USD 129.99'."""
    if amount_minor is None:
        return ""
    return f"{currency} {amount_minor // 100:,}.{amount_minor % 100:02d}"


def remedy_text(remedy: str) -> str:
    """What an offered remedy is, in words for the customer."""
    return REMEDY_TEXT.get(remedy, remedy.replace("_", " "))


def offer_status_text(status: str) -> str:
    """Where an offer stands, in words for the customer."""
    return OFFER_STATUS_TEXT.get(status, status)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        when=when,
        money=money,
        remedy_text=remedy_text,
        offer_status_text=offer_status_text,
    )
    env.globals.update(desired_outcomes=DESIRED_OUTCOMES)
    return env


ENV = _environment()


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    """Render a portal page; never cached, never indexed, never sent as a referrer."""
    html = ENV.get_template(template).render(request_path=request.url.path, **context)
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={
            "cache-control": "no-store",
            # The address holds the link's token: keep it out of Referer headers and indexes.
            "referrer-policy": "no-referrer",
            "x-robots-tag": "noindex, nofollow",
        },
    )

"""Jinja2 rendering for the staff pages: one autoescaping environment and its filters."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from disputedesk.web.highlight import highlight, label
from disputedesk.web.session import WebUser

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
HTMX_CONFIG = {
    "includeIndicatorStyles": False,
    "allowEval": False,
    "allowScriptTags": False,
    "selfRequestsOnly": True,
    "historyCacheSize": 0,
    "refreshOnHistoryMiss": True,
    # Conflicts and validation errors come back as pages to show, not as failures.
    "responseHandling": [
        {"code": "204", "swap": False},
        {"code": "[23]..", "swap": True},
        {"code": "409", "swap": True},
        {"code": "422", "swap": True},
        {"code": "[45]..", "swap": False, "error": True},
    ],
}


def when(value: datetime | None) -> str:
    """A timestamp for people: '2026-11-02 09:00 UTC'."""
    if value is None:
        return "—"
    return value.strftime("%Y-%m-%d %H:%M UTC")


def _span(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h {minutes % 60:02d} min" if hours < 10 else f"{hours} h"
    return f"{hours // 24} days"


def relative(due: datetime | None, now: datetime) -> str:
    """How far a due time is from now: 'in 45 min', 'overdue by 2 h 05 min', or '—'."""
    if due is None:
        return "—"
    seconds = (due - now).total_seconds()
    return f"in {_span(seconds)}" if seconds >= 0 else f"overdue by {_span(-seconds)}"


def money(amount_minor: int | None, currency: str = "USD") -> str:
    """Minor units as an amount: 12999, 'USD' -> 'USD 129.99'."""
    if amount_minor is None:
        return "—"
    return f"{currency} {amount_minor // 100:,}.{amount_minor % 100:02d}"


def anger_level(anger: float | None) -> str:
    """A word for an anger score: calm, tense or angry."""
    if anger is None:
        return "unknown"
    if anger >= 0.6:
        return "angry"
    if anger >= 0.3:
        return "tense"
    return "calm"


def article(word: str) -> str:
    """The word with 'a' or 'an' before it: 'a supervisor', 'an agent'."""
    vowel = word[:1].lower() in ("a", "e", "i", "o", "u")
    return f"{'an' if vowel else 'a'} {word}"


def percent(value: float | None) -> str:
    """A 0..1 score as a whole percentage."""
    return "—" if value is None else f"{round(value * 100)}%"


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
        anger_level=anger_level,
        percent=percent,
        label=label,
        relative=relative,
        article=article,
    )
    env.globals.update(highlight=highlight, htmx_config=HTMX_CONFIG)
    return env


ENV = _environment()


def is_htmx(request: Request) -> bool:
    """Whether htmx sent this request (it wants a fragment, not a whole page)."""
    return request.headers.get("hx-request") == "true"


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    user: WebUser | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a template with the request, the user and their CSRF token in the context."""
    html = ENV.get_template(template).render(
        request_path=request.url.path,
        user=user,
        csrf_token=user.csrf_token if user else "",
        **context,
    )
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    response.headers["cache-control"] = "no-store"
    response.headers["vary"] = "HX-Request"
    return response

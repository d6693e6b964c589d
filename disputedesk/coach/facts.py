"""The facts of a case the composer writes from, money formatting, and the context a step "
"implies."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from disputedesk.coach.models import CoachContext, PlaybookStep

_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹", "AUD": "A$", "CAD": "C$"}
_ZERO_DECIMAL = {"JPY", "KRW", "VND", "CLP", "ISK", "HUF"}


def format_money(amount_minor: int, currency: str = "USD") -> str:
    """Format integer minor units: 12999 USD -> $129.99, 4500 EUR -> €45.00, 1200 JPY -> ¥1,200."""
    code = currency.upper()
    sign = "-" if amount_minor < 0 else ""
    minor = abs(amount_minor)
    number = f"{minor:,}" if code in _ZERO_DECIMAL else f"{minor // 100:,}.{minor % 100:02d}"
    symbol = _SYMBOLS.get(code)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {code}"


def format_date(day: date) -> str:
    """A date as people write it: 'Tuesday 4 March 2025'."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')} {day.year}"


class Offer(BaseModel):
    """A remedy the policy allows, with the clause to cite."""

    remedy: str = Field(min_length=1, description="refund, replacement, repair, store_credit, ...")
    amount_minor: int | None = Field(default=None, ge=0)
    clause_id: str | None = None
    clause_text: str | None = None


class ComposeFacts(BaseModel):
    """What the composer knows about the case; only the customer's name is required."""

    customer_name: str = Field(min_length=1)
    order_number: str | None = None
    item: str | None = None
    amount_minor: int | None = Field(default=None, ge=0)
    currency: str = "USD"
    purchased_at: date | None = None
    delivered_at: date | None = None
    desired_outcome: str | None = None
    category: str = "other"
    what_happened: str | None = None
    offer: Offer | None = None
    alternatives: list[str] = Field(default_factory=list)
    boundary_sentence: str | None = None
    missing_facts: list[str] = Field(default_factory=list)
    timeline_days: int = Field(default=3, ge=1, le=90)
    agent_name: str = "Customer Care"
    company_at_fault: bool = False


def context_for_step(facts: ComposeFacts, step: PlaybookStep) -> CoachContext:
    """The coaching context a playbook step implies for these facts."""
    amounts = [a for a in (facts.amount_minor,) if a is not None]
    allowed_max: int | None = None
    if step is PlaybookStep.offer and facts.offer and facts.offer.amount_minor is not None:
        allowed_max = max(facts.offer.amount_minor, facts.amount_minor or 0)
    return CoachContext(
        company_at_fault=facts.company_at_fault,
        declining=step is PlaybookStep.declining,
        facts_missing=bool(facts.missing_facts) and step is PlaybookStep.first_response,
        action_pending=step in (PlaybookStep.investigating, PlaybookStep.offer),
        customer_name=facts.customer_name,
        order_number=facts.order_number,
        amounts_minor=amounts,
        currency=facts.currency,
        dates=[d for d in (facts.purchased_at, facts.delivered_at) if d is not None],
        allowed_max_refund_minor=allowed_max,
        step=step,
    )

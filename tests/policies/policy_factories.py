"""Builders for dispute facts used by the policy tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from disputedesk.policies import DisputeFacts, OrderFacts, PriorRemedy, RemedyKind

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def ago(days: int) -> datetime:
    """NOW minus a number of days."""
    return NOW - timedelta(days=days)


def make_facts(
    *,
    category: str | None = "product_defect",
    amount: int = 12999,
    order_amount: int | None = None,
    status: str | None = "delivered",
    purchased_days_ago: int = 20,
    delivered_days_ago: int | None = 10,
    promised_by: date | None = None,
    warranty_until: date | None = date(2027, 5, 26),
    with_order: bool = True,
    tier: str | None = "standard",
    customer_days: int | None = 400,
    prior: tuple[tuple[RemedyKind, int], ...] = (),
    currency: str = "USD",
    now: datetime = NOW,
) -> DisputeFacts:
    """Facts for a typical demo-shop dispute, with the parts a test cares about overridden."""
    order = None
    if with_order:
        order = OrderFacts(
            amount_minor=amount if order_amount is None else order_amount,
            purchased_at=ago(purchased_days_ago),
            delivered_at=None if delivered_days_ago is None else ago(delivered_days_ago),
            promised_by=promised_by,
            warranty_until=warranty_until,
            fulfilment_status=status,
        )
    return DisputeFacts(
        now=now,
        category=category,
        amount_in_dispute_minor=amount,
        currency=currency,
        order=order,
        customer_tier=tier,
        customer_since=None if customer_days is None else ago(customer_days),
        prior_remedies=tuple(
            PriorRemedy(remedy=remedy, granted_at=ago(days), amount_minor=1000)
            for remedy, days in prior
        ),
    )

"""Each condition kind, on a small custom policy: what passes, what fails, and the reason given."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from policy_factories import make_facts

from disputedesk.policies import RemedyKind, evaluate, load_policy_text

TEMPLATE = """\
name: conditions
version: "2026.1"
currency: USD
clauses:
  - id: under-test
    title: Under test
    text: The clause under test.
    remedy: goodwill_credit
    subject: loyalty credits
    limits: {{agent: 500, max_amount_minor: 500}}
    conditions:
      {condition}
"""

CASES: list[tuple[str, str, dict[str, Any], bool, str]] = [
    (
        "purchase-in-window",
        "max_days_since_purchase: 60",
        {"purchased_days_ago": 60},
        True,
        "You placed your order 60 days ago; we offer loyalty credits within 60 days of purchase.",
    ),
    (
        "purchase-out-of-window",
        "max_days_since_purchase: 60",
        {"purchased_days_ago": 61},
        False,
        "You placed your order 61 days ago; we offer loyalty credits within 60 days of purchase.",
    ),
    (
        "purchase-today",
        "max_days_since_purchase: 60",
        {"purchased_days_ago": 0},
        True,
        "You placed your order today; we offer loyalty credits within 60 days of purchase.",
    ),
    (
        "purchase-no-order",
        "max_days_since_purchase: 60",
        {"with_order": False},
        False,
        "We couldn't find an order for this request; we offer loyalty credits within 60 days of "
        "purchase.",
    ),
    (
        "delivery-not-yet",
        "max_days_since_delivery: 30",
        {"delivered_days_ago": None},
        False,
        "Your order hasn't been delivered yet; we offer loyalty credits once it has arrived, "
        "within 30 days of delivery.",
    ),
    (
        "out-of-warranty-only",
        "within_warranty: false",
        {"warranty_until": date(2026, 1, 1)},
        True,
        "Your warranty ended on 2026-01-01; we offer loyalty credits after the warranty.",
    ),
    (
        "out-of-warranty-but-covered",
        "within_warranty: false",
        {},
        False,
        "Your item is still under warranty until 2027-05-26, which covers it instead; we offer "
        "loyalty credits once the warranty has ended.",
    ),
    (
        "tier-gold",
        "customer_tiers: [silver, gold]",
        {"tier": "gold"},
        True,
        "Your account is a gold membership; we offer loyalty credits to silver or gold members.",
    ),
    (
        "tier-standard",
        "customer_tiers: [silver, gold]",
        {"tier": "standard"},
        False,
        "Your account is a standard membership; we offer loyalty credits to silver or gold "
        "members.",
    ),
    (
        "tier-unknown",
        "customer_tiers: [gold]",
        {"tier": None},
        False,
        "We couldn't find a membership tier on your account; we offer loyalty credits to gold "
        "members.",
    ),
    (
        "tenure-long",
        "min_tenure_days: 365",
        {"customer_days": 400},
        True,
        "You have been a customer for 400 days; we offer loyalty credits to customers of at least "
        "365 days.",
    ),
    (
        "tenure-short",
        "min_tenure_days: 365",
        {"customer_days": 1},
        False,
        "You have been a customer for 1 day; we offer loyalty credits to customers of at least 365 "
        "days.",
    ),
    (
        "amount-small-enough",
        "max_amount_minor: 5000",
        {"amount": 5000},
        True,
        "The amount in question is $50.00; we offer loyalty credits for amounts up to $50.00.",
    ),
    (
        "amount-too-large",
        "max_amount_minor: 5000",
        {"amount": 5001},
        False,
        "The amount in question is $50.01; we offer loyalty credits for amounts up to $50.00.",
    ),
    (
        "amount-too-small",
        "min_amount_minor: 1000",
        {"amount": 999},
        False,
        "The amount in question is $9.99; we offer loyalty credits from $10.00.",
    ),
    (
        "status-pending",
        "order_status_in: [delivered]",
        {"status": "pending"},
        False,
        "Your order is pending; we offer loyalty credits for orders that are delivered.",
    ),
    (
        "category-unset",
        "categories: [delivery]",
        {"category": None},
        False,
        "This request isn't categorised yet; we offer loyalty credits for delivery issues.",
    ),
    (
        "window-two-allowed",
        "max_same_remedy_in_window: {count: 2, days: 30}",
        {"prior": ((RemedyKind.GOODWILL_CREDIT, 29),)},
        True,
        "You have received a goodwill credit once in the last 30 days; our policy allows two per "
        "customer every 30 days.",
    ),
    (
        "window-two-used",
        "max_same_remedy_in_window: {count: 2, days: 30}",
        {"prior": ((RemedyKind.GOODWILL_CREDIT, 29), (RemedyKind.GOODWILL_CREDIT, 3))},
        False,
        "You have received a goodwill credit twice in the last 30 days; our policy allows two per "
        "customer every 30 days.",
    ),
]


@pytest.mark.parametrize(
    ("condition", "overrides", "allowed", "reason"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_condition(condition: str, overrides: dict[str, Any], allowed: bool, reason: str) -> None:
    policy = load_policy_text(TEMPLATE.format(condition=condition), source="conditions.yaml")
    decision = evaluate(policy, make_facts(**overrides)).decision(RemedyKind.GOODWILL_CREDIT)
    assert (decision.allowed, decision.reasons) == (allowed, (reason,))
    assert decision.max_amount_minor == (500 if allowed else 0)


def test_string_version_is_kept_verbatim() -> None:
    policy = load_policy_text(TEMPLATE.format(condition="{}"), source="conditions.yaml")
    assert policy.version == "2026.1"
    decision = evaluate(policy, make_facts()).decision(RemedyKind.GOODWILL_CREDIT)
    assert decision.reasons == ("The clause under test.",)


def test_first_matching_clause_by_priority_is_cited() -> None:
    text = TEMPLATE.format(condition="customer_tiers: [gold]") + (
        "  - id: fallback\n"
        "    title: Fallback\n"
        "    text: Everyone else.\n"
        "    remedy: goodwill_credit\n"
        "    priority: 200\n"
        "    limits: {agent: 100}\n"
    )
    policy = load_policy_text(text, source="two.yaml")
    gold = evaluate(policy, make_facts(tier="gold")).decision(RemedyKind.GOODWILL_CREDIT)
    standard = evaluate(policy, make_facts(tier="standard")).decision(RemedyKind.GOODWILL_CREDIT)
    assert gold.clause is not None
    assert standard.clause is not None
    assert (gold.clause.id, gold.max_amount_minor) == ("under-test", 500)
    assert (standard.clause.id, standard.max_amount_minor) == ("fallback", 100)
